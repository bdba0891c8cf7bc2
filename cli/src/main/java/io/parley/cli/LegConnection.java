package io.parley.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The CLI as an endpoint in a session: it opens its leg's control and chat channels with the
 * connection details a join answered, reports their states in a leg message as a browser does, and
 * sends and receives chat.
 */
final class LegConnection implements AutoCloseable {

    private final String legId;
    private final Channel control;
    private final Channel chat;

    private LegConnection(String legId, Channel control, Channel chat) {
        this.legId = legId;
        this.control = control;
        this.chat = chat;
    }

    /** Connects with the details of a join ({@code legId}, {@code connection}); waits until both channels are live. */
    static LegConnection open(JsonNode joined, Duration wait) {
        JsonNode details = joined.path("connection");
        String token = details.path("token").asText();
        HttpClient http = HttpClient.newHttpClient();
        Channel control = Channel.open(http, details.at("/channels/control").asText(), token, true);
        control.await("welcome", frame -> true, wait);
        Channel chat = Channel.open(http, details.at("/channels/chat").asText(), token, false);
        chat.await("ready", frame -> true, wait);
        control.send(Map.of("type", "leg-state", "channels", Map.of("control", "connected", "chat", "connected")));
        return new LegConnection(joined.path("legId").asText(), control, chat);
    }

    String legId() {
        return legId;
    }

    /** Sends a chat message and waits for its acknowledgement; answers its sequence number. */
    long say(String text, Duration wait) {
        String clientId = "cli-" + UUID.randomUUID();
        chat.send(Map.of("type", "message", "clientId", clientId, "text", text));
        JsonNode answer = chat.await(frame -> "error".equals(frame.path("type").asText())
                || "ack".equals(frame.path("type").asText()) && frame.path("clientId").asText().equals(clientId),
                "ack", wait);
        if ("error".equals(answer.path("type").asText())) {
            // Refused (a monitoring supervisor sends nothing, a rate, a leg no longer in the session): say why.
            throw new IllegalStateException("not sent: " + answer.path("code").asText() + ": "
                    + answer.path("message").asText());
        }
        return answer.path("seq").asLong();
    }

    /** The chat so far: a reply says {@code more} while later messages follow, asked for after its last one. */
    List<JsonNode> history(Duration wait) {
        List<JsonNode> messages = new ArrayList<>();
        boolean more = true;
        while (more) {
            chat.send(Map.of("type", "history", "after", messages.isEmpty() ? 0
                    : messages.getLast().path("seq").asLong()));
            JsonNode reply = chat.await("history", frame -> true, wait);
            reply.path("messages").forEach(messages::add);
            more = reply.path("more").asBoolean() && !reply.path("messages").isEmpty();
        }
        return messages;
    }

    /** The next chat message (from anyone) that matches. */
    JsonNode message(Predicate<JsonNode> matching, Duration wait) {
        return chat.await("message", matching, wait);
    }

    /** The next control frame of this type that matches. */
    JsonNode control(String type, Predicate<JsonNode> matching, Duration wait) {
        return control.await(type, matching, wait);
    }

    /** Polls for the next chat or control frame, or null after {@code wait}. */
    JsonNode next(Duration wait) {
        JsonNode frame = chat.poll(Duration.ZERO);
        return frame != null ? frame : control.poll(wait);
    }

    void leave() {
        control.send(Map.of("type", "leave"));
    }

    @Override
    public void close() {
        chat.close();
        control.close();
    }

    /**
     * One WebSocket: frames in a queue, the token offered as a subprotocol (never in the URL). The control
     * channel renews the leg's token before it expires (a socket lives no longer than its token unless
     * renewed): a minute before, or at half the remaining life of a short-lived one.
     */
    static final class Channel implements WebSocket.Listener {

        private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "parley-token-renewal");
            thread.setDaemon(true);
            return thread;
        });

        private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        private final List<JsonNode> seen = new ArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private final boolean renews;
        private volatile ScheduledFuture<?> renewal;
        private WebSocket socket;

        private Channel(boolean renews) {
            this.renews = renews;
        }

        static Channel open(HttpClient http, String url, String token, boolean renews) {
            Channel channel = new Channel(renews);
            try {
                channel.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                        .subprotocols("parley.v1", "parley.token." + token)
                        .buildAsync(URI.create(url), channel).get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot open " + url + ": " + e.getMessage(), e);
            }
            return channel;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode frame = ParleyClient.JSON.readTree(partial.toString());
                    String type = frame.path("type").asText();
                    if (renews && (type.equals("welcome") || type.equals("renewed")) && frame.hasNonNull("expiresAt")) {
                        scheduleRenewal(Instant.parse(frame.path("expiresAt").asText()));
                    }
                    if (!type.equals("renewed")) {
                        inbox.add(frame);
                    }
                } catch (JsonProcessingException | DateTimeParseException e) {
                    inbox.add(ParleyClient.JSON.createObjectNode().put("type", "unreadable"));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            inbox.add(ParleyClient.JSON.createObjectNode().put("type", "closed").put("code", statusCode)
                    .put("reason", reason));
            return null;
        }

        private void scheduleRenewal(Instant expiresAt) {
            long left = Duration.between(Instant.now(), expiresAt).toMillis();
            long delay = Math.max(1000, left > 120_000 ? left - 60_000 : left / 2);
            renewal = RENEWALS.schedule(() -> send(Map.of("type", "renew")), delay, TimeUnit.MILLISECONDS);
        }

        void send(Object message) {
            try {
                socket.sendText(ParleyClient.JSON.writeValueAsString(message), true).join();
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }

        JsonNode await(String type, Predicate<JsonNode> matching, Duration wait) {
            return await(frame -> type.equals(frame.path("type").asText()) && matching.test(frame), type, wait);
        }

        /** The first frame (seen before, or arriving within {@code wait}) that matches; {@code what} names it. */
        JsonNode await(Predicate<JsonNode> matching, String what, Duration wait) {
            for (JsonNode frame : seen) {
                if (matching.test(frame)) {
                    seen.remove(frame);
                    return frame;
                }
            }
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                JsonNode frame = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (frame == null) {
                    throw new IllegalStateException("no " + what + " within " + wait.toSeconds() + "s");
                }
                if (matching.test(frame)) {
                    return frame;
                }
                if ("error".equals(frame.path("type").asText())) {
                    throw new IllegalStateException("the service answered " + frame.path("code").asText() + ": "
                            + frame.path("message").asText());
                }
                seen.add(frame);
            }
        }

        JsonNode poll(Duration wait) {
            try {
                return inbox.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        void close() {
            ScheduledFuture<?> pending = renewal;
            if (pending != null) {
                pending.cancel(false);
            }
            if (socket != null && !socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS)
                        .exceptionally(failure -> null).join();
            }
        }
    }
}
