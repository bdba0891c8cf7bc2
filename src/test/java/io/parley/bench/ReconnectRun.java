package io.parley.bench;

import java.util.ArrayList;
import java.util.List;

import io.parley.bench.Peer.Channel;
import io.parley.bench.Rooms.Room;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;

/**
 * A reconnect storm: every participant connects control and chat, each CSR writes one message and both sides
 * note the last sequence number they saw; then every chat socket is closed at once and reopened at once with
 * the same token, asking for the history after its last sequence number. The latency of a socket runs from
 * the moment of the drop until its {@code history} answer is in.
 */
final class ReconnectRun {

    private final Vertx vertx;
    private final WebSocketClient client;
    private final ClientJob job;

    ReconnectRun(Vertx vertx, WebSocketClient client, ClientJob job) {
        this.vertx = vertx;
        this.client = client;
        this.job = job;
    }

    Future<List<StepResult>> run() {
        List<Peer> peers = new ArrayList<>();
        return new Rooms(vertx, job).makeAll(job.firstRoom(), job.rooms(), 32).compose(rooms -> {
            rooms.forEach(room -> {
                peers.add(room.csr());
                peers.add(room.visitor());
            });
            return Rooms.inBatches(peers.size(), 100, i -> peers.get(i).connect(client, Channel.CHAT))
                    .compose(connected -> history(rooms));
        }).compose(seen -> storm(peers));
    }

    /** Each CSR writes one message; done when every visitor has it. */
    private Future<Void> history(List<Room> rooms) {
        Promise<Void> all = Promise.promise();
        int[] waiting = {rooms.size()};
        for (Room room : rooms) {
            room.csr().onText = (channel, text) -> lastSeq(room.csr(), channel, text, "ack");
            room.visitor().onText = (channel, text) -> {
                if (lastSeq(room.visitor(), channel, text, "message") && --waiting[0] == 0) {
                    all.tryComplete();
                }
            };
            room.csr().socket(Channel.CHAT).writeTextMessage(new JsonObject().put("type", "message")
                    .put("clientId", "before-drop").put("text", "hello").encode());
        }
        vertx.setTimer(60_000, t -> all.tryFail(waiting[0] + " visitors never got their message"));
        return all.future();
    }

    private static boolean lastSeq(Peer peer, Channel channel, String text, String type) {
        if (channel != Channel.CHAT) {
            return false;
        }
        JsonObject frame = new JsonObject(text);
        if (!type.equals(frame.getString("type"))) {
            return false;
        }
        peer.lastSeq = Math.max(peer.lastSeq, frame.getLong("seq", 0L));
        return true;
    }

    private Future<List<StepResult>> storm(List<Peer> peers) {
        LoadClient.event("window-start drop");
        long dropped = System.nanoTime();
        LatencyLog log = new LatencyLog(dropped, dropped + 1, (long) (job.deadline() * 1e9));
        peers.forEach(peer -> peer.drop(Channel.CHAT));
        for (Peer peer : peers) {
            log.sent(dropped);
            peer.onText = (channel, text) -> {
                if (channel == Channel.CHAT && text.contains("\"history\"")) {
                    log.received(dropped, System.nanoTime());
                }
            };
            peer.open(client, Channel.CHAT).onSuccess(chat -> chat.writeTextMessage(new JsonObject()
                    .put("type", "history").put("after", peer.lastSeq).encode()));
        }
        Promise<List<StepResult>> done = Promise.promise();
        vertx.setPeriodic(20, poll -> {
            if (log.settled(System.nanoTime())) {
                vertx.cancelTimer(poll);
                LoadClient.event("window-end drop");
                StepResult result = log.result("drop", peers.size());
                peers.forEach(Peer::closeAll);
                done.complete(List.of(result));
            }
        });
        return done.future();
    }
}
