package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.csr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.support.Leg;
import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Private notes: staff write them on the chat socket or over REST; only staff ever get them. */
@QuarkusTest
class PrivateNotesTest {

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
    }

    @AfterEach
    void close() {
        for (Leg leg : new Leg[] {customer, alice, sam}) {
            if (leg != null) {
                leg.close();
            }
        }
    }

    @Test
    void aNoteReachesStaffSocketsAndTranscriptsAndNeverTheCustomers() {
        sam = new Leg(as("sam").body(Map.of("mode", "monitor")).post("/api/sessions/{id}/supervision",
                customer.sessionId).then().statusCode(200).extract().jsonPath()).connect();
        alice.chat.send(Map.of("type", "message", "clientId", "n-1", "text", "VIP: renewal due in May", "note", true));
        assertThat(alice.chat.await("ack").path("seq").asLong()).isEqualTo(1);
        JsonNode atSam = sam.chat.await("message", m -> m.path("legId").asText().equals(alice.legId));
        assertThat(atSam.path("note").asBoolean()).isTrue();
        assertThat(atSam.has("coaching")).isFalse();

        // A monitoring supervisor sends nothing to the conversation, but may note.
        sam.chat.send(Map.of("type", "message", "clientId", "n-2", "text", "Good tone so far", "note", true));
        assertThat(sam.chat.await("ack").path("seq").asLong()).isEqualTo(2);
        assertThat(as("alice").body(Map.of("text", "Offered 10 % off")).post("/api/sessions/{id}/notes",
                customer.sessionId).then().statusCode(201).body("note", equalTo(true)).extract().jsonPath()
                .getLong("seq")).isEqualTo(3);
        assertThat(alice.chat.await("message", m -> m.path("text").asText().equals("Offered 10 % off"))
                .path("note").asBoolean()).as("a REST note is fanned out like one from the socket").isTrue();

        alice.say("a-1", "Here is your offer.");
        customer.chat.await("message", m -> m.path("legId").asText().equals(alice.legId));
        customer.chat.send(Map.of("type", "history", "after", 0));
        assertThat(customer.chat.await("history").path("messages").findValuesAsText("text"))
                .containsExactly("Here is your offer.");
        assertThat(customer.chat.unclaimed()).as("no note reached the customer's socket")
                .noneMatch(frame -> frame.toString().contains("VIP") || frame.toString().contains("tone")
                        || frame.toString().contains("10 %"));
        assertThat(Parley.visitor(visitorToken).get("/api/sessions/{id}/transcript", customer.sessionId).then()
                .statusCode(200).extract().jsonPath().getList("text", String.class))
                .containsExactly("Here is your offer.");
        JsonPath staff = as("alice").get("/api/sessions/{id}/transcript", customer.sessionId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(staff.getList("text", String.class)).containsExactly("VIP: renewal due in May",
                "Good tone so far", "Offered 10 % off", "Here is your offer.");
        assertThat(staff.getList("note", Boolean.class)).containsExactly(true, true, true, null);
    }

    @Test
    void customersAndStaffOutsideTheSessionWriteNoNotes() {
        customer.chat.send(Map.of("type", "message", "clientId", "n-1", "text", "I am staff now", "note", true));
        assertThat(customer.chat.await("error").path("code").asText()).isEqualTo("not-permitted");
        Parley.visitor(visitorToken).body(Map.of("text", "me too")).post("/api/sessions/{id}/notes",
                customer.sessionId).then().statusCode(403).body("code", equalTo("not-permitted"));
        as("bob").body(Map.of("text", "not mine")).post("/api/sessions/{id}/notes", customer.sessionId).then()
                .statusCode(403).body("code", equalTo("not-a-member"));
        as("sam").body(Map.of("text", "not yet in")).post("/api/sessions/{id}/notes", customer.sessionId).then()
                .statusCode(403).body("code", equalTo("not-a-member"));
        Parley.anonymous().body(Map.of("text", "who")).post("/api/sessions/{id}/notes", customer.sessionId).then()
                .statusCode(401);
        as("alice").body(Map.of("text", "")).post("/api/sessions/{id}/notes", customer.sessionId).then()
                .statusCode(400);
        as("alice").body(Map.of("text", "x".repeat(4001))).post("/api/sessions/{id}/notes", customer.sessionId).then()
                .statusCode(400);
        as("alice").body(Map.of("text", "x")).post("/api/sessions/{id}/notes", "not-a-session").then()
                .statusCode(404);
        as("alice").get("/api/sessions/{id}/transcript", customer.sessionId).then().statusCode(200)
                .body("size()", equalTo(0));
    }
}
