package io.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The modes that step an offered rate and print, per step, Parley's figures next to the relay's:
 * {@code chat}, {@code voice}, {@code replicas-chat}, {@code replicas-voice} and {@code setup}. The relay
 * runs first, then Parley on a fresh database; each has its own client process.
 */
final class SteppedModes {

    /** Seconds of unmeasured traffic at the first rate before the first step ({@code --prime=} to change). */
    static final double PRIME = 15;

    private SteppedModes() {
    }

    static Report run(String mode, Options options) throws IOException {
        int replicas = mode.startsWith("replicas-") ? 2 : 1;
        String scenario = mode.replace("replicas-", "");
        int rooms = switch (scenario) {
            case "voice" -> options.rates("calls", "25,50,100,200").stream().mapToInt(Double::intValue).max()
                    .orElseThrow();
            case "setup" -> 0;
            default -> options.integer("rooms", 200);
        };
        List<Double> rates = switch (scenario) {
            case "voice" -> options.rates("calls", "25,50,100,200").stream().map(calls -> calls * 100).toList();
            case "setup" -> options.rates("setup-rates", "2,5,10,20,50,100,200");
            default -> options.rates("rates", "50,100,200,400,1000,2000,5000,10000");
        };
        double measure = options.decimal("measure", scenario.equals("setup") ? 10 : 8);
        double deadline = scenario.equals("setup") ? 20 : 5;
        // Longer priming lets the JIT compile the server's hot paths before anything is measured.
        double prime = options.decimal("prime", PRIME);
        String subjects = mode + "-" + System.currentTimeMillis();
        int agents = Math.max(20, Math.min(500, rooms / 10));
        List<Measured> relay;
        try (RelayTarget target = RelayTarget.start(Bench.SERVER_CORES)) {
            relay = Measured.drive(target,
                    job(scenario, target, rooms, subjects, agents, rates, measure, deadline, prime),
                    8);
        }
        List<Measured> parley;
        String name;
        boolean nats = replicas > 1 && options.has("nats");
        try (ParleyTarget target = ParleyTarget.start(replicas, agents, Bench.SERVER_CORES, ParleyTarget.SETTINGS,
                nats)) {
            name = target.name();
            FlightRecording recording = options.has("profile")
                    ? FlightRecording.start(target.serverPids().getFirst())
                    : null;
            Instant from = Instant.now().plusSeconds((long) prime);
            parley = Measured.drive(target,
                    job(scenario, target, rooms, subjects, agents, rates, measure, deadline, prime),
                    8);
            if (recording != null) {
                profile(recording, mode, from);
            }
        }
        Report report = new Report(mode, title(mode, rooms) + (nats ? ", the replicas' channel on NATS" : ""));
        report.note(note(scenario, replicas, measure, deadline, prime) + (nats ? " The NATS server is pinned with"
                + " the servers and its CPU and memory counted with theirs." : ""));
        Measured.table(report, parley, name, relay);
        return report;
    }

    /**
     * With {@code --profile}: where the first replica's time went after the priming traffic, from a flight
     * recording of the whole run ({@link FlightRecording}), into {@code target/bench-<mode>-profile.txt}.
     */
    private static void profile(FlightRecording recording, String mode, Instant from) throws IOException {
        Path file = Path.of("target", "bench-" + mode + ".jfr");
        recording.dump(from, Instant.now(), file);
        recording.stop();
        Files.writeString(Path.of("target", "bench-" + mode + "-profile.txt"), FlightRecording.summary(file, 40));
    }

    static ClientJob job(String scenario, Target target, int rooms, String subjects, int agents, List<Double> rates,
            double measure, double deadline, double prime) {
        return new ClientJob(scenario, target.relay(), target.csrBase(), target.visitorBase(), null, rooms, 0,
                subjects, agents, rates, prime, 2, measure, deadline, 80);
    }

    private static String title(String mode, int rooms) {
        return switch (mode) {
            case "chat" -> rooms + " rooms, the CSR writes, the visitor reads, stepped offered rate";
            case "replicas-chat" -> rooms + " rooms, CSR on replica 1, visitor on replica 2, stepped offered rate";
            case "voice" -> "up to " + rooms + " two-party calls (stepped), 50 frames/s each way, 80-byte payload"
                    + " + 12-byte header";
            case "replicas-voice" -> "up to " + rooms + " two-party calls (stepped) across two replicas, 50 frames/s"
                    + " each way";
            default -> "session set-up (CSR opens a room, visitor joins by subject, both open control and chat)";
        };
    }

    private static String note(String scenario, int replicas, double measure, double deadline, double prime) {
        return "Open loop: events on a fixed schedule, latency from each one's intended time; " + measure
                + " s measured after 2 s of warm-up per step (the first step after "
                + Report.num(prime) + " s at the first rate); lost = intended in the window, not in within "
                + deadline + " s. Server" + (replicas > 1 ? "s (both replicas summed)" : "")
                + " and PostgreSQL pinned to core " + Bench.SERVER_CORES + ", client to core " + Bench.CLIENT_CORES
                + "; CPU from /proc over the window, heap from jcmd GC.heap_info (not collected) at its end."
                + ("setup".equals(scenario) ? " Latency: intended start until both participants' control and chat"
                        + " are ready (two REST requests, four WebSockets)." : "");
    }
}
