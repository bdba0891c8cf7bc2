package io.parley.bench;

import java.io.IOException;
import java.util.List;

/**
 * {@code reconnect}: M chat sockets (two per room, control open beside them) closed at once and reopened at
 * once with their tokens, each asking for the history after its last sequence number; how long from the drop
 * until each has its history (p50, p99, max: when the last one is back), and the servers' CPU meanwhile.
 */
final class ReconnectMode {

    private ReconnectMode() {
    }

    static Report run(Options options) throws IOException {
        int sockets = options.integer("sockets", 2000);
        int rooms = sockets / 2;
        String subjects = "reconnect-" + System.currentTimeMillis();
        List<Measured> relay;
        try (RelayTarget target = RelayTarget.start(Bench.SERVER_CORES)) {
            relay = Measured.drive(target, job(target, rooms, subjects), 5);
        }
        List<Measured> parley;
        try (ParleyTarget target = ParleyTarget.start(1, 20, Bench.SERVER_CORES)) {
            parley = Measured.drive(target, job(target, rooms, subjects), 5);
        }
        Report report = new Report("reconnect", rooms * 2 + " chat sockets dropped at once and reopened");
        report.note("Every participant has control and chat open and has seen one message; all chat sockets are "
                + "closed (close frame 1001, no wait) and at once reopened with the same token, each sending "
                + "history after its last seq. Latency: from the drop until its history answer is in; lost = not "
                + "back within 60 s. CPU over the storm (drop until the last is back).");
        report.columns("target", "chat sockets", "back p50 ms", "p99 ms", "p99.9 ms", "all back (max) ms", "lost",
                "server CPU (cores)", "db CPU (cores)", "client CPU (cores)");
        report.row(cells("Parley", parley.getFirst()));
        report.row(cells("relay", relay.getFirst()));
        StepResult p = parley.getFirst().result();
        StepResult r = relay.getFirst().result();
        report.row(List.of("**ratio**", "", Report.ratio(p.p50(), r.p50()), Report.ratio(p.p99(), r.p99()),
                Report.ratio(p.p999(), r.p999()), Report.ratio(p.max(), r.max()), "",
                Report.ratio(parley.getFirst().usage().serverCores(), relay.getFirst().usage().serverCores()), "",
                ""));
        return report.end();
    }

    private static ClientJob job(Target target, int rooms, String subjects) {
        return new ClientJob("reconnect", target.relay(), target.csrBase(), target.visitorBase(), null, rooms, 0,
                subjects, 20, List.of(), 0, 0, 0, 60, 80);
    }

    private static List<String> cells(String name, Measured m) {
        StepResult r = m.result();
        return List.of(name, Long.toString(r.sent()), Report.num(r.p50()), Report.num(r.p99()), Report.num(r.p999()),
                Report.num(r.max()), r.lost() + " of " + r.sent(), Report.num(m.usage().serverCores()),
                Report.num(m.usage().dbCores()), Report.num(m.usage().clientCores()));
    }
}
