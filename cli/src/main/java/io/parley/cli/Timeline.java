package io.parley.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** A session's event log told in plain words, one line an event. Pure: the same log, the same story. */
final class Timeline {

    private Timeline() {
    }

    static List<String> lines(JsonNode events) {
        List<String> lines = new ArrayList<>();
        events.forEach(event -> lines.add(time(event) + "  " + sentence(event)));
        return lines;
    }

    static ArrayNode asJson(JsonNode events) {
        ArrayNode timeline = ParleyClient.JSON.createArrayNode();
        events.forEach(event -> timeline.addObject().put("seq", event.path("seq").asLong())
                .put("at", event.path("at").asText()).put("type", event.path("type").asText())
                .put("text", sentence(event)));
        return timeline;
    }

    static String sentence(JsonNode event) {
        return told(event).orElseGet(() -> event.path("type").asText() + " " + event.path("data"));
    }

    /** The event in plain words, or empty when it is of a type not told here. */
    static Optional<String> told(JsonNode event) {
        JsonNode d = event.path("data");
        String actor = event.path("actor").asText("");
        return Optional.ofNullable(switch (event.path("type").asText()) {
            case "session-opened" -> actor + " opened the session" + about(d) + ": " + d.path("decision").asText();
            case "request-allowed" -> actor + " asked to " + request(d) + "; allowed: " + d.path("decision").asText();
            case "request-refused" -> actor + " asked to " + request(d) + "; refused (" + d.path("code").asText()
                    + "): "
                    + d.path("detail").asText();
            case "leg-added" -> d.path("endpoint").asText() + " is added as " + d.path("role").asText() + " ("
                    + d.path("state").asText() + ")";
            case "leg-updated" -> d.path("endpoint").asText() + "'s leg is " + d.path("state").asText()
                    + channels(d);
            case "queued" -> "waits in the queue for " + purpose(d) + ": " + d.path("reason").asText();
            case "offer-made" -> "offered to " + d.path("csr").asText() + " until " + clock(d.path("expires").asText())
                    + ": " + d.path("decision").asText();
            case "offer-closed" -> "the offer to " + d.path("csr").asText() + " was " + d.path("outcome").asText()
                    + ": " + d.path("reason").asText();
            case "routing-waits" -> "nobody to offer it to yet: " + d.path("decision").asText();
            case "dequeued" -> "left the queue (" + d.path("outcome").asText() + "): " + d.path("reason").asText();
            case "service-changed" -> "moved from service " + d.path("from").asText() + " to " + d.path("to").asText()
                    + ": " + d.path("reason").asText();
            case "transfer-started" -> "a " + d.path("mode").asText() + " transfer to " + d.path("to").asText()
                    + " begins; it must connect by " + clock(d.path("deadline").asText());
            case "transfer-completed" -> "the transfer is complete: " + d.path("reason").asText();
            case "transfer-failed" -> "the transfer failed: " + d.path("reason").asText();
            case "state-changed" -> "the session is " + d.path("state").asText() + ": " + d.path("reason").asText();
            case "session-ended" -> "the session ended: " + d.path("reason").asText();
            case "happened" -> d.path("reason").asText() + ":";
            case "recording-started" -> d.path("endpoint").asText() + "'s voice is recorded ("
                    + d.path("codec").asText() + ") to " + d.path("file").asText();
            default -> null;
        });
    }

    private static String request(JsonNode d) {
        String request = d.path("request").asText();
        StringBuilder text = new StringBuilder(request.replace('-', ' '));
        for (String field : List.of("target", "to", "subject", "mode", "offerId", "legId")) {
            if (d.hasNonNull(field)) {
                text.append(' ').append(field).append(' ').append(d.path(field).asText());
            }
        }
        return text.toString();
    }

    private static String about(JsonNode d) {
        return d.hasNonNull("subject") ? " about " + d.path("subject").asText() : "";
    }

    private static String purpose(JsonNode d) {
        String purpose = switch (d.path("purpose").asText()) {
            case "serve" -> "a CSR";
            case "conference" -> "a second CSR to join";
            case "transfer" -> "a CSR to transfer to";
            default -> d.path("purpose").asText();
        };
        return purpose + (d.hasNonNull("subject") ? " (" + d.path("subject").asText() + ")" : "");
    }

    private static String channels(JsonNode d) {
        return d.has("channels") ? " " + Output.text(d.path("channels")) : "";
    }

    private static String time(JsonNode event) {
        return clock(event.path("at").asText());
    }

    /** {@code 2026-11-25T10:00:01.123Z} as {@code 10:00:01}. */
    static String clock(String instant) {
        int t = instant.indexOf('T');
        return t < 0 || instant.length() < t + 9 ? instant : instant.substring(t + 1, t + 9);
    }
}
