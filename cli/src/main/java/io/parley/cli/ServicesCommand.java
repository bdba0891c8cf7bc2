package io.parley.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "services", description = "The services customers can ask for, or one of them.",
        subcommands = ServicesCommand.Check.class,
        footerHeading = "%nExamples:%n", footer = {"  parley services", "  parley services sales -o json",
                "  parley services check new-services.yaml -u operator -p parley"})
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

    @Command(name = "check", description = {"Have the service check a service configuration (YAML with"
            + " parley.services, as in application.yaml) without applying it, and print what each service would"
            + " do for each kind of request: allowed, or refused and by which rule.",
            "Exits 1 when the configuration has problems, listing each by its key."},
            footerHeading = "%nExamples:%n", footer = "  parley services check new-services.yaml -u operator -p parley")
    static final class Check extends Call {

        @Parameters(index = "0", paramLabel = "FILE", description = "The configuration (YAML)")
        Path file;

        @Override
        void run(ParleyClient client) {
            String yaml;
            try {
                yaml = Files.readString(file);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + file + ": "
                        + e.getMessage());
            }
            JsonNode check = client.postText("api/services/check", "application/yaml", yaml);
            if (target.format() == Output.Format.json) {
                Output.json(out(), check);
            } else if (check.path("valid").asBoolean()) {
                for (JsonNode service : check.path("services")) {
                    out().println("service " + service.path("id").asText() + " (" + service.path("name").asText()
                            + ", " + service.path("behaviour").asText() + ")");
                    Output.print(out(), Output.Format.table, service.path("requests"),
                            Output.Column.of("REQUEST", "/request"),
                            new Output.Column("ALLOWED", row -> row.path("allowed").asBoolean() ? "yes" : "no"),
                            Output.Column.of("WHAT HAPPENS", "/outcome"));
                    out().println();
                }
                out().flush();
            }
            if (!check.path("valid").asBoolean()) {
                List<String> problems = new ArrayList<>();
                check.path("problems").forEach(problem -> problems.add(problem.asText()));
                throw new LegChat.Failed("the configuration has " + problems.size() + " problem(s):\n  "
                        + String.join("\n  ", problems));
            }
        }
    }
}
