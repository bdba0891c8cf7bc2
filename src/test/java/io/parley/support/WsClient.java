package io.parley.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A real WebSocket client for tests: connects to a channel with a leg token the way a browser does (as a
 * subprotocol), records every frame it receives, and waits for the ones a test expects.
 */
public final class WsClient implements AutoCloseable {

    private static final Vertx VERTX = Vertx.vertx();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ClientWebSocket socket;
    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final LinkedBlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    private volatile Short closeCode;

    /** Handlers are in place before the connection opens, so no frame sent on open is missed. */
    private WsClient(ClientWebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(text -> {
            try {
                inbox.add(JSON.readTree(text));
            } catch (JsonProcessingException e) {
                inbox.add(JSON.createObjectNode().put("type", "unparseable").put("text", text));
            }
        });
        socket.binaryMessageHandler(buffer -> binaries.add(buffer.getBytes()));
        socket.closeHandler(ignored -> closeCode = socket.closeStatusCode());
    }

    /** Connects to {@code url} sending the token as the {@code parley.token.<token>} subprotocol. */
    public static WsClient connect(String url, String token) {
        return connect(url, List.of("parley.v1", "parley.token." + token), null);
    }

    /** Connects with the token in an {@code Authorization: Bearer} header instead (as the CLI does). */
    public static WsClient connectWithHeader(String url, String token) {
        return connect(url, List.of(), "Bearer " + token);
    }

    /** Tries to connect and answers the failure (for refused upgrades). */
    public static Throwable refusal(String url, String token) {
        try {
            connect(url, token).close();
            return null;
        } catch (RuntimeException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    private static WsClient connect(String url, List<String> subprotocols, String authorization) {
        WebSocketClient client = VERTX.createWebSocketClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(url)
                .setSubProtocols(subprotocols);
        if (authorization != null) {
            options.addHeader("Authorization", authorization);
        }
        WsClient ws = new WsClient(client.webSocket());
        try {
            ws.socket.connect(options).toCompletionStage().toCompletableFuture().get(WAIT.toMillis(),
                    TimeUnit.MILLISECONDS);
            return ws;
        } catch (Exception e) {
            throw new IllegalStateException("could not connect to " + url, e);
        }
    }

    public WsClient send(String text) {
        socket.writeTextMessage(text);
        return this;
    }

    public WsClient sendBinary(byte[] frame) {
        socket.writeBinaryMessage(Buffer.buffer(frame));
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

    /** Stops the client's event loop, for programs (not tests) that end when their work is done. */
    public static void shutdown() {
        VERTX.close().toCompletionStage().toCompletableFuture().join();
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
