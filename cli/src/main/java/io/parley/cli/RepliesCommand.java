package io.parley.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "replies", description = "List a service's canned replies (staff): what the console inserts after /"
        + " and a few letters of a name.",
        footerHeading = "%nExamples:%n", footer = {"  parley replies sales -u alice -p parley",
                "  parley replies sales -o json"})
final class RepliesCommand extends Call {

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Override
    void run(ParleyClient client) {
        print(client.get("api/services/{id}/replies", service), Output.Column.of("NAME", "/name"),
                Output.Column.of("TEXT", "/text"));
    }
}
