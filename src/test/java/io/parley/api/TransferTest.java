package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.csr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.support.Console;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Transfers wait for the second CSR's leg to report {@code connected} on its control channel. */
@QuarkusTest
class TransferTest {

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    /** A customer asks Sales for alice by name; alice and the customer connect. */
    private static Leg[] customerWithAlice() {
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", csr("alice")));
        Leg customer = new Leg(started).connect();
        Leg alice = new Leg(as("alice").body("{}").post("/api/sessions/{id}/legs", customer.sessionId)
                .then().statusCode(200).extract().jsonPath()).connect();
        alice.control.await("roster", r -> legState(r, alice.legId).equals("connected"));
        return new Leg[] {customer, alice};
    }

    private static Leg join(String csr, String sessionId) {
        return new Leg(as(csr).body("{}").post("/api/sessions/{id}/legs", sessionId)
                .then().statusCode(200).extract().jsonPath());
    }

    private static String legState(JsonNode roster, String legId) {
        for (JsonNode leg : roster.at("/session/legs")) {
            if (leg.path("id").asText().equals(legId)) {
                return leg.path("state").asText();
            }
        }
        return "absent";
    }

    private static String state(String sessionId, String legId) {
        return Parley.operator().get("/api/sessions/{id}", sessionId).then().statusCode(200).extract().jsonPath()
                .getString("legs.find { it.id == '" + legId + "' }.state");
    }

    @Test
    void aNamedTransferIsOfferedWithTheNoteAndTheConversationAndBeginsWhenAccepted() {
        Leg[] legs = customerWithAlice();
        Leg customer = legs[0];
        Leg alice = legs[1];
        try (customer; alice; Console bobsConsole = Console.open("bob")) {
            alice.say("a-0", "Let me find a colleague for the annual plan.");
            alice.chat.await("ack");
            as("alice").body(Map.of("to", csr("bob"), "mode", "cold", "note", "Wants the annual plan, VAT id ready"))
                    .post("/api/sessions/{id}/transfer", customer.sessionId)
                    .then().statusCode(202).body("added", empty());
            JsonNode offer = bobsConsole.offer(customer.sessionId);
            assertThat(offer.path("purpose").asText()).isEqualTo("transfer");
            assertThat(offer.path("named").asBoolean()).isTrue();
            assertThat(offer.path("askedBy").asText()).isEqualTo("Alice Martin");
            assertThat(offer.path("note").asText()).isEqualTo("Wants the annual plan, VAT id ready");
            assertThat(offer.path("conversation").findValuesAsText("text"))
                    .contains("Let me find a colleague for the annual plan.");
            assertThat(Parley.operator().get("/api/sessions/{id}", customer.sessionId).then().statusCode(200)
                    .extract().jsonPath().getList("legs.findAll { it.endpoint.id == 'bob' }"))
                    .as("not before bob says yes")
                    .isEmpty();

            bobsConsole.accept(offer);
            alice.control.await("transfer", t -> t.path("state").asText().equals("started"));
            try (Leg bob = bobsConsole.join(customer.sessionId)) {
                alice.control.await("transfer", t -> t.path("state").asText().equals("completed"));
                assertThat(alice.control.awaitClose()).isEqualTo((short) 4001);
                customer.control.await("roster", r -> legState(r, alice.legId).equals("left")
                        && legState(r, bob.legId).equals("connected"));
            }
        }
    }

    @Test
    void aTransferOfferCarriesTheLatestOfALongConversation() {
        Leg[] legs = customerWithAlice();
        try (Leg customer = legs[0]; Leg alice = legs[1]; Console bobsConsole = Console.open("bob")) {
            for (int n = 1; n <= 53; n++) {
                as("alice").body(Map.of("text", "note " + n, "clientId", "n-" + n))
                        .post("/api/sessions/{id}/notes", customer.sessionId).then().statusCode(201);
            }
            as("alice").body(Map.of("to", csr("bob"))).post("/api/sessions/{id}/transfer", customer.sessionId)
                    .then().statusCode(202);
            List<String> texts = bobsConsole.offer(customer.sessionId).path("conversation").findValuesAsText("text");
            assertThat(texts).hasSize(50).startsWith("note 4").endsWith("note 53");
        }
    }

