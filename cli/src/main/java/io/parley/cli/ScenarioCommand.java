package io.parley.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "scenario", description = "Run scripted sessions, for smoke tests and demos.",
        subcommands = ScenarioCommand.Run.class)
final class ScenarioCommand {

    @Command(name = "run", description = {"Run a YAML scenario: its steps one after another, each printed; the first"
            + " step that fails stops the run (exit 1) and is named.",
            "Steps: start, accept, decline, join, say, expect, invite, conference, transfer, leave, end, wait-for."
                    + " Every step acts on behalf of its 'as' endpoint, so run it as an operator."},
            footerHeading = "%nExample scenario:%n", footer = {
                    "  name: Customer to CSR, conference and transfer",
                    "  steps:",
                    "    - start: {service: sales, subject: billing, as: customer:ann}",
                    "    - accept: {as: csr:alice}",
                    "    - join: {as: csr:alice}",
                    "    - say: {as: customer:ann, text: My invoice is wrong}",
                    "    - expect: {as: csr:alice, text: invoice}",
                    "    - transfer: {as: csr:alice, to: csr:bob, mode: cold, note: wrong invoice}",
                    "    - accept: {as: csr:bob}",
                    "    - join: {as: csr:bob}",
                    "    - wait-for: {leg: csr:alice, state: left}",
                    "    - end: {as: csr:bob}",
                    "%nExamples:%n",
                    "  parley scenario run smoke.yaml -u operator -p parley"})
    static final class Run extends Call {

        @Parameters(index = "0", paramLabel = "FILE", description = "The scenario (YAML)")
        Path file;

