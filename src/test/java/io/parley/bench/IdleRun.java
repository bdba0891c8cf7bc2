package io.parley.bench;

import java.util.List;

import io.parley.bench.Peer.Channel;
import io.parley.bench.Rooms.Room;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;

/**
 * Idle participants for the memory figures: makes the rooms, says {@code @rooms-made} and waits for the
 * driver (who reads the server's memory before), connects every participant's control and chat, says
 * {@code @connected} (participants that could not connect are counted as lost) and waits again (the driver
 * reads the memory with them open), then closes them.
 */
final class IdleRun {

    private final Vertx vertx;
    private final WebSocketClient client;
    private final ClientJob job;

    IdleRun(Vertx vertx, WebSocketClient client, ClientJob job) {
        this.vertx = vertx;
        this.client = client;
        this.job = job;
    }

    Future<List<StepResult>> run() {
        return new Rooms(vertx, job).makeAll(job.firstRoom(), job.rooms(), 32).compose(rooms -> {
            LoadClient.event("rooms-made");
            return LoadClient.awaitDriver(vertx).compose(go -> {
                long t0 = System.nanoTime();
                int[] failed = {0};
                return Rooms.inBatches(rooms.size() * 2, 200, i -> peer(rooms, i).connect(client, Channel.CHAT)
                        .recover(failure -> {
                            if (failed[0]++ < 5) {
                                System.err.println("participant " + i + " did not connect: " + failure);
                            }
                            return Future.succeededFuture();
                        }))
                        .compose(connected -> {
                            double seconds = (System.nanoTime() - t0) / 1e9;
                            LoadClient.event("connected");
                            return LoadClient.awaitDriver(vertx).map(released -> {
                                rooms.forEach(room -> {
                                    room.csr().closeAll();
                                    room.visitor().closeAll();
                                });
                                long sockets = rooms.size() * 4L;
                                return List.of(new StepResult("idle", sockets, seconds, sockets, sockets - failed[0],
                                        failed[0], 0, 0, 0, 0));
                            });
                        });
            });
        });
    }

    private static Peer peer(List<Room> rooms, int i) {
        return i % 2 == 0 ? rooms.get(i / 2).csr() : rooms.get(i / 2).visitor();
    }
}
