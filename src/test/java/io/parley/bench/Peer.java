package io.parley.bench;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * One participant of a room as the load client drives it: its leg token and channel URLs, and its open
 * sockets. A channel is ready when its first frame ({@code welcome} on control, {@code ready} on the others)
 * is in; frames after that go to the handlers the scenario sets.
 */
final class Peer {

    enum Channel {
        CONTROL, CHAT, VOICE;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final boolean DEBUG = System.getenv("BENCH_DEBUG") != null;
    private static int debugged;

    final String token;
    private final Map<Channel, String> urls;
    private final Map<Channel, WebSocket> sockets = new EnumMap<>(Channel.class);
    BiConsumer<Channel, String> onText = (channel, text) -> {};
    Consumer<Buffer> onBinary = frame -> {};
    long lastSeq;

    Peer(String token, Map<Channel, String> urls) {
        this.token = token;
        this.urls = urls;
    }

    /** A participant from Parley's connection details ({@code connection.token}, {@code connection.channels}). */
    static Peer of(JsonObject connection) {
        JsonObject channels = connection.getJsonObject("channels");
        Map<Channel, String> urls = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            if (channels.containsKey(channel.wire())) {
                urls.put(channel, channels.getString(channel.wire()));
            }
        }
        return new Peer(connection.getString("token"), urls);
    }

    /** Opens one channel; completes when its first frame is in. */
    Future<WebSocket> open(WebSocketClient client, Channel channel) {
        Promise<WebSocket> ready = Promise.promise();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(urls.get(channel))
                .setSubProtocols(List.of("parley.v1", "parley.token." + token));
        client.connect(options).onFailure(ready::tryFail).onSuccess(socket -> {
            sockets.put(channel, socket);
            socket.textMessageHandler(text -> {
                if (!ready.tryComplete(socket)) {
                    if (DEBUG && debugged++ < 40) {
                        System.err.println(channel + " " + text);
                    }
                    onText.accept(channel, text);
                }
            });
            socket.binaryMessageHandler(frame -> onBinary.accept(frame));
            socket.exceptionHandler(failure -> ready.tryFail(failure));
            socket.closeHandler(closed -> ready.tryFail(channel.wire() + " closed before its first frame: "
                    + socket.closeStatusCode() + " " + socket.closeReason()));
        });
        return ready.future();
    }

    /** Opens control and the given media channels, then reports them connected in a leg message. */
    Future<Void> connect(WebSocketClient client, Channel... media) {
        return open(client, Channel.CONTROL).compose(control -> {
            List<Future<WebSocket>> opened = Arrays.stream(media).map(m -> open(client, m)).toList();
            return Future.all(opened).map(all -> {
                JsonObject states = new JsonObject().put("control", "connected");
                for (Channel channel : media) {
                    states.put(channel.wire(), "connected");
                }
                control.writeTextMessage(new JsonObject().put("type", "leg-state").put("channels", states).encode());
                return null;
            });
        });
    }

    WebSocket socket(Channel channel) {
        return sockets.get(channel);
    }

    /** Closes one channel without waiting for the server's answer. */
    void drop(Channel channel) {
        WebSocket socket = sockets.remove(channel);
        if (socket != null && !socket.isClosed()) {
            socket.closeHandler(null);
            socket.close((short) 1001);
        }
    }

    void closeAll() {
        for (Channel channel : Channel.values()) {
            drop(channel);
        }
    }
}
