package io.parley.cli;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "note", description = {"Write a private note in a session you are in (staff): kept with the transcript"
        + " for staff only; the customer never gets it."},
        footerHeading = "%nExamples:%n",
        footer = "  parley note 3f2a… 'Customer is a reseller; check the contract' -u alice"
                + " -p parley")
final class NoteCommand extends Call {

    @Parameters(index = "0", paramLabel = "SESSION")
    String id;

    @Parameters(index = "1", paramLabel = "TEXT")
    String text;

    @Override
    void run(ParleyClient client) {
        JsonNode note = client.post("api/sessions/{id}/notes", Map.of("text", text), id);
        if (target.format() == Output.Format.json) {
            Output.json(out(), note);
            return;
        }
        out().println("note #" + note.path("seq").asLong() + " (staff only)");
    }
}
