package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.csr;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A supervisor monitors, whispers and barges in over the real interfaces: what each leg's sockets receive, what
 * the customer's roster, replay and transcript show, and who may do it at all.
 */
@QuarkusTest
class SupervisionTest {

    private String visitorToken;
    private Leg customer;
    private Leg alice;
    private Leg sam;

    @BeforeEach
    void customerWithAliceConnected() {
        Parley.reset();
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", csr("alice")));
        visitorToken = started.getString("visitorToken");
        customer = new Leg(started).connect();
        alice = customer.joinedBy("alice").connect();
        customer.control.await("roster", r -> "connected".equals(leg(r, alice.legId).path("state").asText()));
    }

    @AfterEach
    void close() {
        for (Leg leg : new Leg[] {customer, alice, sam}) {
            if (leg != null) {
                leg.close();
            }
        }
    }

    private JsonPath supervise(String mode) {
        return as("sam").body(Map.of("mode", mode)).post("/api/sessions/{id}/supervision", customer.sessionId).then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void aMonitoringSupervisorGetsTheConversationUnseenAndSendsNothing() {
        JsonPath joined = supervise("monitor");
        assertThat(joined.getString("session.legs.find { it.id == '" + joined.getString("legId") + "' }.supervision"))
                .isEqualTo("monitor");
        sam = new Leg(joined).connect();
        alice.control.await("roster", r -> "connected".equals(leg(r, sam.legId).path("state").asText())
                && "monitor".equals(leg(r, sam.legId).path("supervision").asText()));

        customer.say("c-1", "Is there a discount?");
        assertThat(sam.chat.await("message", m -> m.path("legId").asText().equals(customer.legId)).path("text")
                .asText()).isEqualTo("Is there a discount?");
        sam.say("s-1", "psst");
        assertThat(sam.chat.await("error").path("code").asText()).isEqualTo("not-permitted");

        try (WsClient customerVoice = WsClient.connect(customer.url("voice"), customer.token);
                WsClient aliceVoice = WsClient.connect(alice.url("voice"), alice.token);
                WsClient samVoice = WsClient.connect(sam.url("voice"), sam.token);
                WsClient samPages = WsClient.connect(sam.url("page-push"), sam.token)) {
            for (WsClient ready : List.of(customerVoice, aliceVoice, samVoice, samPages)) {
                ready.await("ready");
            }
            samVoice.sendBinary(frame(1, (byte) 5));
            byte[] fromCustomer = frame(2, (byte) 7);
            customerVoice.sendBinary(fromCustomer);
            assertThat(aliceVoice.awaitBinary()).as("the monitor's frame reached nobody: the customer's comes first")
                    .isEqualTo(relayed(customer.legId, fromCustomer));
            assertThat(samVoice.awaitBinary()).as("the monitor hears the customer")
                    .isEqualTo(relayed(customer.legId, fromCustomer));
            byte[] fromAlice = frame(3, (byte) 9);
            aliceVoice.sendBinary(fromAlice);
            assertThat(customerVoice.awaitBinary()).isEqualTo(relayed(alice.legId, fromAlice));
            samPages.send(Map.of("type", "navigate", "url", customer.shopPage("")));
            assertThat(samPages.await("error").path("code").asText()).isEqualTo("not-permitted");
        }

        customer.control.awaitHandled();
        assertThat(customer.control.unclaimed()).as("no roster the customer got shows the supervisor")
                .noneMatch(frame -> frame.toString().contains(sam.legId));
        JsonPath seen = Parley.visitor(visitorToken).get("/api/sessions/{id}", customer.sessionId).then()
                .statusCode(200).extract().jsonPath();
        assertThat(seen.getList("legs.id", String.class)).containsExactlyInAnyOrder(customer.legId, alice.legId);
    }

    @Test
    void aWhisperReachesTheStaffOnlyInChatVoiceReplayAndTranscript() {
        sam = new Leg(supervise("monitor")).connect();
        JsonPath switched = supervise("whisper");
        assertThat(switched.getString("legId")).as("one request switches the same leg").isEqualTo(sam.legId);
        alice.control.await("roster", r -> "whisper".equals(leg(r, sam.legId).path("supervision").asText()));

        sam.say("s-1", "Offer the annual plan.");
        assertThat(sam.chat.await("ack").path("seq").asLong()).isPositive();
        JsonNode coaching = alice.chat.await("message", m -> m.path("legId").asText().equals(sam.legId));
        assertThat(coaching.path("text").asText()).isEqualTo("Offer the annual plan.");
        assertThat(coaching.path("coaching").asBoolean()).isTrue();
        alice.say("a-1", "We have an annual plan.");
        customer.chat.await("message", m -> m.path("legId").asText().equals(alice.legId));
        customer.chat.send(Map.of("type", "history", "after", 0));
        JsonNode replay = customer.chat.await("history");
        assertThat(replay.path("messages").findValuesAsText("text")).containsExactly("We have an annual plan.");
        assertThat(replay.path("readMarks").has(sam.legId)).isFalse();
        assertThat(customer.chat.unclaimed()).as("the whisper never reached the customer's socket")
                .noneMatch(frame -> frame.toString().contains("annual plan.\"") && frame.toString().contains("Offer"));

        assertThat(Parley.visitor(visitorToken).get("/api/sessions/{id}/transcript", customer.sessionId).then()
                .statusCode(200).extract().jsonPath().getList("text", String.class))
                .containsExactly("We have an annual plan.");
        assertThat(as("alice").get("/api/sessions/{id}/transcript", customer.sessionId).then().statusCode(200)
                .extract().jsonPath().getList("text", String.class))
                .containsExactly("Offer the annual plan.", "We have an annual plan.");

        try (WsClient customerVoice = WsClient.connect(customer.url("voice"), customer.token);
                WsClient aliceVoice = WsClient.connect(alice.url("voice"), alice.token);
                WsClient samVoice = WsClient.connect(sam.url("voice"), sam.token)) {
            for (WsClient ready : List.of(customerVoice, aliceVoice, samVoice)) {
                ready.await("ready");
            }
            byte[] whisper = frame(1, (byte) 3);
            samVoice.sendBinary(whisper);
            assertThat(aliceVoice.awaitBinary()).as("alice hears the whisper").isEqualTo(relayed(sam.legId, whisper));
            byte[] fromAlice = frame(2, (byte) 4);
            aliceVoice.sendBinary(fromAlice);
            assertThat(customerVoice.awaitBinary()).as("the customer never hears it: alice's frame comes first")
                    .isEqualTo(relayed(alice.legId, fromAlice));
        }
    }

    @Test
    void aSupervisorWhoBargesInIsSeenHeardAndTakesTheSessionOver() {
        sam = new Leg(supervise("whisper")).connect();
        supervise("barge");
        JsonNode roster = customer.control.await("roster", r -> !leg(r, sam.legId).isMissingNode());
        assertThat(leg(roster, sam.legId).path("role").asText()).isEqualTo("supervisor");
        assertThat(leg(roster, sam.legId).path("name").asText()).isEqualTo("Sam Rivera");
        sam.say("s-1", "Hello, I am Alice's supervisor.");
        JsonNode said = customer.chat.await("message", m -> m.path("legId").asText().equals(sam.legId));
        assertThat(said.has("coaching")).isFalse();

        JsonPath taken = as("sam").body("{}").post("/api/sessions/{id}/take-over", customer.sessionId).then()
                .statusCode(200).extract().jsonPath();
        assertThat(taken.getString("session.legs.find { it.id == '" + sam.legId + "' }.role")).isEqualTo("csr");
        assertThat(taken.getString("session.legs.find { it.id == '" + alice.legId + "' }.state")).isEqualTo("left");
        assertThat(taken.getString("session.state")).isEqualTo("active");
        List<String> types = as("sam").get("/api/sessions/{id}/events", customer.sessionId).then().statusCode(200)
                .extract().jsonPath().getList("type", String.class);
        assertThat(types).contains("supervision-changed", "taken-over");
    }

    @Test
    void onlySupervisorsSuperviseAndOnlyInTheWaysTheServiceAllows() {
        as("alice").body(Map.of("mode", "monitor")).post("/api/sessions/{id}/supervision", customer.sessionId)
                .then().statusCode(403);
        as("bob").body(Map.of("mode", "monitor")).post("/api/sessions/{id}/supervision", customer.sessionId)
                .then().statusCode(403);
        Parley.visitor(visitorToken).body(Map.of("mode", "monitor"))
                .post("/api/sessions/{id}/supervision", customer.sessionId).then().statusCode(403);
        Parley.anonymous().body(Map.of("mode", "monitor")).post("/api/sessions/{id}/supervision", customer.sessionId)
                .then().statusCode(401);
        as("sam").body(Map.of("mode", "spy")).post("/api/sessions/{id}/supervision", customer.sessionId).then()
                .statusCode(400);
        as("sam").body("{}").post("/api/sessions/{id}/supervision", customer.sessionId).then().statusCode(400);
        as("sam").body(Map.of("mode", "monitor")).post("/api/sessions/{id}/supervision",
                "00000000-0000-0000-0000-000000000000").then().statusCode(404);
        as("sam").body("{}").post("/api/sessions/{id}/take-over", customer.sessionId).then().statusCode(403)
                .body("code", org.hamcrest.Matchers.equalTo("not-a-member"));
        as("alice").body("{}").post("/api/sessions/{id}/take-over", customer.sessionId).then().statusCode(403);

        sam = new Leg(supervise("monitor"));
        as("sam").body("{}").post("/api/sessions/{id}/end", customer.sessionId).then().statusCode(403)
                .body("code", org.hamcrest.Matchers.equalTo("not-permitted"));

        // The demo's expert desk allows neither whispering nor barging in.
        JsonPath room = Parley.anonymous().body(Map.of("service", "expert-desk", "subject", "grinders"))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        as("sam").body(Map.of("mode", "whisper")).post("/api/sessions/{id}/supervision", room.getString("session.id"))
                .then().statusCode(409).body("code", org.hamcrest.Matchers.equalTo("supervision-not-allowed"));
        as("sam").body(Map.of("mode", "monitor")).post("/api/sessions/{id}/supervision", room.getString("session.id"))
                .then().statusCode(200);
    }

    private static JsonNode leg(JsonNode roster, String legId) {
        for (JsonNode leg : roster.at("/session/legs")) {
            if (leg.path("id").asText().equals(legId)) {
                return leg;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static byte[] frame(int seq, byte fill) {
        byte[] frame = ByteBuffer.allocate(12 + 160).putInt(seq).putInt(seq * 960).put((byte) 1).array();
        Arrays.fill(frame, 12, frame.length, fill);
        return frame;
    }

    /** A frame as the other legs receive it: {@code [uint8 length][sender's leg id]} then the frame as sent. */
    private static byte[] relayed(String senderLegId, byte[] frame) {
        byte[] id = senderLegId.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(1 + id.length + frame.length).put((byte) id.length).put(id).put(frame).array();
    }
}