    @Test
    void aNamedTransferDeclinedWithAReasonTellsTheFirstCsrAndItKeepsTheCustomer() {
        Leg[] legs = customerWithAlice();
        Leg customer = legs[0];
        Leg alice = legs[1];
        try (customer; alice; Console bobsConsole = Console.open("bob")) {
            as("alice").body(Map.of("to", csr("bob"), "mode", "cold")).post("/api/sessions/{id}/transfer",
                    customer.sessionId).then().statusCode(202);
            JsonNode offer = bobsConsole.offer(customer.sessionId);
            bobsConsole.endpoint.send(Map.of("type", "decline-offer", "offerId", offer.path("offerId").asText(),
                    "reason", "x".repeat(201)));
            assertThat(bobsConsole.endpoint.await("error").path("code").asText())
                    .as("a reason too long is refused").isEqualTo("invalid-request");
            bobsConsole.endpoint.send(Map.of("type", "decline-offer", "offerId", offer.path("offerId").asText(),
                    "reason", "  in a call with a supplier  "));
            JsonNode handover = alice.control.await("handover");
            assertThat(handover.path("outcome").asText()).isEqualTo("declined");
            assertThat(handover.path("to").asText()).isEqualTo("Bob Okafor");
            assertThat(handover.path("reason").asText()).contains("declined: in a call with a supplier");
            assertThat(state(customer.sessionId, alice.legId)).isEqualTo("connected");
            as("alice").body(Map.of("to", csr("carol"))).post("/api/sessions/{id}/transfer", customer.sessionId)
                    .then().statusCode(202);
        }
    }

    @Test
    void coldTransferKeepsFirstCsrUntilSecondConnects() {
        Leg[] legs = customerWithAlice();
        Leg customer = legs[0];
        Leg alice = legs[1];
        try (customer; alice) {
            as("alice").body(Map.of("to", csr("bob"), "mode", "cold"))
                    .post("/api/sessions/{id}/transfer", customer.sessionId).then().statusCode(202);
            String bobLeg = Parley.accepts("bob", customer.sessionId).getString("added[0].id");
            alice.control.await("transfer", t -> t.path("state").asText().equals("started"));
            assertThat(state(customer.sessionId, alice.legId)).isEqualTo("connected");
            assertThat(state(customer.sessionId, bobLeg)).isEqualTo("invited");

            try (Leg bob = join("bob", customer.sessionId)) {
                assertThat(bob.legId).isEqualTo(bobLeg);
                assertThat(state(customer.sessionId, alice.legId))
                        .as("joining is not enough: the first CSR stays until the second is connected")
                        .isEqualTo("connected");
                bob.connect();
                alice.control.await("transfer", t -> t.path("state").asText().equals("completed"));
                assertThat(alice.control.awaitClose()).isEqualTo((short) 4001);
                customer.control.await("roster", r -> legState(r, alice.legId).equals("left")
                        && legState(r, bobLeg).equals("connected"));

                bob.say("b-1", "Hi, Bob here, I take over.");
                assertThat(customer.chat.await("message").path("text").asText())
                        .isEqualTo("Hi, Bob here, I take over.");
            }
        }
    }

    @Test
    void warmTransferKeepsBothCsrsUntilTheFirstLeaves() {
        Leg[] legs = customerWithAlice();
        Leg customer = legs[0];
        Leg alice = legs[1];
        try (customer; alice) {
            as("alice").body(Map.of("to", csr("bob"), "mode", "warm"))
                    .post("/api/sessions/{id}/transfer", customer.sessionId).then().statusCode(202);
            Parley.accepts("bob", customer.sessionId);
            try (Leg bob = join("bob", customer.sessionId).connect()) {
                customer.control.await("roster", r -> legState(r, bob.legId).equals("connected"));
                assertThat(state(customer.sessionId, alice.legId)).isEqualTo("connected");

                as("alice").delete("/api/sessions/{id}/legs/{leg}", customer.sessionId, alice.legId)
                        .then().statusCode(200);
                bob.control.await("transfer", t -> t.path("state").asText().equals("completed"));
                assertThat(state(customer.sessionId, alice.legId)).isEqualTo("left");
                assertThat(state(customer.sessionId, bob.legId)).isEqualTo("connected");
                Parley.operator().get("/api/sessions/{id}", customer.sessionId).then().statusCode(200)
                        .body("state", equalTo("active"));
            }
        }
    }

