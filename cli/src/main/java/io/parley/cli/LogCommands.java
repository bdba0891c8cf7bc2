package io.parley.cli;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What a session's log and transcript say, and a service's figures. */
final class LogCommands {

    private LogCommands() {
    }

    @Command(name = "events", description = "A session's event log: every request, decision and change (staff).",
            footerHeading = "%nExamples:%n", footer = "  parley events 3f2a… -u operator -p parley -o json")
    static final class Events extends Call {

        @Parameters(index = "0", paramLabel = "SESSION")
        String id;

        @Option(names = "--after", defaultValue = "0", description = "Only events after this sequence number")
        long after;

        @Option(names = {"-f", "--follow"}, description = "Keep printing new events until the session ends"
                + " (JSON: one event a line)")
        boolean follow;

        @Option(names = "--interval", defaultValue = "PT1S", paramLabel = "DURATION",
                description = "How often --follow asks for new events (default: 1 s)")
        Duration interval;

        private static final Output.Column[] COLUMNS = {Output.Column.of("SEQ", "/seq"), Output.Column.of("AT", "/at"),
                Output.Column.of("TYPE", "/type"), Output.Column.of("ACTOR", "/actor"),
                Output.Column.of("DATA", "/data")};

        @Override
        void run(ParleyClient client) {
            if (!follow) {
                print(client.get("api/sessions/{id}/events?after=" + after, id), COLUMNS);
                return;
            }
            long last = after;
            while (true) {
                JsonNode events = client.get("api/sessions/{id}/events?after=" + last, id);
                boolean ended = false;
                for (JsonNode event : events) {
                    if (target.format() == Output.Format.json) {
                        out().println(event.toString());
                    } else {
                        out().println(event.path("seq").asText() + "  " + event.path("at").asText() + "  "
                                + Timeline.sentence(event));
                    }
                    last = event.path("seq").asLong();
                    ended |= event.path("type").asText().equals("session-ended");
                }
                out().flush();
                if (ended) {
                    return;
                }
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Command(name = "transcript", description = "A session's chat transcript.",
            footerHeading = "%nExamples:%n", footer = "  parley transcript 3f2a… -u alice -p parley")
    static final class Transcript extends Call {

        @Parameters(index = "0", paramLabel = "SESSION")
        String id;

        @Override
        void run(ParleyClient client) {
            print(client.getAll("api/sessions/{id}/transcript", id), Output.Column.of("SEQ", "/seq"),
                    Output.Column.of("AT", "/at"), Output.Column.of("FROM", "/name"),
                    Output.Column.of("TEXT", "/text"));
        }
    }

    @Command(name = "explain", description = "A session's timeline in plain words: who joined, what was asked,"
            + " what the service decided and why, who was offered and who was skipped.",
            footerHeading = "%nExamples:%n", footer = "  parley explain 3f2a… -u operator -p parley")
    static final class Explain extends Call {

        @Parameters(index = "0", paramLabel = "SESSION")
        String id;

        @Override
        void run(ParleyClient client) {
            JsonNode events = client.get("api/sessions/{id}/events", id);
            if (target.format() == Output.Format.json) {
                Output.json(out(), Timeline.asJson(events));
                return;
            }
            Timeline.lines(events).forEach(out()::println);
            out().flush();
        }
    }

    @Command(name = "stats", description = "A service's figures: waiting, longest wait, agents by state, and over"
            + " the rolling window offered, answered, abandoned, overflowed, average wait and handling.",
            footerHeading = "%nExamples:%n", footer = "  parley stats sales -u operator -p parley")
    static final class Stats extends Call {

        @Parameters(index = "0", paramLabel = "SERVICE")
        String service;

        @Override
        void run(ParleyClient client) {
            print(client.get("api/services/{id}/stats", service), Output.Column.of("SERVICE", "/service"),
                    Output.Column.of("WAITING", "/waiting"), Output.Column.of("LONGEST", "/longestWaitSeconds"),
                    Output.Column.of("AGENTS", "/agents"), Output.Column.of("OFFERED", "/offered"),
                    Output.Column.of("ANSWERED", "/answered"), Output.Column.of("ABANDONED", "/abandoned"),
                    Output.Column.of("OVERFLOWED", "/overflowed"), Output.Column.of("AVG_WAIT", "/averageWaitSeconds"),
                    Output.Column.of("AVG_HANDLING", "/averageHandlingSeconds"));
        }
    }
}
