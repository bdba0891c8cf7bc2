package io.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", description = {"A returning customer's earlier conversations with the service, for the"
        + " staff serving it now (the same visitor, or the same customer reference); --transcript prints one."},
        footerHeading = "%nExamples:%n", footer = {"  parley history 3f2a… -u bob -p parley",
                "  parley history 3f2a… --transcript 9c1e… -u bob -p parley"})
final class HistoryCommand extends Call {

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session the customer is in now")
    String id;

    @Option(names = "--transcript", paramLabel = "EARLIER", description = "Print this earlier session's transcript")
    String earlier;

    @Override
    void run(ParleyClient client) {
        if (earlier == null) {
            print(client.get("api/sessions/{id}/history", id), Output.Column.of("ID", "/id"),
                    Output.Column.of("CREATED", "/createdAt"), Output.Column.of("SUBJECT", "/subject"),
                    Output.Column.of("STATE", "/state"), Output.Column.of("CSRS", "/csrs"));
            return;
        }
        JsonNode transcript = client.get("api/sessions/{id}/history/{earlier}/transcript", id, earlier);
        if (target.format() == Output.Format.json) {
            Output.json(out(), transcript);
            return;
        }
        transcript.forEach(message -> out().println(message.path("name").asText() + ": "
                + message.path("text").asText()));
    }
}
