package io.parley.cli;

import picocli.CommandLine.Command;

@Command(name = "agents", description = "Every agent with skills, capacity, presence and state now.",
        footerHeading = "%nExamples:%n", footer = {"  parley agents -u operator -p parley"})
final class AgentsCommand extends Call {

    @Override
    void run(ParleyClient client) {
        print(client.get("api/agents"), Output.Column.of("ID", "/id"), Output.Column.of("NAME", "/name"),
                Output.Column.of("STATE", "/state"), Output.Column.of("PRESENCE", "/presence"),
                new Output.Column("SESSIONS", row -> row.path("activeSessions").asInt() + "/"
                        + row.path("maxSessions").asInt()),
                Output.Column.of("SKILLS", "/skills"));
    }
}
