package io.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "chat", description = {"Join a session as an endpoint from the terminal: the CLI connects its leg's"
        + " control and chat channels and reports them connected, prints the transcript and what arrives,"
        + " and sends each line typed (or each --send, for scripts)."},
        footerHeading = "%nExamples:%n", footer = {"  parley chat 3f2a… -u alice -p parley",
                "  parley chat 3f2a… --as customer:ann --send 'Hello' --expect 'Hi' -u operator -p parley"})
final class ChatCommand extends LegChat {

    @Parameters(index = "0", paramLabel = "SESSION")
    String id;

    @Option(names = "--as", paramLabel = "KIND:ID", description = "Join on behalf of this endpoint (operators)")
    String as;

    @Override
    JsonNode join(ParleyClient client) {
        return client.post("api/sessions/{id}/legs", ParleyClient.body("onBehalfOf", endpoint(as)), id);
    }

    @Override
    String session() {
        return id;
    }
}
