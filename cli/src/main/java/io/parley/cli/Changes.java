package io.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** How a change (the answer to invite, leave, end, conference, transfer, offers) is printed. */
final class Changes {

    private Changes() {
    }

    static void print(Call call, JsonNode change) {
        if (call.target.format() == Output.Format.json) {
            Output.json(call.out(), change);
            return;
        }
        call.print(change.path("session"), Sessions.COLUMNS);
        if (change.hasNonNull("decision")) {
            call.out().println("decision: " + change.path("decision").asText());
            call.out().flush();
        }
    }
}
