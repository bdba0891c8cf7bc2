package io.parley.cli;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * A supervisor in a live session from the terminal: monitor, whisper or barge in (the leg's chat printed as it
 * comes, lines typed sent as the mode allows), and take the session over. Asked again with another mode, the
 * same leg switches to it.
 */
final class SuperviseCommands {

    private SuperviseCommands() {
    }

    /** A supervisor's leg in the mode the command is named for, connected like any other leg from the terminal. */
    abstract static class Supervise extends LegChat {

        @Parameters(index = "0", paramLabel = "SESSION")
        String id;

        @Override
        JsonNode join(ParleyClient client) {
            return client.post("api/sessions/{id}/supervision", Map.of("mode", spec.name()), id);
        }

        @Override
        String session() {
            return id;
        }
    }

    @Command(name = "monitor", description = {"Listen in on a session as a supervisor: the customer and the CSRs' chat"
            + " is printed as it comes; the customer does not see you, and you send nothing."},
            footerHeading = "%nExamples:%n", footer = {"  parley monitor 3f2a… -u sam -p parley",
                    "  parley monitor 3f2a… --expect 'refund' --timeout PT60S -u sam -p parley"})
    static final class Monitor extends Supervise {
    }

    @Command(name = "whisper", description = {"Coach a session's CSRs as a supervisor: what you type reaches the CSRs"
            + " only (marked as coaching), never the customer, who does not see you."},
            footerHeading = "%nExamples:%n", footer = {"  parley whisper 3f2a… -u sam -p parley",
                    "  parley whisper 3f2a… --send 'Offer the annual plan' -u sam -p parley"})
    static final class Whisper extends Supervise {
    }

    @Command(name = "barge", description = {"Join a session openly as a supervisor: the customer sees you and reads"
            + " what you type; then take it over with 'parley take-over'."},
            footerHeading = "%nExamples:%n", footer = {"  parley barge 3f2a… -u sam -p parley",
                    "  parley barge 3f2a… --send 'I am Sam, the team lead' -u sam -p parley"})
    static final class Barge extends Supervise {
    }

    @Command(name = "take-over", description = {"Take over a session you barged into: your leg becomes the CSR's and"
            + " the CSRs there leave."},
            footerHeading = "%nExamples:%n", footer = "  parley take-over 3f2a… -u sam -p parley")
    static final class TakeOver extends Call {

        @Parameters(index = "0", paramLabel = "SESSION")
        String id;

        @Override
        void run(ParleyClient client) {
            JsonNode change = client.post("api/sessions/{id}/take-over", Map.of(), id);
            if (target.format() == Output.Format.json) {
                Output.json(out(), change);
                return;
            }
            print(change.path("session"), Sessions.COLUMNS);
            out().println(change.path("decision").asText());
        }
    }
}
