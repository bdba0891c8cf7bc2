package io.parley.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "agent", description = "Change an agent: its profile, its presence, or remove it.",
        subcommands = {AgentCommand.Set.class, AgentCommand.Presence.class, AgentCommand.Events.class,
                AgentCommand.Remove.class})
final class AgentCommand {

    private static final Output.Column[] COLUMNS = {Output.Column.of("ID", "/id"), Output.Column.of("NAME", "/name"),
            Output.Column.of("STATE", "/state"), Output.Column.of("PRESENCE", "/presence"),
            Output.Column.of("MAX", "/maxSessions"), Output.Column.of("SKILLS", "/skills")};

    @Command(name = "set", description = "Create or replace an agent's profile (operators).",
            footerHeading = "%nExamples:%n",
            footer = "  parley agent set dan --name 'Dan Reyes' --skills billing=7,sales=3 --max-sessions 3")
    static final class Set extends Call {

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--name", required = true, description = "Display name")
        String name;

        @Option(names = "--skills", split = ",", paramLabel = "SKILL=LEVEL", description = "Skills, levels 1-10")
        Map<String, Integer> skills = new LinkedHashMap<>();

        @Option(names = "--max-sessions", defaultValue = "3", description = "Sessions at once (default: 3)")
        int maxSessions;

        @Override
        void run(ParleyClient client) {
            print(client.put("api/agents/{id}", ParleyClient.body("name", name, "skills", skills, "maxSessions",
                    maxSessions), id), COLUMNS);
        }
    }

    @Command(name = "presence", description = "Set an agent's presence: available, away or offline.",
            footerHeading = "%nExamples:%n", footer = "  parley agent presence alice away -u alice -p parley")
    static final class Presence extends Call {

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "PRESENCE", description = "available, away or offline")
        String presence;

        @Override
        void run(ParleyClient client) {
            if (!List.of("available", "away", "offline").contains(presence)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "presence is available, away or offline, not '" + presence + "'");
            }
            print(client.put("api/agents/{id}/presence", ParleyClient.body("presence", presence), id), COLUMNS);
        }
    }

    @Command(name = "remove", description = "Remove an agent from the directory (operators).",
            footerHeading = "%nExamples:%n", footer = {"  parley agent remove dan -u operator -p parley",
                    "It is no longer listed or offered sessions; its tokens are refused and its consoles closed;",
                    "its offers are withdrawn and it leaves its sessions. 'parley agent set' adds it back."})
    static final class Remove extends Call {

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        void run(ParleyClient client) {
            print(client.delete("api/agents/{id}", id), Output.Column.of("ID", "/id"), Output.Column.of("NAME",
                    "/name"), Output.Column.of("REMOVED", "/removedAt"),
                    new Output.Column("SESSIONS LEFT",
                            Remove::sessionsLeft));
        }

        /** The open sessions the agent was taken out of, or "-". */
        private static String sessionsLeft(JsonNode removal) {
            List<String> sessions = new ArrayList<>();
            removal.path("sessions").forEach(session -> sessions.add(session.asText()));
            return sessions.isEmpty() ? "-" : String.join(",", sessions);
        }
    }

    @Command(name = "events", description = "An agent's state changes, newest first.",
            footerHeading = "%nExamples:%n", footer = "  parley agent events alice -u operator -p parley")
    static final class Events extends Call {

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        void run(ParleyClient client) {
            print(client.get("api/agents/{id}/events", id), Output.Column.of("AT", "/at"),
                    Output.Column.of("STATE", "/state"), Output.Column.of("REASON", "/reason"));
        }
    }
}
