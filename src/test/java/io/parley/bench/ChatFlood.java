package io.parley.bench;

import java.util.ArrayList;
import java.util.List;

import io.parley.bench.Peer.Channel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

/**
 * Chat flooders of the {@code flood} mode, each the visitor of a room of its own (made beforehand, control and
 * chat open): on the word go each writes {@code message} frames on its chat socket as fast as the socket takes
 * them (up to the write queue's high-water mark, then on drain), and when the server closes the socket it opens
 * it again at once with the same token and goes on, as a hostile client would. Acks count as accepted, a
 * {@code rate-limited} error frame and a close {@code 1008} as refusals (the first of either is the limit).
 */
final class ChatFlood implements Flooder {

    /** Frames written in one go before the event loop is let go (the other flooders and the counters). */
    private static final int SLICE = 64;

    private final Vertx vertx;
    private final ClientJob job;
    private final String address;
    private final List<Peer> flooders = new ArrayList<>();
    private final FloodTally.Counter counter;
    private WebSocketClient client;
    private boolean running;
    private long frames;

    /** {@code job.rooms()} flooders in rooms {@code job.firstRoom()...}, from {@code address}. */
    ChatFlood(Vertx vertx, ClientJob job, String address) {
        this.vertx = vertx;
        this.job = job;
        this.address = address;
        this.counter = new FloodTally.Counter("chat", job.rooms() + " legs' chat sockets from " + address,
                job.rooms());
    }

    /** Makes the flooders' rooms and connects each visitor's control and chat. */
    @Override
    public Future<Void> prepare() {
        client = vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(address)
                .setMaxConnections(1000).setConnectTimeout(30_000));
        return new Rooms(vertx, job).makeAll(job.firstRoom(), job.rooms(), 8).compose(made -> {
            made.forEach(room -> flooders.add(room.visitor()));
            return Rooms.inBatches(flooders.size(), 8, i -> flooders.get(i).connect(client, Channel.CHAT));
        }).mapEmpty();
    }

    @Override
    public String kind() {
        return "chat";
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < flooders.size(); i++) {
            flood(i, flooders.get(i).socket(Channel.CHAT));
        }
    }

    @Override
    public FloodTally stop() {
        running = false;
        flooders.forEach(Peer::closeAll);
        return counter.tally();
    }

    private void flood(int i, WebSocket chat) {
        boolean[] refused = {false};
        flooders.get(i).onText = (channel, text) -> {
            if (channel != Channel.CHAT) {
                return;
            }
            if (text.contains("\"type\":\"ack\"")) {
                counter.accepted++;
            } else if (text.contains("\"type\":\"error\"") && text.contains("\"rate-limited\"")) {
                counter.refused(i, "error rate-limited", true);
                refused[0] = true;
            }
        };
        chat.closeHandler(closed -> {
            Short code = chat.closeStatusCode();
            counter.refused(i, "close " + code + " " + chat.closeReason(), code != null && code == 1008);
            if (running) {
                counter.reconnects++;
                reopen(i);
            }
        });
        pump(i, chat);
    }

    private void reopen(int i) {
        flooders.get(i).open(client, Channel.CHAT).onSuccess(chat -> flood(i, chat)).onFailure(failure -> {
            counter.failed++;
            if (running) {
                vertx.setTimer(10, t -> reopen(i));
            }
        });
    }

    private void pump(int i, WebSocket chat) {
        for (int n = 0; n < SLICE && running && !chat.isClosed() && !chat.writeQueueFull(); n++) {
            counter.sent(i);
            chat.writeTextMessage("{\"type\":\"message\",\"clientId\":\"flood-" + frames++
                    + "\",\"text\":\"flood\"}");
        }
        if (!running || chat.isClosed()) {
            return;
        }
        if (chat.writeQueueFull()) {
            chat.drainHandler(drained -> pump(i, chat));
        } else {
            vertx.runOnContext(next -> pump(i, chat));
        }
    }
}
