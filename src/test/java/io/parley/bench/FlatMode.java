package io.parley.bench;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * {@code flat}: does the core path stay flat as the system fills up? Set-up latency (one fixed offered rate)
 * and chat latency (200 rooms, one fixed offered rate) with a small idle background (10 open sessions,
 * 5 agents) and then, on the same server, a large one (10,000 open sessions, 500 agents; see
 * {@link Background}), after a warm-up run; prints both and the ratio large/small. Parley only: the relay
 * has no sessions to fill up.
 */
final class FlatMode {

    private FlatMode() {
    }

    static Report run(Options options) throws IOException, SQLException {
        double setupRate = options.decimal("flat-setup-rate", 3);
        double chatRate = options.decimal("flat-chat-rate", 50);
        int rooms = options.integer("rooms", 200);
        int bigSessions = options.integer("flat-sessions", 10_000);
        int bigAgents = options.integer("flat-agents", 500);
        Report report = new Report("flat", "set-up and chat with a small and a large idle background");
        try (ParleyTarget target = ParleyTarget.start(1, 20, Bench.SERVER_CORES)) {
            Background background = new Background(target);
            measure(target, "warm", setupRate, chatRate, rooms, 5);
            background.growTo(5, 10);
            String smallCensus = background.census();
            List<Measured> small = measure(target, "small", setupRate, chatRate, rooms, 10);
            long seeding = System.nanoTime();
            background.growTo(bigAgents, bigSessions);
            double seeded = (System.nanoTime() - seeding) / 1e9;
            String largeCensus = background.census();
            List<Measured> large = measure(target, "large", setupRate, chatRate, rooms, 10);
            report.note("Same server, in order: a warm-up run, then the small background (10 open sessions, 5 "
                    + "agents), then the large one (" + bigSessions + " open sessions, " + bigAgents + " agents; "
                    + "seeded in " + Report.num(seeded) + " s). Set-up at " + Report.num(setupRate) + "/s, chat at "
                    + Report.num(chatRate) + " msg/s over " + rooms + " rooms (open loop, as in setup and chat). "
                    + "The measuring rooms' own 20 CSRs and rooms come on top of the background. In the database "
                    + "before the small run: " + smallCensus + "; before the large run: " + largeCensus + ".");
            report.columns("background", "set-up p50 ms", "set-up p99 ms", "set-up lost", "chat p50 ms",
                    "chat p99 ms", "chat lost", "server CPU in chat (cores)", "db CPU in chat (cores)",
                    "server RSS MiB");
            report.row(cells("small (10 sessions, 5 agents)", small));
            report.row(cells("large (" + bigSessions + " sessions, " + bigAgents + " agents)", large));
            report.row(List.of("**ratio large/small**", ratio(large, small, 0, StepResult::p50),
                    ratio(large, small, 0, StepResult::p99), "", ratio(large, small, 1, StepResult::p50),
                    ratio(large, small, 1, StepResult::p99), "",
                    Report.ratio(large.get(1).usage().serverCores(), small.get(1).usage().serverCores()),
                    Report.ratio(large.get(1).usage().dbCores(), small.get(1).usage().dbCores()),
                    Report.ratio(large.get(1).usage().rssMb(), small.get(1).usage().rssMb())));
        }
        return report.end();
    }

    /** The set-up step, then the chat step. */
    private static List<Measured> measure(ParleyTarget target, String run, double setupRate, double chatRate,
            int rooms, double seconds) {
        String subjects = "flat-" + run + "-" + System.currentTimeMillis();
        Measured setup = Measured.drive(target, SteppedModes.job("setup", target, 0, subjects + "-s", 20,
                List.of(setupRate), seconds, 20, SteppedModes.PRIME), 3).getFirst();
        Measured chat = Measured.drive(target, SteppedModes.job("chat", target, rooms, subjects + "-c", 20,
                List.of(chatRate), seconds, 5, SteppedModes.PRIME), 3).getFirst();
        return List.of(setup, chat);
    }

    private static List<String> cells(String name, List<Measured> m) {
        StepResult setup = m.get(0).result();
        StepResult chat = m.get(1).result();
        return List.of(name, Report.num(setup.p50()), Report.num(setup.p99()), setup.lost() + " of " + setup.sent(),
                Report.num(chat.p50()), Report.num(chat.p99()), chat.lost() + " of " + chat.sent(),
                Report.num(m.get(1).usage().serverCores()), Report.num(m.get(1).usage().dbCores()),
                Report.num(m.get(1).usage().rssMb()));
    }

    private static String ratio(List<Measured> large, List<Measured> small, int which,
            ToDoubleFunction<StepResult> figure) {
        return Report.ratio(figure.applyAsDouble(large.get(which).result()),
                figure.applyAsDouble(small.get(which).result()));
    }
}
