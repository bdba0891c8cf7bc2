package io.parley.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Option;

/**
 * A leg in a session from the terminal: its control and chat channels connected and reported, the transcript and
 * what arrives printed, each line typed (or each --send) sent. How the leg is joined is the command's.
 */
abstract class LegChat extends Call {

    @Option(names = "--send", paramLabel = "TEXT", description = "Send this message (repeatable) instead of reading"
            + " the terminal")
    List<String> send = new ArrayList<>();

    @Option(names = "--expect", paramLabel = "TEXT", description = "Wait for a message containing TEXT from another"
            + " endpoint; fail (exit 1) if none arrives within --timeout")
    String expect;

    @Option(names = "--timeout", defaultValue = "PT10S", paramLabel = "DURATION",
            description = "How long to wait for --expect, as ISO-8601 (default: 10 s)")
    Duration timeout;

    @Option(names = "--leave", description = "Leave the session when done (otherwise the leg stays)")
    boolean leave;

    /** Joins the session (or switches the leg): the answer with the leg's connection details. */
    abstract JsonNode join(ParleyClient client);

    /** The session's id, as given. */
    abstract String session();

    @Override
    void run(ParleyClient client) {
        JsonNode joined = join(client);
        try (LegConnection leg = LegConnection.open(joined, Duration.ofSeconds(10))) {
            out().println("joined session " + session() + " as leg " + leg.legId() + "; control and chat connected");
            List<JsonNode> history = leg.history(Duration.ofSeconds(10));
            history.forEach(message -> out().println(line(message)));
            out().flush();
            boolean expected = expect != null && history.stream().anyMatch(this::expected);
            if (!send.isEmpty() || expect != null) {
                for (String text : send) {
                    out().println("sent #" + leg.say(text, Duration.ofSeconds(10)));
                }
                if (expect != null && !expected) {
                    out().println(line(leg.message(this::expected, timeout)));
                }
            } else {
                interactive(leg);
            }
            if (leave) {
                leg.leave();
                out().println("left the session");
            }
            out().flush();
        } catch (IllegalStateException e) {
            throw new Failed(e.getMessage());
        }
    }

    /** A message from another endpoint with the text --expect waits for (one's own messages carry a clientId). */
    private boolean expected(JsonNode message) {
        return !message.hasNonNull("clientId") && message.path("text").asText().contains(expect);
    }

    /** Sends each line typed; prints what arrives; stops at the end of input or when the session ends. */
    private void interactive(LegConnection leg) {
        LinkedBlockingQueue<String> typed = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    typed.add(line);
                }
            } catch (Exception e) {
                // end of input
            }
            typed.add("\u0000");
        });
        while (true) {
            String line;
            try {
                line = typed.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if ("\u0000".equals(line)) {
                break;
            }
            if (line != null && !line.isBlank()) {
                leg.say(line, Duration.ofSeconds(10));
            }
            for (JsonNode frame = leg.next(Duration.ZERO); frame != null; frame = leg.next(Duration.ZERO)) {
                String type = frame.path("type").asText();
                if (type.equals("message")) {
                    out().println(line(frame));
                } else if (type.equals("session-ended")) {
                    out().println("the session ended: " + frame.path("reason").asText());
                    out().flush();
                    reader.interrupt();
                    return;
                }
                out().flush();
            }
        }
    }

    /** A message as a line: its time, who wrote it, and whether it is coaching or a private note (staff only). */
    private static String line(JsonNode message) {
        String at = message.path("at").asText();
        int t = at.indexOf('T');
        return "[" + (t < 0 || at.length() < t + 9 ? at : at.substring(t + 1, t + 9)) + "] "
                + (message.path("coaching").asBoolean() ? "(coaching) " : "")
                + (message.path("note").asBoolean() ? "(note) " : "")
                + message.path("name").asText() + ": " + message.path("text").asText();
    }

    /** What a script waited for did not happen. Exit code 1. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }
}