    @Test
    void aTransferToTheCsrConferencedInCompletesAtOnce() {
        Leg[] legs = customerWithAlice();
        Leg customer = legs[0];
        Leg alice = legs[1];
        try (customer; alice) {
            as("alice").body(Map.of("to", csr("bob"))).post("/api/sessions/{id}/conference", customer.sessionId)
                    .then().statusCode(202);
            as("alice").body(Map.of("to", csr("bob"), "mode", "cold"))
                    .post("/api/sessions/{id}/transfer", customer.sessionId).then().statusCode(409)
                    .body("code", equalTo("routing-in-progress"));
            Parley.accepts("bob", customer.sessionId);
            as("alice").body(Map.of("to", csr("bob"), "mode", "cold"))
                    .post("/api/sessions/{id}/transfer", customer.sessionId).then().statusCode(409)
                    .body("code", equalTo("handover-not-joined"));
            try (Leg bob = join("bob", customer.sessionId).connect()) {
                customer.control.await("roster", r -> legState(r, bob.legId).equals("connected"));
                as("alice").body(Map.of("to", csr("bob"), "mode", "cold"))
                        .post("/api/sessions/{id}/transfer", customer.sessionId).then().statusCode(200)
                        .body("added", empty());
                assertThat(alice.control.awaitClose()).isEqualTo((short) 4001);
                customer.control.await("roster", r -> legState(r, alice.legId).equals("left")
                        && legState(r, bob.legId).equals("connected"));
                assertThat(Parley.operator().get("/api/sessions/{id}/events", customer.sessionId).then()
                        .statusCode(200).extract().asString())
                        .contains("csr:alice transfers to csr:bob, who is already in the session");

                bob.say("b-1", "Bob here, I keep you.");
                assertThat(customer.chat.await("message").path("text").asText()).isEqualTo("Bob here, I keep you.");
            }
        }
    }

    @Test
    void transferFailsAndFirstCsrStaysWhenSecondNeverConnects() {
        Leg[] legs = customerWithAlice();
        Leg customer = legs[0];
        Leg alice = legs[1];
        try (customer; alice) {
            as("alice").body(Map.of("to", csr("bob"))).post("/api/sessions/{id}/transfer", customer.sessionId)
                    .then().statusCode(202);
            String bobLeg = Parley.accepts("bob", customer.sessionId).getString("added[0].id");
            JsonNode failed = alice.control.await("transfer", t -> t.path("state").asText().equals("failed"));
            assertThat(failed.path("reason").asText()).contains("did not connect");
            assertThat(state(customer.sessionId, alice.legId)).isEqualTo("connected");
            assertThat(state(customer.sessionId, bobLeg)).isEqualTo("failed");

            alice.say("a-1", "Still here.");
            assertThat(customer.chat.await("message").path("text").asText()).isEqualTo("Still here.");
        }
    }

    @Test
    void transferIsRefusedWhileAnotherIsUnderWay() {
        Leg[] legs = customerWithAlice();
        try (Leg customer = legs[0]; Leg alice = legs[1]) {
            as("alice").body(Map.of("to", csr("bob"))).post("/api/sessions/{id}/transfer", customer.sessionId)
                    .then().statusCode(202);
            as("alice").body(Map.of("to", csr("carol"))).post("/api/sessions/{id}/transfer", customer.sessionId)
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("code", equalTo("routing-in-progress"));
            Parley.accepts("bob", customer.sessionId);
            as("alice").body(Map.of("to", csr("carol"))).post("/api/sessions/{id}/transfer", customer.sessionId)
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("code", equalTo("transfer-in-progress"));
            as("alice").body(Map.of("to", csr("carol"), "note", "x".repeat(501)))
                    .post("/api/sessions/{id}/conference", customer.sessionId).then().statusCode(400)
                    .body("code", equalTo("invalid-request"));
        }
    }
}
