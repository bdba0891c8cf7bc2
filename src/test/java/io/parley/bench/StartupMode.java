package io.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.parley.EmbeddedDatabase;
import io.parley.support.ParleyProcess;

/**
 * {@code startup}: start to ready of the packaged service against a PostgreSQL of its own (external to it, as in
 * production), {@code --starts=3} times each way: as built, and with a JDK AOT cache ({@code -XX:AOTCache}) trained
 * in the same invocation by one run that starts, serves a few requests and stops ({@code -XX:AOTCacheOutput}, as
 * {@code bin/aot-cache} does). Each on the servers' core alone and on both cores, launched pinned. Beside it the
 * relay's start to listening. Ready is the first 200 of {@code /q/health/ready}, asked every 10 ms from the moment
 * the process is spawned; CPU is what the process used until then.
 */
final class StartupMode {

    private static final Path CACHE = Path.of("target", "bench-parley.aot");
    private static final Map<String, String> SETTINGS = Map.of("quarkus.shutdown.delay", "0s");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One start: wall time to ready, CPU to ready, RSS at ready. */
    private record Start(double millis, double cpuSeconds, double rssMb) {
    }

    private StartupMode() {
    }

    static Report run(Options options) throws IOException, InterruptedException {
        int starts = options.integer("starts", 3);
        String both = Bench.SERVER_CORES + "," + Bench.CLIENT_CORES;
        Report report = new Report("startup", "start to ready, JVM, PostgreSQL already running");
        report.note("Median of " + starts + " starts each (min–max in brackets). The AOT cache is the JDK's own "
                + "(JEP 483/514, JDK 25), trained once in this run; it must be trained by the same JDK build with the "
                + "same class path as the runs that use it. CPU: the process's user + system time until ready.");
        Path data = Path.of("target", "bench-postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data, true)) {
            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("data").resolve("postmaster.pid"))
                    .getFirst().trim());
            ProcStats.pinTree(postmaster, Bench.SERVER_CORES);
            Map<String, String> datasource = database.datasourceProperties();
            train(datasource);
            report.note("Cache file: " + Files.size(CACHE) / (1024 * 1024) + " MiB.");
            report.columns("target", "cores", "start to ready ms", "ratio to the relay", "CPU s to ready",
                    "RSS at ready MiB");
            for (String cores : List.of(Bench.SERVER_CORES, both)) {
                List<Start> relay = new ArrayList<>();
                for (int i = 0; i < starts; i++) {
                    relay.add(relayStart(cores));
                }
                List<Start> plain = new ArrayList<>();
                List<Start> cached = new ArrayList<>();
                for (int i = 0; i < starts; i++) {
                    plain.add(parleyStart(cores, List.of(), datasource));
                    cached.add(parleyStart(cores, List.of("-XX:AOTCache=" + CACHE), datasource));
                }
                double relayMillis = median(relay, Start::millis);
                String budget = cores.contains(",") ? "2" : "1";
                report.row(cells("Parley", budget, plain, relayMillis));
                report.row(cells("Parley with the AOT cache", budget, cached, relayMillis));
                report.row(cells("relay", budget, relay, relayMillis));
            }
        }
        return report.end();
    }

    /** The training run: start, a few operator requests and a customer's session start, stop; the JDK writes it. */
    private static void train(Map<String, String> datasource) throws IOException, InterruptedException {
        Files.deleteIfExists(CACHE);
        try (ParleyProcess parley = ParleyProcess.spawn(List.of("taskset", "-c", Bench.SERVER_CORES),
                List.of("-XX:AOTCacheOutput=" + CACHE), datasource, SETTINGS,
                Path.of("target", "bench-parley-train.log"))) {
            parley.awaitReady(Duration.ofSeconds(120), Duration.ofMillis(100));
            for (String path : List.of("/api/services", "/api/agents", "/api/sessions")) {
                HTTP.send(HttpRequest.newBuilder(URI.create(parley.url() + path))
                        .header("Authorization", ParleyTarget.OPERATOR).build(), HttpResponse.BodyHandlers.ofString());
            }
            HTTP.send(HttpRequest.newBuilder(URI.create(parley.url() + "/api/sessions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"support\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            parley.terminate();
            // The JDK assembles the cache when the process exits, in a child JVM of its own.
            parley.awaitExit(Duration.ofMinutes(3));
        }
        if (!Files.exists(CACHE)) {
            throw new IllegalStateException("the training run wrote no AOT cache (see target/bench-parley-train.log)");
        }
    }

    private static Start parleyStart(String cores, List<String> jvmOptions, Map<String, String> datasource)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        try (ParleyProcess parley = ParleyProcess.spawn(List.of("taskset", "-c", cores), jvmOptions, datasource,
                SETTINGS, Path.of("target", "bench-parley-0.log"))) {
            parley.awaitReady(Duration.ofSeconds(120), Duration.ofMillis(10));
            double millis = (System.nanoTime() - started) / 1e6;
            return new Start(millis, ProcStats.cpuSeconds(parley.pid()), ProcStats.rssKb(parley.pid()) / 1024.0);
        }
    }

    private static Start relayStart(String cores) {
        long started = System.nanoTime();
        try (RelayTarget relay = RelayTarget.start(cores)) {
            double millis = (System.nanoTime() - started) / 1e6;
            long pid = relay.serverPids().getFirst();
            return new Start(millis, ProcStats.cpuSeconds(pid), ProcStats.rssKb(pid) / 1024.0);
        }
    }

    private static List<String> cells(String name, String cores, List<Start> starts, double relayMillis) {
        double millis = median(starts, Start::millis);
        double[] all = starts.stream().mapToDouble(Start::millis).sorted().toArray();
        return List.of(name, cores,
                Report.num(millis) + " (" + Report.num(all[0]) + "–" + Report.num(all[all.length - 1])
                        + ")",
                Report.ratio(millis, relayMillis), Report.num(median(starts, Start::cpuSeconds)),
                Report.num(median(starts, Start::rssMb)));
    }

    private static double median(List<Start> starts, ToDoubleFunction<Start> figure) {
        double[] values = starts.stream().mapToDouble(figure).sorted().toArray();
        return values.length == 0 ? -1 : values[values.length / 2];
    }
}
