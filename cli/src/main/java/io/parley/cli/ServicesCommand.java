package io.parley.cli;

import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "services", description = "The services customers can ask for, or one of them.",
        footerHeading = "%nExamples:%n", footer = {"  parley services", "  parley services sales -o json"})
final class ServicesCommand extends Call {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "One service")
    String id;

    @Override
    void run(ParleyClient client) {
        JsonNode services = id == null ? client.get("api/services") : client.get("api/services/{id}", id);
        print(services, Output.Column.of("ID", "/id"), Output.Column.of("NAME", "/name"),
                Output.Column.of("BEHAVIOUR", "/behaviour"), Output.Column.of("STRATEGY", "/routing/strategy"),
                Output.Column.of("MEDIA", "/media"), new Output.Column("SUBJECTS",
                        row -> String.join(",", iterable(row.path("subjects").fieldNames()))));
    }

    private static Iterable<String> iterable(Iterator<String> names) {
        return () -> names;
    }
}
