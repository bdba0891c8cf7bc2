package io.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code flood} mode's report: the bystanders' windows, then what each kind of flooder got. */
final class FloodReport {

    private static final double TARGET_RATIO = 2;
    private static final double LIMITED_WITHIN_MS = 2000;
    /** The bystanders' deadline: a message not in within it is lost. */
    private static final double DEADLINE_MS = 5000;

    private FloodReport() {
    }

    static Report of(int rooms, double rate, double measure, int flooders, List<String> floods,
            FloodMode.Run parley, FloodMode.Run relay) {
        Report report = new Report("flood", "a conversation beside a flood: " + rooms + " rooms of chat at "
                + Report.num(rate) + " msg/s, quiet and then with hostile clients");
        report.note("Bystanders: " + rooms + " rooms of the subject-room service, the CSR writes and the visitor "
                + "reads, " + Report.num(rate) + " msg/s in all (" + Report.num(rate / rooms) + " per room, under "
                + "the demo's chat rate of 3/s per connection), open loop, latency from the intended send time, "
                + "lost = not in within 5 s; " + Report.num(measure) + " s quiet (after " + SteppedModes.PRIME
                + " s of unmeasured traffic and 2 s of warm-up), then " + Report.num(measure) + " s with the "
                + "flood running from the window's start to its end"
                + (floods.equals(FloodRun.KINDS) ? "" : " (only " + String.join(", ", floods) + ")")
                + ". Parley runs with the demo's limits; only the "
                + "bystanders' 127.0.0.1 is exempt from the session-start limit per address (they make their "
                + "rooms ahead). Flooders, each kind from source addresses of its own: " + flooders + " chat "
                + "flooders (a room's visitor each, writing as fast as the socket takes frames, reconnecting at once "
                + "when closed), anonymous session starts (demo service sales), wrong-password sign-ins (POST "
                + "/api/tokens/console; the demo's users and unknown names), WebSocket upgrades without a valid "
                + "token (none, not a token, a forged signature); the REST and socket flooders keep "
                + FloodRun.IN_FLIGHT + " requests in flight per address. Before anything is measured the same flood "
                + "comes from other addresses and rooms for " + FloodRun.WARM_UP_SECONDS + " s, then as long a "
                + "pause: the server meets the measured flood warm (its JIT has compiled the paths), as one in "
                + "service would. The relay has no limits: it relays and acknowledges every chat frame and answers "
                + "everything else 404.");
        report.note("Keeping the client honest: the flooders are a load-client process of their own (their own JVM "
                + "and event loop) on the clients' core " + Bench.CLIENT_CORES + "; the bystanders' client times its "
                + "own 1 ms send tick, and \"tick late\" is how much later than 1 ms it ran (p99 / max) in each "
                + "window: a client starved by the flooders would show there. A p99 with more than 1 % of the "
                + "window lost is shown as at least the 5 s deadline: the lost messages are the slowest. Server "
                + "and PostgreSQL on core " + Bench.SERVER_CORES
                + ". Load average (1, 5, 15 min) around the relay's run: " + relay.loadBefore()
                + " before, " + relay.loadAfter() + " after; around Parley's: " + parley.loadBefore() + " before, "
                + parley.loadAfter() + " after.");
        report.columns("target", "phase", "delivered/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "lost",
                "server CPU (cores)", "db CPU (cores)", "bystander client CPU (cores)", "client tick late p99 / max ms",
                "server RSS MiB");
        for (FloodMode.Run run : List.of(parley, relay)) {
            for (String phase : FloodRun.PHASES) {
                report.row(cells(run, phase));
            }
            report.row(ratio(run.name() + " **flood / quiet**", run.phase("flood"), run.phase("quiet")));
        }
        report.row(ratio("**" + parley.name() + " / relay, flood**", parley.phase("flood"), relay.phase("flood")));
        report.end();
        double ratio = p99(parley.phase("flood").result()) / p99(parley.phase("quiet").result());
        report.note("Bystanders' chat p99 under flood / quiet: " + parley.name() + " x" + Report.num(ratio)
                + " (target <= " + Report.num(TARGET_RATIO) + ": " + (ratio <= TARGET_RATIO ? "met" : "**missed**")
                + "), relay x" + Report.num(p99(relay.phase("flood").result()) / p99(relay.phase("quiet").result()))
                + "; lost under flood: " + parley.phase("flood").result().lost() + " (" + parley.name() + "), "
                + relay.phase("flood").result().lost() + " (relay).");
        report.columns("flooder", "target", "from", "sent", "accepted", "refused (answer: count)", "no answer",
                "sources limited", "first limited after ms (fastest / slowest source)", "within 2 s");
        for (String kind : FloodRun.KINDS) {
            for (FloodMode.Run run : List.of(parley, relay)) {
                run.flood().stream().filter(t -> t.kind().equals(kind)).findFirst()
                        .ifPresent(tally -> report.row(flooderCells(run, tally)));
            }
        }
        report.end();
        List<String> late = parley.flood().stream().filter(t -> t.slowestFirstLimit() < 0
                || t.slowestFirstLimit() > LIMITED_WITHIN_MS).map(FloodTally::kind).toList();
        report.note("Every " + parley.name() + " flooder limited within 2 s of its first request: "
                + (late.isEmpty() ? "yes" : "**no**: " + String.join(", ", late)) + ". Password checks (PBKDF2) "
                + parley.name() + " ran during the flood: " + Report.num(parley.passwordChecks())
                + " (parley_password_checks_total). The flooders' process used " + Report.num(parley.flooderCores())
                + " cores against " + parley.name() + ", " + Report.num(relay.flooderCores()) + " against the relay.");
        threads(report, parley);
        return report;
    }

