package io.parley.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code idle-memory}: K idle participants (two per room), each with control and chat open; the servers' heap
 * (after a full collection, {@code jcmd GC.run}) and RSS before the sockets are opened (rooms already made)
 * and with all of them open, per participant and per WebSocket. More than 15,000 sockets are spread over
 * several client processes, each on its own source address 127.0.0.x.
 */
final class IdleMemoryMode {

    private static final int SOCKETS_PER_CLIENT = 15_000;
    private static final long IDLE_MILLIS = 10_000;

    /** Memory before and after, in MiB, and how long the sockets took to open. */
    private record Figures(int participants, double heapBefore, double heapAfter, double rssBefore,
            double rssAfter, double connectSeconds, double idleServerCores, double idleDbCores, long failed) {

        double perSocketKb(double before, double after) {
            return (after - before) * 1024 / (participants * 2.0);
        }
    }

    private IdleMemoryMode() {
    }

    static Report run(Options options) throws IOException, InterruptedException {
        int participants = options.integer("participants", 3000);
        int rooms = participants / 2;
        String subjects = "idle-" + System.currentTimeMillis();
        Figures relay;
        try (RelayTarget target = RelayTarget.start(Bench.SERVER_CORES)) {
            relay = measure(target, rooms, subjects, 20);
        }
        Figures parley;
        try (ParleyTarget target = ParleyTarget.start(1, 20, Bench.SERVER_CORES)) {
            parley = measure(target, rooms, subjects, 20);
        }
        Report report = new Report("idle-memory", participants + " idle participants, control and chat open each");
        report.note("Heap after a full collection (jcmd GC.run, then GC.heap_info) and RSS from /proc, before the "
                + "sockets open (the rooms already made) and with every socket open; per WebSocket = difference / ("
                + "participants x 2). Idle CPU: the servers' and PostgreSQL's over 10 s with every socket open and "
                + "no traffic.");
        report.columns("target", "participants", "WebSockets", "open in s", "heap before MiB", "heap after MiB",
                "heap per WebSocket KiB", "RSS before MiB", "RSS after MiB", "RSS per WebSocket KiB",
                "idle server CPU (cores)", "idle db CPU (cores)");
        report.row(cells("Parley", parley));
        report.row(cells("relay", relay));
        report.row(List.of("**ratio**", "", "", Report.ratio(parley.connectSeconds, relay.connectSeconds),
                Report.ratio(parley.heapBefore, relay.heapBefore), Report.ratio(parley.heapAfter, relay.heapAfter),
                Report.ratio(parley.perSocketKb(parley.heapBefore, parley.heapAfter),
                        relay.perSocketKb(relay.heapBefore, relay.heapAfter)),
                Report.ratio(parley.rssBefore, relay.rssBefore), Report.ratio(parley.rssAfter, relay.rssAfter),
                Report.ratio(parley.perSocketKb(parley.rssBefore, parley.rssAfter),
                        relay.perSocketKb(relay.rssBefore, relay.rssAfter)),
                Report.ratio(parley.idleServerCores, relay.idleServerCores), ""));
        return report.end();
    }

    private static List<String> cells(String name, Figures f) {
        return List.of(name, f.participants + (f.failed > 0 ? " (" + f.failed + " failed to connect)" : ""),
                Integer.toString(f.participants * 2),
                Report.num(f.connectSeconds), Report.num(f.heapBefore), Report.num(f.heapAfter),
                Report.num(f.perSocketKb(f.heapBefore, f.heapAfter)), Report.num(f.rssBefore), Report.num(f.rssAfter),
                Report.num(f.perSocketKb(f.rssBefore, f.rssAfter)), Report.num(f.idleServerCores),
                Report.num(f.idleDbCores));
    }

    private static Figures measure(Target target, int rooms, String subjects, int agents)
            throws InterruptedException {
        int clients = (int) Math.ceil(rooms * 4.0 / SOCKETS_PER_CLIENT);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        List<ClientProcess> started = new ArrayList<>();
        int share = (rooms + clients - 1) / clients;
        for (int i = 0; i < clients; i++) {
            int first = i * share;
            int count = Math.min(share, rooms - first);
            ClientJob job = new ClientJob("idle", target.relay(), target.csrBase(), target.visitorBase(),
                    clients > 1 ? "127.0.0." + (2 + i) : null, count, first, subjects, agents, List.of(), 0, 0, 0, 60,
                    80);
            started.add(ClientProcess.start(job, Bench.CLIENT_CORES, events::add));
        }
        await(events, "rooms-made", clients);
        Thread.sleep(2000);
        double heapBefore = target.heapMb(true);
        double rssBefore = target.rssMb();
        started.forEach(ClientProcess::proceed);
        await(events, "connected", clients);
        Thread.sleep(3000);
        double[] cpuBefore = target.cpuSeconds();
        Thread.sleep(IDLE_MILLIS);
        double[] cpuAfter = target.cpuSeconds();
        double heapAfter = target.heapMb(true);
        double rssAfter = target.rssMb();
        started.forEach(ClientProcess::proceed);
        List<StepResult> results = started.stream().flatMap(c -> c.await(2).stream()).toList();
        double seconds = results.stream().mapToDouble(StepResult::seconds).max().orElse(0);
        long failed = results.stream().mapToLong(StepResult::lost).sum();
        return new Figures(rooms * 2, heapBefore, heapAfter, rssBefore, rssAfter, seconds,
                (cpuAfter[0] - cpuBefore[0]) * 1000 / IDLE_MILLIS, (cpuAfter[1] - cpuBefore[1]) * 1000 / IDLE_MILLIS,
                failed);
    }

    private static void await(BlockingQueue<String> events, String event, int count) throws InterruptedException {
        for (int seen = 0; seen < count;) {
            String next = events.poll(5, TimeUnit.MINUTES);
            if (next == null) {
                throw new IllegalStateException("the load clients did not say " + event + " within 5 minutes");
            }
            if (next.equals("ended")) {
                throw new IllegalStateException("a load client ended before it said " + event
                        + " (see target/bench-client.log)");
            }
            if (next.equals(event)) {
                seen++;
            }
        }
    }
}
