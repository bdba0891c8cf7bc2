package io.parley.cli;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** How sessions are shown in tables. */
final class Sessions {

    static final Output.Column[] COLUMNS = {Output.Column.of("ID", "/id"), Output.Column.of("SERVICE", "/service"),
            Output.Column.of("SUBJECT", "/subject"), Output.Column.of("STATE", "/state"),
            new Output.Column("LEGS", Sessions::legs), new Output.Column("QUEUE", Sessions::queue)};

    private Sessions() {
    }

    /** {@code customer:ann=connected csr:bob=invited}. */
    static String legs(JsonNode session) {
        List<String> legs = new ArrayList<>();
        session.path("legs").forEach(leg -> legs.add(leg.at("/endpoint/kind").asText() + ":"
                + leg.at("/endpoint/id").asText() + "=" + leg.path("state").asText()));
        return legs.isEmpty() ? "-" : String.join(" ", legs);
    }

    static String queue(JsonNode session) {
        JsonNode queue = session.path("queue");
        if (queue.isMissingNode() || queue.isNull()) {
            return "-";
        }
        List<String> offers = new ArrayList<>();
        queue.path("offers").forEach(offer -> offers.add(offer.path("csr").asText()));
        return queue.path("purpose").asText() + (offers.isEmpty() ? "" : " offered to " + String.join(",", offers));
    }
}
