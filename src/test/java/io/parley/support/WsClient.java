package io.parley.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real WebSocket client for tests: connects to a channel with a leg token the way a browser does (as a
 * subprotocol), records every frame it receives, and waits for the ones a test expects. Built on the
 * JDK's client, whose listener is in place before the first frame can arrive, so none is missed.
 */
public final class WsClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final LinkedBlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    private volatile Short closeCode;
    private volatile long closedAt;
    private volatile boolean failed;
    private WebSocket socket;

    private WsClient() {
    }

    /** Connects to {@code url} sending the token as the {@code parley.token.<token>} subprotocol. */
    public static WsClient connect(String url, String token) {
        return connect(url, List.of("parley.v1", "parley.token." + token), null);
    }

    /** Connects with the token in an {@code Authorization: Bearer} header instead (as the CLI may). */
    public static WsClient connectWithHeader(String url, String token) {
        return connect(url, List.of(), "Bearer " + token);
    }

    /** Tries to connect and answers the failure (for refused upgrades): its message names the HTTP status. */
    public static Throwable refusal(String url, String token) {
        try {
            connect(url, token).close();
            return null;
        } catch (RuntimeException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    private static WsClient connect(String url, List<String> subprotocols, String authorization) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size())
                    .toArray(String[]::new));
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        try {
            client.socket = builder.buildAsync(URI.create(url), client.new Listener()).get(WAIT.toMillis(),
                    TimeUnit.MILLISECONDS);
            return client;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException handshake) {
                throw new IllegalStateException("could not connect to " + url, new IllegalStateException(
                        "upgrade refused with HTTP " + handshake.getResponse().statusCode()));
            }
            throw new IllegalStateException("could not connect to " + url, cause);
        } catch (Exception e) {
            throw new IllegalStateException("could not connect to " + url, e);
        }
    }

    /** Frames in, in order; the next one is asked for only when this one is recorded. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();
        private final List<byte[]> binary = new ArrayList<>();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    inbox.add(JSON.readTree(text.toString()));
                } catch (JsonProcessingException e) {
                    inbox.add(JSON.createObjectNode().put("type", "unparseable").put("text", text.toString()));
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] part = new byte[data.remaining()];
            data.get(part);
            binary.add(part);
            if (last) {
                int size = binary.stream().mapToInt(b -> b.length).sum();
                byte[] frame = new byte[size];
                int at = 0;
                for (byte[] piece : binary) {
                    System.arraycopy(piece, 0, frame, at, piece.length);
                    at += piece.length;
                }
                binaries.add(frame);
                binary.clear();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedAt = System.nanoTime();
            closeCode = (short) statusCode;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failed = true;
        }
    }

    public synchronized WsClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public synchronized WsClient sendBinary(byte[] frame) {
        socket.sendBinary(ByteBuffer.wrap(frame), true).join();
        return this;
    }

    /** The next binary frame, waiting up to ten seconds. */
    public byte[] awaitBinary() {
        try {
            byte[] frame = binaries.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no binary frame within " + WAIT);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public WsClient send(Object message) {
        try {
            return send(JSON.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The next received frame of this type that matches, waiting up to ten seconds. */
    public JsonNode await(String type, Predicate<JsonNode> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (JsonNode frame : seen) {
            if (type.equals(frame.path("type").asText()) && matching.test(frame)) {
                seen.remove(frame);
                return frame;
            }
        }
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode frame;
            try {
                frame = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (frame == null) {
                throw new AssertionError("no '" + type + "' frame as expected within " + WAIT + "; received: " + seen);
            }
            if (type.equals(frame.path("type").asText()) && matching.test(frame)) {
                return frame;
            }
            seen.add(frame);
        }
    }

    public JsonNode await(String type) {
        return await(type, frame -> true);
    }

    /** Every frame received so far that no {@link #await} took. */
    public List<JsonNode> unclaimed() {
        inbox.drainTo(seen);
        return List.copyOf(seen);
    }

    /** Waits until the server closes the connection and answers its close code. */
    public short awaitClose() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (closeCode == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (closeCode == null) {
            throw new AssertionError("the server did not close the connection");
        }
        return closeCode;
    }

    /** When the server's close arrived ({@link System#nanoTime()}); after {@link #awaitClose()}. */
    public long closedAt() {
        return closedAt;
    }

    /** Nothing to stop: the JDK client's threads do not keep a program alive. */
    public static void shutdown() {
    }

    public boolean isClosed() {
        return closeCode != null || failed || socket.isInputClosed();
    }

    /**
     * Returns once the server has handled every frame sent so far: frames of a connection are handled in
     * order, so the answer to a frame without a type says the ones before are in.
     */
    public void awaitHandled() {
        send("{}");
        await("error", frame -> frame.path("code").asText().equals("unknown-message-type"));
    }

    /** Ends the connection at once, without the closing handshake (whose end the server may wait for). */
    public void drop() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS)
                    .exceptionally(failure -> null).join();
        }
    }
}