    /** The thread groups that used the most of the server's CPU in the flood, next to the same in the quiet. */
    private static void threads(Report report, FloodMode.Run run) {
        Map<String, double[]> flood = run.threadCores().getOrDefault("flood", Map.of());
        Map<String, double[]> quiet = run.threadCores().getOrDefault("quiet", Map.of());
        if (flood.isEmpty()) {
            return;
        }
        report.note(run.name() + "'s threads by group (/proc/<pid>/task/*/schedstat; numbers in names as N), the "
                + "busiest in the flood: cores used, and cores' worth of time they were runnable but waited for a "
                + "CPU (the machine's other load and the server's own threads); what PostgreSQL's sessions were "
                + "doing and a thread dump, halfway through the flood, and where the flight recordings' stack "
                + "samples fell in each window are in " + FloodMode.THREADS + ".");
        report.columns("threads", "quiet: used", "quiet: waited for a CPU", "flood: used", "flood: waited for a CPU");
        double[] none = new double[2];
        flood.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0] + b.getValue()[1],
                a.getValue()[0] + a.getValue()[1])).limit(8)
                .forEach(e -> report.row(List.of(e.getKey(), Report.num(quiet.getOrDefault(e.getKey(), none)[0]),
                        Report.num(quiet.getOrDefault(e.getKey(), none)[1]), Report.num(e.getValue()[0]),
                        Report.num(e.getValue()[1]))));
        report.end();
    }

    /** The p99 over every message of the window: at least the deadline when more than 1 % never came. */
    private static double p99(StepResult r) {
        return r.lost() * 100 > r.sent() ? Math.max(DEADLINE_MS, r.p99()) : r.p99();
    }

    private static List<String> cells(FloodMode.Run run, String phase) {
        Measured m = run.phase(phase);
        StepResult r = m.result();
        double[] lag = run.lag().getOrDefault(phase, new double[] {-1, -1});
        return List.of(run.name(), phase, Report.num(r.deliveredPerSecond()), Report.num(r.p50()),
                r.lost() * 100 > r.sent() ? ">= " + Report.num(p99(r)) : Report.num(r.p99()), Report.num(r.p999()),
                Report.num(r.max()), r.lost() + " of " + r.sent(),
                Report.num(m.usage().serverCores()), Report.num(m.usage().dbCores()),
                Report.num(m.usage().clientCores()), Report.num(lag[0]) + " / " + Report.num(lag[1]),
                Report.num(m.usage().rssMb()));
    }

    private static List<String> ratio(String name, Measured a, Measured b) {
        StepResult x = a.result();
        StepResult y = b.result();
        return List.of(name, "", Report.ratio(x.deliveredPerSecond(), y.deliveredPerSecond()),
                Report.ratio(x.p50(), y.p50()), Report.ratio(p99(x), p99(y)), Report.ratio(x.p999(), y.p999()),
                Report.ratio(x.max(), y.max()), "", Report.ratio(a.usage().serverCores(), b.usage().serverCores()),
                Report.ratio(a.usage().dbCores(), b.usage().dbCores()),
                Report.ratio(a.usage().clientCores(), b.usage().clientCores()), "",
                Report.ratio(a.usage().rssMb(), b.usage().rssMb()));
    }

    private static List<String> flooderCells(FloodMode.Run run, FloodTally t) {
        List<String> refused = new ArrayList<>();
        if (t.kind().equals("chat")) {
            refused.add("frames not acknowledged: " + (t.sent() - t.accepted()));
        }
        refused.addAll(t.refused().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.toList()));
        if (t.reconnects() > 0) {
            refused.add("reconnected " + t.reconnects() + " times");
        }
        double slowest = t.slowestFirstLimit();
        String accepted = Long.toString(t.accepted());
        if (t.kind().equals("chat")) {
            accepted += " acknowledged" + (run.floodStored() >= 0 ? ", " + run.floodStored() + " stored" : "");
        }
        return List.of(t.kind(), run.name(), t.sources(), Long.toString(t.sent()), accepted,
                String.join("; ", refused), Long.toString(t.failed()),
                t.limitedSources() + " of " + t.firstLimitedMillis().size(),
                t.limitedSources() == 0 ? "never" : Report.num(t.fastestFirstLimit()) + " / "
                        + (slowest < 0 ? "never" : Report.num(slowest)),
                t.limitedSources() == 0 ? "no" : slowest >= 0 && slowest <= LIMITED_WITHIN_MS ? "yes" : "**no**");
    }
}
