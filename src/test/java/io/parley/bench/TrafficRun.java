package io.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

import io.parley.bench.Peer.Channel;
import io.parley.bench.Rooms.Room;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;

/**
 * Chat or voice traffic through open rooms at stepped offered rates. Chat: each room's CSR sends
 * {@code message} frames whose text is the intended send time, round robin over the rooms, and its visitor
 * receives them. Voice: both participants of each call send binary frames (12-byte header, then the intended
 * time in the payload) and the other receives them with the sender's leg id in front. Stops stepping after a
 * rate that collapsed. Voice steps the number of calls that talk: a rate of 100 frames/s per call. The
 * {@code bystanders} scenario of the {@code flood} mode is chat in two steps at one rate, labelled {@code quiet}
 * and {@code flood} (the driver floods during the second), never stopped early, and each step also reports how
 * late this client's own 1 ms send tick ran ({@code @lag <label> <p99 ms> <max ms>}): a client too busy to send
 * on time would show there, not only in the latencies.
 */
final class TrafficRun {

    private final Vertx vertx;
    private final WebSocketClient client;
    private final ClientJob job;
    private final boolean voice;
    private final boolean phased;
    private final List<Room> rooms = new ArrayList<>();
    private LatencyLog log;
    /** Voice: the calls that talk in this step (the first ones; 100 frames/s each, 50 each way). */
    private int calls;
    private int step;

    TrafficRun(Vertx vertx, WebSocketClient client, ClientJob job) {
        this.vertx = vertx;
        this.client = client;
        this.job = job;
        this.voice = "voice".equals(job.scenario());
        this.phased = "bystanders".equals(job.scenario());
    }

    Future<List<StepResult>> run() {
        Channel media = voice ? Channel.VOICE : Channel.CHAT;
        return new Rooms(vertx, job).makeAll(job.firstRoom(), job.rooms(), 32).compose(made -> {
            rooms.addAll(made);
            rooms.forEach(this::listen);
            return Rooms.inBatches(rooms.size() * 2, 100, i -> (i % 2 == 0 ? rooms.get(i / 2).csr()
                    : rooms.get(i / 2).visitor()).connect(client, media));
        }).compose(connected -> steps(new ArrayList<>()));
    }

    private Future<List<StepResult>> steps(List<StepResult> results) {
        if (step >= job.rates().size() || (!phased && !results.isEmpty() && results.getLast().collapsed())) {
            rooms.forEach(room -> {
                room.csr().closeAll();
                room.visitor().closeAll();
            });
            return Future.succeededFuture(results);
        }
        double rate = job.rates().get(step++);
        return step(rate).compose(result -> {
            results.add(result);
            Promise<Void> pause = Promise.promise();
            vertx.setTimer(1000, t -> pause.complete());
            return pause.future();
        }).compose(paused -> steps(results));
    }

    private Future<StepResult> step(double rate) {
        calls = voice ? Math.min(rooms.size(), (int) Math.round(rate / 100)) : 0;
        String label = phased ? FloodRun.PHASES.get(step - 1)
                : voice ? calls + " calls" : String.format("%.0f msg/s", rate);
        long start = System.nanoTime() + 200_000_000L;
        long windowStart = start + (long) ((job.warmup() + (step == 1 ? job.prime() : 0)) * 1e9);
        long windowEnd = windowStart + (long) (job.measure() * 1e9);
        Schedule schedule = new Schedule(start, rate);
        long total = schedule.countWithin(windowEnd - start);
        log = new LatencyLog(windowStart, windowEnd, (long) (job.deadline() * 1e9));
        vertx.setTimer(Math.max(1, (windowStart - System.nanoTime()) / 1_000_000), t -> LoadClient.event(
                "window-start " + label));
        vertx.setTimer(Math.max(1, (windowEnd - System.nanoTime()) / 1_000_000), t -> LoadClient.event(
                "window-end " + label));
        Promise<StepResult> done = Promise.promise();
        long[] next = {0};
        int thisStep = step;
        Histogram lag = new Histogram(60_000_000L, 3);
        long[] lastTick = {0};
        vertx.setPeriodic(1, tick -> {
            long now = System.nanoTime();
            if (lastTick[0] > 0 && now >= windowStart && now < windowEnd) {
                lag.recordValue(Math.max(0, (now - lastTick[0]) / 1000 - 1000));
            }
            lastTick[0] = now;
            long due = Math.min(total, schedule.dueBy(System.nanoTime()));
            while (next[0] < due) {
                long k = next[0]++;
                send(thisStep, k, schedule.intended(k));
            }
            if (next[0] >= total) {
                vertx.cancelTimer(tick);
                vertx.setPeriodic(50, poll -> {
                    if (log.settled(System.nanoTime())) {
                        vertx.cancelTimer(poll);
                        if (phased) {
                            LoadClient.event(String.format(Locale.ROOT, "lag %s %.3f %.3f", label,
                                    lag.getValueAtPercentile(99) / 1000.0, lag.getMaxValue() / 1000.0));
                        }
                        done.complete(log.result(label, rate));
                    }
                });
            }
        });
        return done.future();
    }

    private void send(int thisStep, long k, long intended) {
        log.sent(intended);
        if (voice) {
            int streams = calls * 2;
            int stream = (int) (k % streams);
            Room room = rooms.get(stream / 2);
            Peer sender = stream % 2 == 0 ? room.csr() : room.visitor();
            long seq = k / streams;
            Buffer frame = Buffer.buffer(12 + job.payload()).appendUnsignedInt(seq).appendUnsignedInt(seq * 960)
                    .appendByte((byte) 1).appendByte((byte) 0).appendShort((short) 0).appendLong(intended)
                    .appendBytes(new byte[job.payload() - 8]);
            sender.socket(Channel.VOICE).writeBinaryMessage(frame);
        } else {
            Peer sender = rooms.get((int) (k % rooms.size())).csr();
            sender.socket(Channel.CHAT).writeTextMessage("{\"type\":\"message\",\"clientId\":\"c" + thisStep + "-" + k
                    + "\",\"text\":\"" + intended + "\"}");
        }
    }

    private void listen(Room room) {
        if (voice) {
            room.csr().onBinary = this::heard;
            room.visitor().onBinary = this::heard;
        } else {
            room.visitor().onText = (channel, text) -> {
                if (log != null && channel == Channel.CHAT && text.contains("\"message\"")) {
                    JsonObject message = new JsonObject(text);
                    if ("message".equals(message.getString("type"))) {
                        log.received(Long.parseLong(message.getString("text")), System.nanoTime());
                    }
                }
            };
        }
    }

    private void heard(Buffer frame) {
        if (log == null) {
            return;
        }
        int prefix = 1 + frame.getUnsignedByte(0);
        log.received(frame.getLong(prefix + 12), System.nanoTime());
    }
}
