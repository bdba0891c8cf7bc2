package io.parley.bench;

import java.util.ArrayList;
import java.util.List;

import io.parley.bench.Peer.Channel;
import io.parley.bench.Rooms.Room;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;

/**
 * Session set-up at stepped offered rates, open loop: at each intended time a CSR opens a new room and a
 * visitor joins it by its subject (two REST requests, one after the other), then both open control and chat
 * (at once) and report them connected. The latency runs from the intended time until both participants' two
 * channels are ready. The rooms of a step stay open until the step is measured, then are closed.
 */
final class SetupRun {

    private final Vertx vertx;
    private final WebSocketClient client;
    private final ClientJob job;
    private final Rooms rooms;
    private int step;

    SetupRun(Vertx vertx, WebSocketClient client, ClientJob job) {
        this.vertx = vertx;
        this.client = client;
        this.job = job;
        this.rooms = new Rooms(vertx, job);
    }

    Future<List<StepResult>> run() {
        return steps(new ArrayList<>());
    }

    private Future<List<StepResult>> steps(List<StepResult> results) {
        if (step >= job.rates().size() || (!results.isEmpty() && results.getLast().collapsed())) {
            return Future.succeededFuture(results);
        }
        double rate = job.rates().get(step++);
        return step(rate).compose(result -> {
            results.add(result);
            Promise<Void> pause = Promise.promise();
            vertx.setTimer(2000, t -> pause.complete());
            return pause.future();
        }).compose(paused -> steps(results));
    }

    private Future<StepResult> step(double rate) {
        String label = String.format("%.0f sessions/s", rate);
        long start = System.nanoTime() + 200_000_000L;
        long windowStart = start + (long) ((job.warmup() + (step == 1 ? job.prime() : 0)) * 1e9);
        long windowEnd = windowStart + (long) (job.measure() * 1e9);
        Schedule schedule = new Schedule(start, rate);
        long total = schedule.countWithin(windowEnd - start);
        LatencyLog log = new LatencyLog(windowStart, windowEnd, (long) (job.deadline() * 1e9));
        vertx.setTimer(Math.max(1, (windowStart - System.nanoTime()) / 1_000_000), t -> LoadClient.event(
                "window-start " + label));
        vertx.setTimer(Math.max(1, (windowEnd - System.nanoTime()) / 1_000_000), t -> LoadClient.event(
                "window-end " + label));
        List<Room> opened = new ArrayList<>();
        Promise<StepResult> done = Promise.promise();
        long[] next = {0};
        int first = job.firstRoom() + step * 1_000_000;
        vertx.setPeriodic(1, tick -> {
            long due = Math.min(total, schedule.dueBy(System.nanoTime()));
            while (next[0] < due) {
                long k = next[0]++;
                long intended = schedule.intended(k);
                log.sent(intended);
                rooms.make(first + (int) k).compose(room -> {
                    opened.add(room);
                    return Future.all(room.csr().connect(client, Channel.CHAT),
                            room.visitor().connect(client, Channel.CHAT));
                }).onSuccess(ready -> log.received(intended, System.nanoTime()));
            }
            if (next[0] >= total) {
                vertx.cancelTimer(tick);
                vertx.setPeriodic(50, poll -> {
                    if (log.settled(System.nanoTime())) {
                        vertx.cancelTimer(poll);
                        opened.forEach(room -> {
                            room.csr().closeAll();
                            room.visitor().closeAll();
                        });
                        done.complete(log.result(label, rate));
                    }
                });
            }
        });
        return done.future();
    }
}
