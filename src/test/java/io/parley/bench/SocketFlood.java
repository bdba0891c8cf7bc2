package io.parley.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * The socket-open flooder of the {@code flood} mode: from a few source addresses, {@code inFlight} WebSocket
 * upgrades at a time, each on a new connection, the next as soon as one is answered; in turn without a token, with
 * a token that is not one (wrong alphabet), with a well-formed token signed with another key, on a session
 * channel of a made-up session and on {@code /ws/endpoint}. Every refusal of the upgrade (its HTTP status) is
 * the limit here; an upgrade that is accepted counts as accepted and is closed.
 */
final class SocketFlood implements Flooder {

    private static final String FORGED = forged();

    private final Vertx vertx;
    private final List<WebSocketClient> clients = new ArrayList<>();
    private final FloodTally.Counter counter;
    private final String wsBase;
    private final int inFlight;
    private boolean running;
    private int made;

    SocketFlood(Vertx vertx, String base, List<String> addresses, int inFlight) {
        this.vertx = vertx;
        for (String address : addresses) {
            clients.add(vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(address)
                    .setMaxConnections(inFlight * 2).setConnectTimeout(10_000)));
        }
        this.counter = new FloodTally.Counter("sockets", addresses.size() + " addresses (" + String.join(", ",
                addresses) + "), " + inFlight + " upgrades in flight each", addresses.size());
        this.wsBase = base.replaceFirst("^http", "ws");
        this.inFlight = inFlight;
    }

    /**
     * One upgrade from each address to a path that is no channel, before the flood: the client's code loaded, so
     * that the first upgrade of the flood is timed and not the client's start. No limit counts it.
     */
    @Override
    public Future<Void> prepare() {
        List<Future<Void>> tries = new ArrayList<>();
        for (WebSocketClient client : clients) {
            tries.add(client.connect(new WebSocketConnectOptions().setAbsoluteURI(wsBase + "/ws/warm-up")
                    .setTimeout(30_000)).compose(WebSocket::close, refused -> Future.succeededFuture()));
        }
        return Future.all(tries).mapEmpty();
    }

    @Override
    public String kind() {
        return "sockets";
    }

    @Override
    public void start() {
        running = true;
        for (int source = 0; source < clients.size(); source++) {
            for (int i = 0; i < inFlight; i++) {
                next(source);
            }
        }
    }

    @Override
    public FloodTally stop() {
        running = false;
        return counter.tally();
    }

    private void next(int source) {
        if (!running) {
            return;
        }
        int n = made++;
        String path = n % 4 == 3 ? "/ws/endpoint"
                : "/ws/sessions/" + UUID.randomUUID() + "/legs/" + UUID.randomUUID() + "/chat";
        WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(wsBase + path)
                .setTimeout(60_000);
        switch (n % 3) {
            case 0 -> options.setSubProtocols(List.of("parley.v1"));
            case 1 -> options.setSubProtocols(List.of("parley.v1", "parley.token.not*a*token!" + n));
            default -> options.setSubProtocols(List.of("parley.v1", "parley.token." + FORGED));
        }
        counter.sent(source);
        clients.get(source).connect(options).onComplete(answer -> {
            if (answer.succeeded()) {
                counter.accepted++;
                answer.result().close();
                next(source);
            } else if (answer.cause() instanceof UpgradeRejectedException rejected) {
                counter.refused(source, Integer.toString(rejected.getStatus()), true);
                next(source);
            } else {
                counter.failed++;
                vertx.setTimer(10, t -> next(source));
            }
        });
    }

    /** A token shaped like Parley's (HS256 JWT, leg claims) with a signature of another key. */
    private static String forged() {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = url.encodeToString(("{\"kind\":\"leg\",\"sid\":\"" + UUID.randomUUID() + "\",\"exp\":"
                + (System.currentTimeMillis() / 1000 + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + url.encodeToString(new byte[32]);
    }
}
