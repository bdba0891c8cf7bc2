package io.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "session", description = "Start, show, join, invite into, leave and end sessions.",
        subcommands = {SessionCommand.Start.class, SessionCommand.Show.class, SessionCommand.Join.class,
                SessionCommand.Invite.class, SessionCommand.Leave.class, SessionCommand.End.class})
final class SessionCommand {

    @Command(name = "start", description = "Start a session (or join the open one for a subject-room's subject).",
            footerHeading = "%nExamples:%n", footer = {
                    "  parley session start --service sales --subject billing",
                    "  parley session start --service sales --subject pricing --as customer:ann --with csr:bob"
                            + " -u operator -p parley --details"})
    static final class Start extends Call {

        @Option(names = "--service", required = true, description = "The service to ask")
        String service;

        @Option(names = "--subject", description = "What the session is about")
        String subject;

        @Option(names = "--with", paramLabel = "KIND:ID", description = "The endpoint to bring in, e.g. csr:bob")
        String with;

        @Option(names = "--as", paramLabel = "KIND:ID", description = "Act on behalf of this endpoint (operators)")
        String as;

        @Option(names = "--details", description = "Also print the connection details (channels and token)")
        boolean details;

        @Override
        void run(ParleyClient client) {
            JsonNode joined = client.post("api/sessions", ParleyClient.body("service", service, "subject", subject,
                    "with", endpoint(with), "onBehalfOf", endpoint(as)));
            if (target.format() == Output.Format.json) {
                Output.json(out(), joined);
                return;
            }
            print(joined.path("session"), Sessions.COLUMNS);
            if (details) {
                out().println("leg " + joined.path("legId").asText());
                Output.json(out(), joined.path("connection"));
            }
            if (joined.hasNonNull("visitorToken")) {
                out().println("visitor token (send as --token): " + joined.path("visitorToken").asText());
            }
        }
    }

    @Command(name = "show", description = "One session: its legs, their states, its queue and transfer.",
            footerHeading = "%nExamples:%n", footer = "  parley session show 3f2a… -u operator -p parley -o json")
    static final class Show extends Call {

        @Parameters(index = "0", paramLabel = "SESSION")
        String id;

        @Override
        void run(ParleyClient client) {
            print(client.get("api/sessions/{id}", id), Sessions.COLUMNS);
        }
    }

    @Command(name = "join", description = "Join a session (an invited endpoint, or an operator as observer).",
            footerHeading = "%nExamples:%n", footer = "  parley session join 3f2a… -u alice -p parley --details")
    static final class Join extends SessionCall {

        @Option(names = "--details", description = "Also print the connection details")
        boolean details;

        @Override
        void run(ParleyClient client) {
            JsonNode joined = client.post("api/sessions/{id}/legs", ParleyClient.body("onBehalfOf", onBehalfOf()), id);
            if (target.format() == Output.Format.json) {
                Output.json(out(), joined);
                return;
            }
            print(joined.path("session"), Sessions.COLUMNS);
            out().println("leg " + joined.path("legId").asText());
            if (details) {
                Output.json(out(), joined.path("connection"));
            }
        }
    }

    @Command(name = "invite", description = "Invite a named endpoint, or whoever fits a subject, into a session.",
            footerHeading = "%nExamples:%n", footer = {"  parley session invite 3f2a… --endpoint csr:carol",
                    "  parley session invite 3f2a… --subject billing"})
    static final class Invite extends SessionCall {

        @Option(names = "--endpoint", paramLabel = "KIND:ID", description = "The endpoint to invite")
        String endpoint;

        @Option(names = "--subject", description = "Whoever fits this subject")
        String subject;

        @Override
        void run(ParleyClient client) {
            if ((endpoint == null) == (subject == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "name the endpoint (--endpoint kind:id) or a subject (--subject), one of them");
            }
            JsonNode change = client.post("api/sessions/{id}/legs", ParleyClient.body("endpoint",
                    endpoint(endpoint), "subject", subject, "onBehalfOf", onBehalfOf()), id);
            Changes.print(this, change);
        }
    }

    @Command(name = "leave", description = "Leave a session (your own leg), or remove a leg (operators).",
            footerHeading = "%nExamples:%n", footer = "  parley session leave 3f2a… --leg 7b1c… -u alice -p parley")
    static final class Leave extends SessionCall {

        @Option(names = "--leg", required = true, description = "The leg to end")
        String leg;

        @Override
        void run(ParleyClient client) {
            Changes.print(this, client.delete("api/sessions/{id}/legs/{leg}" + onBehalfOfQuery(), id, leg));
        }
    }

    @Command(name = "end", description = "End a session for everybody.",
            footerHeading = "%nExamples:%n", footer = "  parley session end 3f2a… -u operator -p parley")
    static final class End extends SessionCall {

        @Override
        void run(ParleyClient client) {
            Changes.print(this,
                    client.post("api/sessions/{id}/end", ParleyClient.body("onBehalfOf", onBehalfOf()), id));
        }
    }
}
