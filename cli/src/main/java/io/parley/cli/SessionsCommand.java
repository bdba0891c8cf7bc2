package io.parley.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sessions", description = "Sessions, newest first (staff see all, a customer its own).",
        footerHeading = "%nExamples:%n",
        footer = {"  parley sessions --service sales --state waiting -u operator -p parley",
                "  parley sessions --watch --state waiting -u sam -p parley"})
final class SessionsCommand extends Call {

    /** Changes that come together (a queue, an offer, a leg) are listed once. */
    private static final Duration SETTLE = Duration.ofMillis(250);

    @Option(names = "--service", description = "Only this service's")
    String service;

    @Option(names = "--state", description = "Only sessions in this state: waiting, active or ended")
    String state;

    @Option(names = {"-w", "--watch"}, description = "Print the list again whenever it changes, until interrupted:"
            + " when the live stream tells of a change (supervisors and operators), else every --interval")
    boolean watch;

    @Option(names = "--interval", defaultValue = "PT2S", paramLabel = "DURATION",
            description = "How often --watch looks when the live stream is not open to you, as to agents"
                    + " (default: 2 s)")
    Duration interval;

    private JsonNode shown;

    @Override
    void run(ParleyClient client) {
        list(client);
        if (!watch) {
            return;
        }
        try {
            try (LiveStream stream = LiveStream.open(client)) {
                new Refresh(SETTLE, null, System.nanoTime()).watch(stream, this::mayChangeTheList, () -> list(client),
                        err());
            } catch (ParleyClient.Refused refused) {
                if (refused.status() != 403) {
                    throw refused;
                }
                // An agent lists its own sessions but may not follow the stream: it looks as it always did.
                err().println("(the live stream is for supervisors and operators: looking every "
                        + BigDecimal.valueOf(interval.toMillis(), 3).stripTrailingZeros().toPlainString()
                        + " s instead)");
                err().flush();
                while (true) {
                    Thread.sleep(interval);
                    list(client);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean mayChangeTheList(LiveStream.Entry entry) {
        return entry.event().equals("session")
                && (service == null || service.equals(entry.data().path("service").asText()));
    }

    /** Lists the sessions, and prints them when they are not what was printed last. */
    private void list(ParleyClient client) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("service", service);
        query.put("state", state);
        JsonNode sessions = client.get("api/sessions" + ParleyClient.query(query));
        if (!sessions.equals(shown)) {
            if (shown != null) {
                out().println();
            }
            print(sessions, Sessions.COLUMNS);
            shown = sessions;
        }
    }
}
