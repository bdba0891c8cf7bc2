package io.parley.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/bench [mode...] [--key=value...]}: load figures for the core path, each next to a plain
 * WebSocket relay's on the same box in the same invocation. Modes: {@code chat}, {@code voice},
 * {@code setup}, {@code idle-memory}, {@code reconnect}, {@code replicas-chat}, {@code replicas-voice},
 * {@code flat}, {@code flood}, {@code startup}, {@code all} (those ten), and {@code latency} (the closed-loop
 * figures of {@link ChatBenchmark}). Options, with their defaults: {@code --rooms=200
 * --rates=50,100,200,400,1000,2000,5000,10000 --calls=25,50,100,200 --setup-rates=2,5,10,20,50,100,200
 * --participants=3000 --sockets=2000 --measure=8 --flat-setup-rate=3 --flat-chat-rate=50 --flat-sessions=10000
 * --flat-agents=500 --flood-rooms=100 --flood-rate=200 --flood-measure=20 --chat-flooders=10 --starts=3}.
 */
public final class Bench {

    /** Where the servers (Parley, PostgreSQL, the relay) run, and where the load clients run. */
    static final String SERVER_CORES = "0";
    static final String CLIENT_CORES = "1";
    static final List<String> ALL = List.of("chat", "voice", "setup", "idle-memory", "reconnect", "replicas-chat",
            "replicas-voice", "flat", "flood", "startup");

    private Bench() {
    }

    public static void main(String... args) throws Exception {
        List<String> modes = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("all")) {
                modes.addAll(ALL);
            } else if (!arg.startsWith("--")) {
                modes.add(arg);
            }
        }
        if (modes.isEmpty()) {
            modes.addAll(ALL);
        }
        Options options = Options.parse(Arrays.asList(args));
        // Stopped early (Ctrl-C, kill): no server, database, relay or client outlives the driver.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroy), "bench-stop"));
        if (modes.contains("latency")) {
            ChatBenchmark.main();
            modes.remove("latency");
        }
        List<String> failed = new ArrayList<>();
        for (String mode : modes) {
            long started = System.nanoTime();
            String header = Report.header();
            try {
                Report report = switch (mode) {
                    case "chat", "voice", "setup", "replicas-chat", "replicas-voice" -> SteppedModes.run(mode, options);
                    case "idle-memory" -> IdleMemoryMode.run(options);
                    case "reconnect" -> ReconnectMode.run(options);
                    case "flat" -> FlatMode.run(options);
                    case "flood" -> FloodMode.run(options);
                    case "startup" -> StartupMode.run(options);
                    default -> throw new IllegalArgumentException("unknown mode " + mode + "; modes: " + ALL
                            + ", all, latency");
                };
                report.note("(" + mode + " took " + (System.nanoTime() - started) / 1_000_000_000 + " s)");
                report.publish(header);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            } catch (Exception e) {
                System.err.println(mode + " failed: " + e);
                e.printStackTrace();
                failed.add(mode);
            }
        }
        System.exit(failed.isEmpty() ? 0 : 1);
    }
}
