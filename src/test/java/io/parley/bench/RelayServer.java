package io.parley.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

/**
 * The yardstick: a plain WebSocket relay on the Vert.x the service runs on, with nothing stored, checked or
 * announced. A socket at {@code /r/<room>/<csr|visitor>/<channel>} gets {@code welcome} (control) or
 * {@code ready} first, like Parley's; a chat {@code message} goes as it came to the other participant's chat
 * and is answered with an {@code ack}; a {@code history} request is answered with an empty history; a voice
 * frame goes to the other participant's voice channel behind a 36-character sender id, as Parley's does. It has no
 * REST API: every other request (and an upgrade on any other path) is answered 404 at once.
 * Run by the driver as its own process; prints {@code listening <port>} when it is.
 */
public final class RelayServer {

    private static final Buffer SENDER = Buffer.buffer().appendUnsignedByte((short) 36)
            .appendString("00000000-0000-0000-0000-000000000000", StandardCharsets.US_ASCII.name());
    private static final String WELCOME = "{\"type\":\"welcome\"}";
    private static final String READY = "{\"type\":\"ready\"}";
    private static final String ACK = "{\"type\":\"ack\"}";
    private static final String HISTORY = "{\"type\":\"history\",\"messages\":[]}";

    private final Map<String, ServerWebSocket> sockets = new ConcurrentHashMap<>();

    private RelayServer() {
    }

    public static void main(String... args) {
        Vertx vertx = Vertx.vertx();
        RelayServer relay = new RelayServer();
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(Integer.parseInt(args[0]))
                .setWebSocketSubProtocols(List.of("parley.v1")).setPerMessageWebSocketCompressionSupported(false)
                .setMaxWebSocketFrameSize(65_536)).webSocketHandler(relay::accept)
                .requestHandler(request -> request.response().setStatusCode(404).end()).listen()
                .onSuccess(server -> System.out.println("listening " + server.actualPort()))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    private void accept(ServerWebSocket socket) {
        String[] path = socket.path().split("/");
        if (path.length != 5 || !"r".equals(path[1])) {
            socket.reject(404);
            return;
        }
        String room = path[2];
        String role = path[3];
        String channel = path[4];
        String key = room + "/" + role + "/" + channel;
        String peer = room + "/" + ("csr".equals(role) ? "visitor" : "csr") + "/" + channel;
        sockets.put(key, socket);
        socket.closeHandler(closed -> sockets.remove(key, socket));
        socket.writeTextMessage("control".equals(channel) ? WELCOME : READY);
        socket.textMessageHandler(text -> {
            if (!"chat".equals(channel)) {
                return;
            }
            if (text.startsWith("{\"type\":\"message\"")) {
                ServerWebSocket other = sockets.get(peer);
                if (other != null) {
                    other.writeTextMessage(text);
                }
                socket.writeTextMessage(ACK);
            } else if (text.startsWith("{\"type\":\"history\"")) {
                socket.writeTextMessage(HISTORY);
            }
        });
        socket.binaryMessageHandler(frame -> {
            ServerWebSocket other = sockets.get(peer);
            if (other != null) {
                other.writeBinaryMessage(SENDER.copy().appendBuffer(frame));
            }
        });
    }
}