        @Override
        void run(ParleyClient client) {
            JsonNode scenario;
            try {
                scenario = new YAMLMapper().readTree(Files.readString(file));
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + file + ": "
                        + e.getMessage());
            }
            if (scenario == null || !scenario.path("steps").isArray()) {
                throw new CommandLine.ParameterException(spec.commandLine(), file + " has no list of steps");
            }
            Duration wait = Duration.parse("PT" + scenario.path("timeout").asText("10s").toUpperCase());
            List<JsonNode> steps = new ArrayList<>();
            scenario.path("steps").forEach(steps::add);
            out().println("scenario: " + scenario.path("name").asText(file.getFileName().toString()));
            try (Runner runner = new Runner(client, wait)) {
                for (int i = 0; i < steps.size(); i++) {
                    JsonNode step = steps.get(i);
                    String kind = step.fieldNames().hasNext() ? step.fieldNames().next() : "?";
                    String label = "step " + (i + 1) + "/" + steps.size() + " " + kind + " " + Output.text(
                            step.path(kind));
                    try {
                        String result = runner.step(kind, step.path(kind));
                        out().println(label + " ... ok" + (result.isEmpty() ? "" : " (" + result + ")"));
                        out().flush();
                    } catch (ParleyClient.Refused refused) {
                        throw new LegChat.Failed(label + " failed: " + refused.code() + ": "
                                + refused.getMessage());
                    } catch (IllegalStateException | IllegalArgumentException e) {
                        throw new LegChat.Failed(label + " failed: " + e.getMessage());
                    }
                }
            }
            out().println("scenario passed: " + steps.size() + " steps");
            out().flush();
        }
    }

    /** Carries the steps out: one session, and a connection per endpoint that has joined it. */
    static final class Runner implements AutoCloseable {

        private final ParleyClient client;
        private final Duration wait;
        private final Map<String, LegConnection> endpoints = new LinkedHashMap<>();
        private String session;

        Runner(ParleyClient client, Duration wait) {
            this.client = client;
            this.wait = wait;
        }

        String step(String kind, JsonNode args) {
            String as = args.path("as").asText(null);
            return switch (kind) {
                case "start" -> {
                    JsonNode joined = client.post("api/sessions", ParleyClient.body("service",
                            text(args, "service"), "subject", args.path("subject").asText(null), "with",
                            Call.endpoint(args.path("with").asText(null)), "onBehalfOf", Call.endpoint(as)));
                    session = joined.at("/session/id").asText();
                    endpoints.put(as, LegConnection.open(joined, wait));
                    yield "session " + session + ", " + joined.at("/session/state").asText();
                }
                case "accept", "decline" -> {
                    JsonNode offer = awaitOffer(as);
                    yield decision(client.post("api/offers/{id}/" + kind, ParleyClient.body("onBehalfOf",
                            Call.endpoint(as), "reason", args.path("reason").asText(null)), offer.path("id").asText()));
                }
                case "join" -> {
                    JsonNode joined = client.post("api/sessions/{id}/legs", ParleyClient.body("onBehalfOf",
                            Call.endpoint(as)), session());
                    endpoints.put(as, LegConnection.open(joined, wait));
                    yield "leg " + joined.path("legId").asText();
                }
                case "say" -> "#" + connected(as).say(text(args, "text"), wait);
                case "expect" -> {
                    LegConnection leg = connected(as);
                    String text = text(args, "text");
                    JsonNode message = leg.message(m -> !m.path("legId").asText().equals(leg.legId())
                            && m.path("text").asText().contains(text), wait);
                    yield message.path("name").asText() + ": " + message.path("text").asText();
                }
                case "invite" -> decision(client.post("api/sessions/{id}/legs",
                        ParleyClient.body("endpoint", Call.endpoint(args.path("endpoint").asText(null)),
                                "subject", args.path("subject").asText(null),
                                "onBehalfOf", Call.endpoint(as)),
                        session()));
                case "conference", "transfer" -> decision(client.post("api/sessions/{id}/" + kind,
                        ParleyClient.body("to", Call.endpoint(args.path("to").asText(null)),
                                "subject", args.path("subject").asText(null), "mode", args.path("mode").asText(null),
                                "note", args.path("note").asText(null), "onBehalfOf", Call.endpoint(as)),
                        session()));
                case "call-off" -> decision(client.delete("api/sessions/{id}/handover"
                        + SessionCall.onBehalfOfQuery(as), session()));
                case "leave" -> {
                    LegConnection leg = connected(as);
                    leg.leave();
                    leg.control("roster", roster -> true, wait);
                    yield "";
                }
                case "end" -> decision(client.post("api/sessions/{id}/end", ParleyClient.body("onBehalfOf",
                        Call.endpoint(as)), session()));
                case "wait-for" -> waitFor(args);
                default -> throw new IllegalArgumentException("no step '" + kind + "'; steps are start, accept,"
                        + " decline, join, say, expect, invite, conference, transfer, call-off, leave, end, wait-for");
            };
        }

        /** Waits until the session (or a leg of it) is in the state named. */
        private String waitFor(JsonNode args) {
            long deadline = System.nanoTime() + wait.toNanos();
            String leg = args.path("leg").asText(null);
            String state = text(args, leg != null ? "state" : "session");
            while (true) {
                JsonNode view = client.get("api/sessions/{id}", session());
                Optional<String> now = leg == null ? Optional.of(view.path("state").asText()) : legState(view, leg);
                if (now.filter(state::equals).isPresent()) {
                    return (leg == null ? "session" : leg) + " " + state;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException((leg == null ? "the session" : leg) + " is "
                            + now.orElse("not in the session") + ", not " + state + ", after " + wait.toSeconds()
                            + "s");
                }
                pause();
            }
        }

        private static Optional<String> legState(JsonNode view, String endpoint) {
            String state = null;
            for (JsonNode leg : view.path("legs")) {
                if ((leg.at("/endpoint/kind").asText() + ":" + leg.at("/endpoint/id").asText()).equals(endpoint)) {
                    state = leg.path("state").asText();
                }
            }
            return Optional.ofNullable(state);
        }

        private JsonNode awaitOffer(String as) {
            if (as == null || !as.startsWith("csr:")) {
                throw new IllegalArgumentException("accept and decline need 'as: csr:<agent>'");
            }
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                for (JsonNode offer : client.get("api/offers?agent=" + as.substring(4))) {
                    if (offer.path("sessionId").asText().equals(session())) {
                        return offer;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no offer to " + as + " within " + wait.toSeconds() + "s");
                }
                pause();
            }
        }

        private static String decision(JsonNode change) {
            return change.path("decision").asText("");
        }

        private LegConnection connected(String as) {
            LegConnection leg = endpoints.get(as);
            if (leg == null) {
                throw new IllegalArgumentException(as + " has not joined (a start or join step connects it)");
            }
            return leg;
        }

        private String session() {
            if (session == null) {
                throw new IllegalArgumentException("no session yet: the first step is a start");
            }
            return session;
        }

        private static String text(JsonNode args, String field) {
            if (!args.hasNonNull(field)) {
                throw new IllegalArgumentException("'" + field + "' is missing");
            }
            return args.path(field).asText();
        }

        private static void pause() {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }

        @Override
        public void close() {
            endpoints.values().forEach(LegConnection::close);
        }
    }
}
