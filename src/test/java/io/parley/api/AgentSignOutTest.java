package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.operator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.support.Console;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * An agent who signs out, or is signed out by an operator, leaves its conversations at once: its legs end with a
 * reason and the code {@code signed-out}, each of its customers is told on the control channel ({@code leg-ended})
 * and a routed one waits for the next agent, instead of finding out when the agent's connections' grace runs out.
 * A console signing out while another console of the agent is still connected takes nobody out.
 */
@QuarkusTest
class AgentSignOutTest {

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    private static String consoleToken(String agent) {
        return as(agent).post("/api/tokens/console").then().statusCode(200).extract().path("token");
    }

    /** A visitor asks Bob by name; Bob's console accepts and joins; both sides are connected. */
    private static Leg[] bobServes(Console bob) {
        return serves(bob);
    }

    /** A visitor asks the console's agent by name; it accepts and joins; both sides are connected. */
    private static Leg[] serves(Console agent) {
        Leg customer = Leg.customerWith(agent.agent).connect();
        agent.accept(agent.offer(customer.sessionId));
        Leg bobs = agent.join(customer.sessionId);
        customer.control.await("roster", roster -> roster.toString().contains("\"state\":\"active\""));
        return new Leg[] {customer, bobs};
    }

    private static JsonPath session(String id) {
        return operator().get("/api/sessions/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anAgentSigningOutOfItsOnlyConsoleLeavesAtOnceAndTheRoutedCustomerIsToldAndWaitsAgain() {
        String token = consoleToken("bob");
        try (Console bob = Console.signedIn("bob", token)) {
            Leg[] legs = bobServes(bob);
            try (Leg customer = legs[0]; Leg bobs = legs[1]) {
                given().auth().oauth2(token).delete("/api/tokens/console").then().statusCode(204);

                JsonNode told = customer.control.await("leg-ended");
                assertThat(told.path("legId").asText()).isEqualTo(bobs.legId);
                assertThat(told.path("role").asText()).isEqualTo("csr");
                assertThat(told.path("code").asText()).isEqualTo("signed-out");
                assertThat(told.path("name").asText()).isEqualTo("Bob Okafor");
                assertThat(told.path("reason").asText()).as("in people's terms, to the customer")
                        .isEqualTo("Bob Okafor signed out");
                customer.control.await("roster", roster -> roster.toString().contains("\"state\":\"waiting\""));
                assertThat(session(customer.sessionId).getString("legs.find { it.role == 'csr' }.state"))
                        .isEqualTo("left");
                assertThat(Parley.awaitOffer(customer.sessionId)).as("queued again, offered on").isNotNull();
                assertThat(operator().get("/api/sessions/{id}/events", customer.sessionId).then().statusCode(200)
                        .extract().asString()).as("the event log keeps why").contains("csr:bob signed out");
            }
        }
    }

    @Test
    void anAgentSignedOutByAnOperatorLeavesAtOnceAndTheReasonNamesTheOperator() {
        try (Console bob = Console.open("bob")) {
            Leg[] legs = bobServes(bob);
            try (Leg customer = legs[0]; Leg bobs = legs[1]) {
                operator().body(Map.of("presence", "offline")).put("/api/agents/bob/presence").then().statusCode(200);

                JsonNode told = customer.control.await("leg-ended");
                assertThat(told.path("code").asText()).isEqualTo("signed-out");
                assertThat(told.path("reason").asText()).isEqualTo("Bob Okafor signed out by operator operator");
                customer.control.await("roster", roster -> roster.toString().contains("\"state\":\"waiting\""));
                assertThat(bobs.control.awaitClose()).as("its leg has ended").isEqualTo((short) 4001);
            }
        }
    }

    @Test
    void aMonitoringSupervisorSignedOutLeavesUnseenTheCustomerIsToldNothing() {
        Leg[] legs;
        try (Console console = Console.open("alice")) {
            legs = serves(console);
        }
        Leg customer = legs[0];
        Leg alice = legs[1];
        Leg sam = new Leg(as("sam").body(Map.of("mode", "monitor")).post("/api/sessions/{id}/supervision",
                customer.sessionId).then().statusCode(200).extract().jsonPath()).connect();
        try (customer; alice; sam) {
            alice.control.await("roster", roster -> roster.toString().contains(sam.legId + "\",")
                    && roster.toString().contains("\"supervision\":\"monitor\""));
            operator().body(Map.of("presence", "offline")).put("/api/agents/sam/presence").then().statusCode(200);

            JsonNode told = alice.control.await("leg-ended");
            assertThat(told.path("legId").asText()).as("staff are told").isEqualTo(sam.legId);
            assertThat(told.path("code").asText()).isEqualTo("signed-out");
            assertThat(sam.control.awaitClose()).isEqualTo((short) 4001);
            // Frames on a socket come in order: once the customer's renewal is answered, anything sent before it is in.
            customer.control.send(Map.of("type", "renew"));
            customer.control.await("renewed");
            assertThat(customer.control.unclaimed()).as("a supervisor who was never in the customer's picture")
                    .noneMatch(frame -> "leg-ended".equals(frame.path("type").asText()));
            assertThat(session(customer.sessionId).getString("state")).isEqualTo("active");
        }
    }

    @Test
    void aConsoleSigningOutWhileAnotherConsoleOfTheAgentIsConnectedTakesNobodyOut() {
        String token = consoleToken("bob");
        try (Console bob = Console.signedIn("bob", token); Console other = Console.open("bob")) {
            Leg[] legs = bobServes(bob);
            try (Leg customer = legs[0]; Leg bobs = legs[1]) {
                given().auth().oauth2(token).delete("/api/tokens/console").then().statusCode(204);
                assertThat(bob.endpoint.awaitClose()).isEqualTo((short) 4403);

                // Whatever signing out does to the conversations is done before it is answered.
                JsonPath after = session(customer.sessionId);
                assertThat(after.getString("state")).isEqualTo("active");
                assertThat(after.getString("legs.find { it.role == 'csr' }.state")).isEqualTo("connected");
                assertThat(other.endpoint.isClosed()).isFalse();
            }
        }
    }
}
