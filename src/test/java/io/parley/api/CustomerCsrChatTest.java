package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.visitor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.PostgresResource;
import io.parley.support.WsClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A customer and a CSR in a routed session, over the real control and chat channels. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class CustomerCsrChatTest {

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    @Test
    void customerAndCsrChatWithSequenceNumbersDedupAndReplay() {
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"));
        String visitorToken = started.getString("visitorToken");
        assertThat(visitorToken).isNotBlank();
        assertThat(started.getMap("connection.channels")).containsOnlyKeys("control", "chat", "page-push", "voice");
        String csr = Parley.acceptOffer(started.getString("session.id"));
        assertThat(csr).isIn("alice", "bob");

        try (Leg customer = new Leg(started).connect();
                Leg agent = new Leg(as(csr).body("{}").post("/api/sessions/{id}/legs", customer.sessionId)
                        .then().statusCode(200).extract().jsonPath()).connect()) {
            customer.control.await("roster", roster -> roster.at("/session/legs").findValuesAsText("state").stream()
                    .filter("connected"::equals).count() == 2);

            customer.say("c-1", "Hello, how much is the Pro plan?");
            JsonNode ack = customer.chat.await("ack");
            assertThat(ack.path("seq").asLong()).isEqualTo(1);
            assertThat(ack.path("duplicate").asBoolean()).isFalse();
            JsonNode received = agent.chat.await("message");
            assertThat(received.path("seq").asLong()).isEqualTo(1);
            assertThat(received.path("text").asText()).isEqualTo("Hello, how much is the Pro plan?");
            assertThat(received.has("clientId")).as("another sender's client id is not fanned out").isFalse();

            customer.say("c-1", "Hello, how much is the Pro plan?");
            JsonNode again = customer.chat.await("ack");
            assertThat(again.path("seq").asLong()).isEqualTo(1);
            assertThat(again.path("duplicate").asBoolean()).isTrue();

            agent.say("a-1", "Hi! It is 20 euros a month.");
            assertThat(customer.chat.await("message", m -> m.path("seq").asLong() == 2).path("name").asText())
                    .isNotBlank();
            customer.chat.send(Map.of("type", "read", "seq", 2));
            assertThat(agent.chat.await("read").path("seq").asLong()).isEqualTo(2);
            customer.chat.send(Map.of("type", "read", "seq", 1)); // late: changes nothing stored
            agent.chat.await("read", r -> r.path("seq").asLong() == 1);

            customer.chat.close();
            agent.say("a-2", "Anything else?");
            agent.chat.await("ack", a -> a.path("seq").asLong() == 3);
            customer.chat = WsClient.connect(customer.url("chat"), customer.token);
            customer.chat.await("ready");
            customer.chat.send(Map.of("type", "history", "after", 2));
            JsonNode history = customer.chat.await("history");
            assertThat(history.path("messages").findValuesAsText("text")).containsExactly("Anything else?");
            assertThat(history.at("/readMarks/" + customer.legId).asLong()).as("how far the customer had read")
                    .isEqualTo(2);

            JsonPath transcript = visitor(visitorToken).get("/api/sessions/{id}/transcript", customer.sessionId)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(transcript.getList("seq", Long.class)).containsExactly(1L, 2L, 3L);

            for (JsonNode frame : customer.control.unclaimed()) {
                assertThat(frame.findValues("token")).as("no token reaches a customer's socket").isEmpty();
            }

            // The customer reads who ended it by name; staff, and the event log, see the endpoint.
            as(csr).body("{}").post("/api/sessions/{id}/end", customer.sessionId).then().statusCode(200);
            String name = csr.equals("alice") ? "Alice Martin" : "Bob Okafor";
            assertThat(customer.control.await("session-ended").path("reason").asText()).isEqualTo("ended by " + name);
            assertThat(Parley.operator().get("/api/sessions/{id}", customer.sessionId).then().extract().jsonPath()
                    .getString("endReason")).isEqualTo("ended by csr:" + csr);
        }
    }
}
