package io.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code flood}: a well-behaved conversation beside a flood (issue 13, §5). Bystanders: chat in {@code rooms}
 * rooms at {@code rate} messages a second (a CSR writes, the visitor reads; at most 2.5 a second per room, so
 * within the demo's per-connection chat rate), measured in a quiet window and then in a window during which
 * hostile clients ({@link FloodRun}) flood the same server with chat frames, anonymous session starts, wrong
 * passwords and WebSocket upgrades without a valid token. Parley runs with the demo's limits (not the raised
 * per-connection rates of the other modes); the bystanders' address 127.0.0.1 is exempt from the session-start
 * limit only (it makes its rooms ahead), the flooders come from addresses of their own. The relay carries the
 * same bystanders and the same flood (it has no limits: it relays and acknowledges every chat frame and answers
 * everything else 404). The flooders are a load-client process of their own (their own JVM and event loop) on
 * the clients' core, and the bystanders' client reports how late its own send tick ran, so that a client starved
 * by its flooders would show. The server's CPU is also read per thread group in each window, and a thread dump
 * of Parley is taken halfway through the flood ({@link #THREADS}).
 */
final class FloodMode {

    /** Where what PostgreSQL and the server's threads were doing halfway through Parley's flood goes. */
    static final Path THREADS = Path.of("target", "bench-flood-threads.txt");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The demo's chat rate per connection is 3/s: the bystanders stay clear of it. */
    private static final double MAX_RATE_PER_ROOM = 2.5;

    /**
     * One target's figures: the bystanders' two windows with the servers' usage and their client's tick lag (p99
     * and max, ms, by window), the flooders' tallies, the flooders' CPU (cores) while flooding, Parley's password
     * checks meanwhile, the chat flooders' messages Parley stored (-1 for the relay), the server's threads by group
     * in each window (cores used, and cores' worth of time spent runnable but waiting for a CPU), and the load
     * average before and after.
     */
    record Run(String name, List<Measured> bystanders, Map<String, double[]> lag, List<FloodTally> flood,
            double flooderCores, double passwordChecks, long floodStored,
            Map<String, Map<String, double[]>> threadCores,
            String loadBefore, String loadAfter) {

        Measured phase(String label) {
            return bystanders.stream().filter(m -> m.result().label().equals(label)).findFirst().orElseThrow();
        }
    }

    private FloodMode() {
    }

    static Report run(Options options) throws IOException, InterruptedException {
        int rooms = options.integer("flood-rooms", 100);
        double rate = options.decimal("flood-rate", 200);
        double measure = options.decimal("flood-measure", 20);
        int flooders = options.integer("chat-flooders", 10);
        List<String> floods = options.values().containsKey("floods")
                ? List.of(options.values().get("floods").split(","))
                : FloodRun.KINDS;
        if (!FloodRun.KINDS.containsAll(floods)) {
            throw new IllegalArgumentException("--floods= takes some of " + FloodRun.KINDS);
        }
        if (rate / rooms > MAX_RATE_PER_ROOM) {
            throw new IllegalArgumentException("--flood-rate=" + rate + " over --flood-rooms=" + rooms + " is more "
                    + "than " + MAX_RATE_PER_ROOM + " messages a second per room: the bystanders would hit the "
                    + "per-connection chat rate themselves; add rooms");
        }
        String subjects = "flood-" + System.currentTimeMillis();
        int agents = 20;
        Run relay;
        try (RelayTarget target = RelayTarget.start(Bench.SERVER_CORES)) {
            relay = drive(target, "relay", rooms, rate, measure, flooders, floods, subjects, agents, null);
        }
        Run parley;
        try (ParleyTarget target = ParleyTarget.start(1, agents, Bench.SERVER_CORES, ParleyTarget.LIMITED)) {
            parley = drive(target, target.name(), rooms, rate, measure, flooders, floods, subjects, agents, target);
        }
        return FloodReport.of(rooms, rate, measure, flooders, floods, parley, relay);
    }

    static String loadAverage() {
        return ProcStats.run("cat", "/proc/loadavg").trim().replaceFirst("^(\\S+ \\S+ \\S+).*", "$1");
    }

    private static Run drive(Target target, String name, int rooms, double rate, double measure, int flooders,
            List<String> floods, String subjects, int agents, ParleyTarget parley) throws InterruptedException {
        String loadBefore = loadAverage();
        BlockingQueue<String> floodEvents = new LinkedBlockingQueue<>();
        ClientProcess flood = ClientProcess.start(new ClientJob("flood", target.relay(), target.csrBase(),
                target.visitorBase(), FloodRun.CHAT, flooders, 1_000_000, subjects + "-flooders", agents, List.of(),
                0, 0, measure, 5, 80, floods), Bench.CLIENT_CORES, floodEvents::add);
        await(floodEvents, "flood-ready");
        Meter meter = new Meter(target);
        Map<String, double[]> lag = new ConcurrentHashMap<>();
        double[] flooderCpu = new double[2];
        long[] flooding = new long[2];
        double[] checks = {parley == null ? 0 : parley.passwordChecks(), 0};
        long server = target.serverPids().getFirst();
        Map<String, Map<String, double[]>> threadsAtStart = new ConcurrentHashMap<>();
        Map<String, Map<String, double[]>> threadCores = new ConcurrentHashMap<>();
        Map<String, Long> startedAt = new ConcurrentHashMap<>();
        Map<String, Instant> windowStarts = new ConcurrentHashMap<>();
        Map<String, Instant> windowEnds = new ConcurrentHashMap<>();
        FlightRecording recording = parley == null ? null : FlightRecording.start(server);
        ClientProcess bystanders = ClientProcess.start(new ClientJob("bystanders", target.relay(),
                target.csrBase(), target.visitorBase(), null, rooms, 0, subjects, agents, List.of(rate, rate),
                SteppedModes.PRIME, 2, measure, 5, 80), Bench.CLIENT_CORES, event -> {
                    meter.event(event);
                    if (event.startsWith("window-start ")) {
                        windowStarts.put(event.substring(13), Instant.now());
                        startedAt.put(event.substring(13), System.nanoTime());
                        threadsAtStart.put(event.substring(13), ProcStats.threadTimes(server));
                    } else if (event.startsWith("window-end ") && threadsAtStart.containsKey(event.substring(11))) {
                        String phase = event.substring(11);
                        windowEnds.put(phase, Instant.now());
                        double seconds = (System.nanoTime() - startedAt.get(phase)) / 1e9;
                        Map<String, double[]> before = threadsAtStart.get(phase);
                        Map<String, double[]> cores = new TreeMap<>();
                        ProcStats.threadTimes(server).forEach((thread, times) -> {
                            double[] was = before.getOrDefault(thread, new double[2]);
                            cores.put(thread, new double[] {(times[0] - was[0]) / seconds,
                                    (times[1] - was[1]) / seconds});
                        });
                        threadCores.put(phase, cores);
                    }
                    if (event.equals("window-start flood")) {
                        if (parley != null) {
                            dumpLater(parley, server, measure / 2);
                        }
                        flooderCpu[0] = ProcStats.cpuSeconds(flood.pid());
                        flooding[0] = System.nanoTime();
                        flood.proceed();
                    } else if (event.equals("window-end flood")) {
                        flood.proceed();
                        flooderCpu[1] = ProcStats.cpuSeconds(flood.pid());
                        flooding[1] = System.nanoTime();
                        checks[1] = parley == null ? 0 : parley.passwordChecks();
                    } else if (event.startsWith("lag ")) {
                        String[] parts = event.split(" ");
                        lag.put(parts[1], new double[] {Double.parseDouble(parts[2]), Double.parseDouble(parts[3])});
                    }
                });
        meter.clients(List.of(bystanders.pid()));
        List<Measured> measured = new ArrayList<>();
        for (StepResult result : bystanders.await(10)) {
            measured.add(new Measured(result, meter.usage(result.label())));
        }
        flood.await(2);
        if (recording != null) {
            StringBuilder profile = new StringBuilder();
            for (String phase : FloodRun.PHASES) {
                Path file = Path.of("target", "bench-flood-" + phase + ".jfr");
                recording.dump(windowStarts.get(phase), windowEnds.get(phase), file);
                profile.append("--- JFR ").append(phase).append(": ").append(FlightRecording.summary(file, 25))
                        .append('\n');
            }
            recording.stop();
            try {
                Files.writeString(THREADS, profile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println("no profile written: " + e);
            }
        }
        List<FloodTally> tallies = new ArrayList<>();
        for (String event : floodEvents) {
            if (event.startsWith("flood-tally ")) {
                try {
                    tallies.add(JSON.readValue(event.substring(12), FloodTally.class));
                } catch (IOException e) {
                    throw new IllegalStateException("unreadable tally: " + event, e);
                }
            }
        }
        double seconds = (flooding[1] - flooding[0]) / 1e9;
        return new Run(name, measured, lag, tallies, seconds > 0 ? (flooderCpu[1] - flooderCpu[0]) / seconds : 0,
                checks[1] - checks[0], parley == null ? -1 : parley.chatMessages(subjects + "-flooders-1"), threadCores,
                loadBefore, loadAverage());
    }

    /**
     * Halfway through the flood, for where the time goes: what PostgreSQL's sessions are doing (three times, a
     * second apart) and a thread dump of the server ({@code jcmd Thread.print}), into {@link #THREADS}; the flight
     * recordings' summaries of both windows ({@link FlightRecording}) follow there after the run.
     */
    private static void dumpLater(ParleyTarget parley, long pid, double seconds) {
        Thread dump = new Thread(() -> {
            try {
                Thread.sleep((long) (seconds * 1000));
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < 3; i++) {
                    text.append("--- pg_stat_activity ").append(i).append('\n').append(parley.activity());
                    Thread.sleep(1000);
                }
                text.append("--- jcmd Thread.print\n").append(ProcStats.run("jcmd", Long.toString(pid),
                        "Thread.print"));
                Files.writeString(THREADS, text);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                System.err.println("no thread dump: " + e);
            }
        }, "flood-thread-dump");
        dump.setDaemon(true);
        dump.start();
    }

    private static void await(BlockingQueue<String> events, String event) throws InterruptedException {
        while (true) {
            String next = events.poll(5, TimeUnit.MINUTES);
            if (next == null || next.equals("ended")) {
                throw new IllegalStateException("the flooders did not say " + event + " (see target/bench-client.log)");
            }
            if (next.equals(event)) {
                return;
            }
        }
    }
}
