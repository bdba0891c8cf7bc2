package io.parley.cli;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What a session's log and transcript say, and a service's figures. */
final class LogCommands {

    private LogCommands() {
    }

    @Command(name = "events", description = {"A session's event log: every request, decision and change (staff).",
            "With --follow, what happens as it happens (supervisors and operators): in this session until it ends,"
                    + " or without SESSION in every session and every agent's state until interrupted."},
            footerHeading = "%nExamples:%n",
            footer = {"  parley events 3f2a… -u operator -p parley -o json",
                    "  parley events 3f2a… --follow -u sam -p parley",
                    "  parley events --follow -u sam -p parley -o json"})
    static final class Events extends Call {

        @Parameters(index = "0", arity = "0..1", paramLabel = "SESSION",
                description = "The session (needed unless --follow)")
        String id;

        @Option(names = "--after", defaultValue = "0", description = "Only events after this sequence number")
        long after;

        @Option(names = {"-f", "--follow"}, description = "Keep printing events as they happen, from the live stream"
                + " (JSON: one event a line)")
        boolean follow;

        private static final Output.Column[] COLUMNS = {Output.Column.of("SEQ", "/seq"), Output.Column.of("AT", "/at"),
                Output.Column.of("TYPE", "/type"), Output.Column.of("ACTOR", "/actor"),
                Output.Column.of("DATA", "/data")};

        /** The last sequence number printed of the session followed, and whether it ended. */
        private long last;
        private boolean ended;

        @Override
        void run(ParleyClient client) {
            if (id == null && !follow) {
                throw new CommandLine.ParameterException(spec.commandLine(), "events needs a SESSION, or --follow to"
                        + " follow every session: parley events SESSION, parley events --follow");
            }
            if (!follow) {
                print(client.get("api/sessions/{id}/events?after=" + after, id), COLUMNS);
                return;
            }
            // Opened before the log is read, so that what happens meanwhile is on the stream.
            try (LiveStream stream = LiveStream.open(client)) {
                if (id == null) {
                    followAll(stream);
                } else {
                    followSession(client, stream);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Every entry of the stream as it comes, until interrupted. */
        private void followAll(LiveStream stream) throws InterruptedException {
            while (true) {
                switch (stream.next(Duration.ofMinutes(1))) {
                    case null -> {
                    }
                    case LiveStream.Opened opened -> {
                    }
                    case LiveStream.Entry entry -> {
                        if (target.format() == Output.Format.json) {
                            ObjectNode line = ParleyClient.JSON.createObjectNode().put("id", entry.id())
                                    .put("event", entry.event());
                            line.setAll((ObjectNode) entry.data());
                            out().println(line);
                        } else {
                            out().println(line(entry));
                        }
                        out().flush();
                    }
                    case LiveStream.Reset reset -> {
                        err().println("the live stream was reset (" + reset.reason() + "): what was missed is not"
                                + " shown; following from now");
                        err().flush();
                        if (target.format() == Output.Format.json) {
                            out().println(ParleyClient.JSON.createObjectNode().put("event", "reset")
                                    .put("code", "stream-reset").put("reason", reset.reason()));
                            out().flush();
                        }
                    }
                    case LiveStream.Lost lost -> {
                        err().println(lost.sentence());
                        err().flush();
                    }
                    case LiveStream.Failed failed -> throw LiveStream.reported(failed);
                }
            }
        }

        /** {@code 10:00:01  3f2a…  sales  queued  waits in the queue…}, {@code 10:00:02  alice  agent-state  away}. */
        static String line(LiveStream.Entry entry) {
            JsonNode data = entry.data();
            String type = data.path("type").asText();
            String at = Timeline.clock(data.path("at").asText());
            if (entry.event().equals("agent")) {
                JsonNode state = data.path("data");
                return at + "  " + data.path("agent").asText() + "  " + type + "  " + state.path("state").asText()
                        + (state.hasNonNull("reason") ? ": " + state.path("reason").asText() : "");
            }
            return at + "  " + data.path("session").asText() + "  " + data.path("service").asText() + "  " + type
                    + "  " + Timeline.told(data).orElseGet(() -> Output.text(data.path("data")));
        }

        /**
         * The session's log so far, then its entries from the stream until it ends. A gap in the sequence numbers
         * (entries that came before the stream was open, or while it was lost) is filled from the log.
         */
        private void followSession(ParleyClient client, LiveStream stream) throws InterruptedException {
            last = after;
            catchUp(client);
            while (!ended) {
                switch (stream.next(Duration.ofMinutes(1))) {
                    case null -> {
                    }
                    case LiveStream.Opened opened -> catchUp(client);
                    case LiveStream.Entry entry -> {
                        if (entry.ofSession(id)) {
                            long seq = entry.data().path("seq").asLong();
                            if (seq == last + 1) {
                                printFollowed(asLogged(entry.data()));
                            } else if (seq > last + 1) {
                                catchUp(client);
                            }
                        }
                    }
                    case LiveStream.Reset reset -> catchUp(client);
                    case LiveStream.Lost lost -> {
                        err().println(lost.sentence());
                        err().flush();
                    }
                    case LiveStream.Failed failed -> throw LiveStream.reported(failed);
                }
            }
        }

        private void catchUp(ParleyClient client) {
            for (JsonNode event : client.get("api/sessions/{id}/events?after=" + last, id)) {
                if (!ended && event.path("seq").asLong() > last) {
                    printFollowed(event);
                }
            }
        }

        private void printFollowed(JsonNode event) {
            if (target.format() == Output.Format.json) {
                out().println(event.toString());
            } else {
                out().println(event.path("seq").asText() + "  " + event.path("at").asText() + "  "
                        + Timeline.sentence(event));
            }
            out().flush();
            last = event.path("seq").asLong();
            ended = event.path("type").asText().equals("session-ended");
        }

        /** A stream entry as the session's log has it: {@code seq, type, at, actor, data}. */
        private static JsonNode asLogged(JsonNode entry) {
            ObjectNode event = ParleyClient.JSON.createObjectNode();
            event.put("seq", entry.path("seq").asLong()).put("type", entry.path("type").asText())
                    .put("at", entry.path("at").asText()).set("actor", entry.path("actor").isMissingNode()
                            ? ParleyClient.JSON.nullNode() : entry.path("actor"));
            event.set("data", entry.path("data"));
            return event;
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
