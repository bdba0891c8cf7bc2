package io.parley.bench;

import java.util.ArrayList;
import java.util.List;

/** One step's figures from the client with the servers' CPU and memory over its window. */
record Measured(StepResult result, Meter.Usage usage) {

    /** Runs one client job against the target and pairs each step with what the meter read around it. */
    static List<Measured> drive(Target target, ClientJob job, int minutes) {
        Meter meter = new Meter(target);
        ClientProcess client = ClientProcess.start(job, Bench.CLIENT_CORES, meter::event);
        meter.clients(List.of(client.pid()));
        List<Measured> measured = new ArrayList<>();
        for (StepResult result : client.await(minutes)) {
            measured.add(new Measured(result, meter.usage(result.label())));
        }
        return measured;
    }

    static final String[] COLUMNS = {"step", "target", "delivered/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms",
            "lost", "server CPU (cores)", "db CPU (cores)", "client CPU (cores)", "server RSS MiB", "heap MiB"};

    List<String> cells(String target) {
        return List.of(result.label(), target, Report.num(result.deliveredPerSecond()), Report.num(result.p50()),
                Report.num(result.p99()), Report.num(result.p999()), Report.num(result.max()),
                result.lost() + " of " + result.sent(), Report.num(usage.serverCores()), Report.num(usage.dbCores()),
                Report.num(usage.clientCores()), Report.num(usage.rssMb()), Report.num(usage.heapMb()));
    }

    /** Every figure of this step divided by the same figure of {@code base} (the relay's). */
    List<String> ratioTo(Measured base) {
        StepResult b = base.result;
        Meter.Usage u = base.usage;
        return List.of(result.label(), "**ratio**", Report.ratio(result.deliveredPerSecond(), b.deliveredPerSecond()),
                Report.ratio(result.p50(), b.p50()), Report.ratio(result.p99(), b.p99()),
                Report.ratio(result.p999(), b.p999()), Report.ratio(result.max(), b.max()),
                b.lost() == 0 ? (result.lost() == 0 ? "=" : "relay 0") : Report.ratio(result.lost(), b.lost()),
                Report.ratio(usage.serverCores(), u.serverCores()) + " (+db " + Report.num(usage.dbCores()) + ")",
                "", Report.ratio(usage.clientCores(), u.clientCores()), Report.ratio(usage.rssMb(), u.rssMb()),
                Report.ratio(usage.heapMb(), u.heapMb()));
    }

    /** A table with, per step, Parley's row, the relay's, and their ratio. */
    static void table(Report report, List<Measured> parley, String parleyName, List<Measured> relay) {
        report.columns(COLUMNS);
        int steps = Math.max(parley.size(), relay.size());
        for (int i = 0; i < steps; i++) {
            Measured ours = i < parley.size() ? parley.get(i) : null;
            Measured base = i < relay.size() ? relay.get(i) : null;
            if (ours != null) {
                report.row(ours.cells(parleyName + (ours.result.collapsed() ? " (collapsed)" : "")));
            }
            if (base != null) {
                report.row(base.cells("relay" + (base.result.collapsed() ? " (collapsed)" : "")));
            }
            if (ours != null && base != null) {
                report.row(ours.ratioTo(base));
            }
        }
        report.end();
    }
}
