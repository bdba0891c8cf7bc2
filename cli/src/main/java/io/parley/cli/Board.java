package io.parley.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The wallboard ({@code GET /api/wallboard}) as lines of text: each service's queue, agents and figures, every
 * agent with its sessions, and who waits. Pure: the same board, the same lines.
 */
final class Board {

    static final String NONE = "—";

    private static final List<Output.Column> SERVICES = List.of(Output.Column.of("SERVICE", "/service"),
            Output.Column.of("WAITING", "/waiting"),
            new Output.Column("LONGEST", service -> clock(service.path("longestWaitSeconds"))),
            new Output.Column("AGENTS", service -> byState(service.path("agents"))),
            new Output.Column("SERVICE LEVEL", Board::serviceLevel),
            new Output.Column("ABANDONED", service -> percent(service.path("abandonRate"))),
            new Output.Column("AVG HANDLING", service -> clock(service.path("averageHandlingSeconds"))));

    private static final List<Output.Column> AGENTS = List.of(
            new Output.Column("AGENT", agent -> agent.hasNonNull("name") ? agent.path("name").asText()
                    : agent.path("id").asText()),
            Output.Column.of("STATE", "/state"),
            new Output.Column("SESSIONS", agent -> agent.path("activeSessions").asInt() + "/"
                    + agent.path("maxSessions").asInt()),
            new Output.Column("IN", Board::engaged));

    private Board() {
    }

    static List<String> lines(JsonNode board) {
        List<String> lines = new ArrayList<>();
        JsonNode services = board.path("services");
        lines.add("Parley wallboard at " + Timeline.clock(board.path("at").asText()) + window(services));
        lines.add("");
        lines.addAll(Output.lines(rows(services), SERVICES));
        lines.add("");
        lines.addAll(Output.lines(rows(board.path("agents")), AGENTS));
        lines.add("");
        List<JsonNode> waiting = rows(board.path("waiting"));
        if (waiting.isEmpty()) {
            lines.add("Nobody waits.");
            return lines;
        }
        Instant at = instant(board.path("at"));
        lines.addAll(Output.lines(waiting, List.of(new Output.Column("WAITING", row -> shortId(row.path("session"))),
                Output.Column.of("SERVICE", "/service"), Output.Column.of("SUBJECT", "/subject"),
                Output.Column.of("PURPOSE", "/purpose"),
                new Output.Column("FOR", row -> waited(at, instant(row.path("since")))),
                Output.Column.of("CUSTOMER", "/customer"))));
        return lines;
    }

    /** {@code 83% (goal 80% in 20s)}, {@code — (goal 80% in 20s)} before anyone was answered or gave up. */
    static String serviceLevel(JsonNode service) {
        return percent(service.path("serviceLevel")) + " (goal " + service.path("serviceLevelGoal").asInt() + "% in "
                + Math.round(service.path("serviceLevelTargetSeconds").asDouble()) + "s)";
    }

    /** A share from 0 to 1 as a whole percent, or {@link #NONE}. */
    static String percent(JsonNode share) {
        return share.isNumber() ? Math.round(share.asDouble() * 100) + "%" : NONE;
    }

    /** Seconds as {@code m:ss} (or {@code h:mm:ss}), or {@link #NONE}. */
    static String clock(JsonNode seconds) {
        return seconds.isNumber() ? clock(Math.round(seconds.asDouble())) : NONE;
    }

    private static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }

    /** {@code 2 available, 1 busy}: the states agents are in. */
    static String byState(JsonNode agents) {
        List<String> states = new ArrayList<>();
        agents.properties().forEach(state -> {
            if (state.getValue().asInt() > 0) {
                states.add(state.getValue().asInt() + " " + state.getKey());
            }
        });
        return states.isEmpty() ? NONE : String.join(", ", states);
    }

    /** {@code 3f2a9c1e sales, 77aa0b12 support (supervisor)}. */
    private static String engaged(JsonNode agent) {
        List<String> sessions = new ArrayList<>();
        agent.path("sessions").forEach(session -> sessions.add(shortId(session.path("session")) + " "
                + session.path("service").asText()
                + (session.path("role").asText().equals("supervisor") ? " (" + (session.hasNonNull("supervision")
                        ? session.path("supervision").asText() : "supervisor") + ")" : "")));
        return sessions.isEmpty() ? "-" : String.join(", ", sessions);
    }

    private static String window(JsonNode services) {
        double seconds = services.path(0).path("windowSeconds").asDouble(0);
        return seconds > 0 ? " (figures over the last " + Math.round(seconds / 60) + " min)" : "";
    }

    private static String shortId(JsonNode id) {
        String text = id.asText();
        return text.length() > 8 ? text.substring(0, 8) : text;
    }

    private static String waited(Instant at, Instant since) {
        return at == null || since == null ? NONE : clock(Math.max(0, Duration.between(since, at).toSeconds()));
    }

    private static Instant instant(JsonNode text) {
        try {
            return text.isTextual() ? Instant.parse(text.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<JsonNode> rows(JsonNode array) {
        List<JsonNode> rows = new ArrayList<>();
        array.forEach(rows::add);
        return rows;
    }
}
