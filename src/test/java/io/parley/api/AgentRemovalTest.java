package io.parley.api;

import static io.parley.support.Parley.anonymous;
import static io.parley.support.Parley.as;
import static io.parley.support.Parley.csr;
import static io.parley.support.Parley.operator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Console;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * An operator takes an agent out of the directory ({@code DELETE /api/agents/{id}}): from then on it is not
 * listed and gets no offers, its console and endpoint tokens (and its password) are refused, its console closes
 * with 4403, its open offers are withdrawn and the customer is offered to someone else, a routed customer it was
 * serving waits for the next CSR and a direct session with it ends, each written in the agent's and the sessions'
 * event logs. Only operators remove; a retry answers the same. Dora is the test profile's agent for this.
 */
@QuarkusTest
class AgentRemovalTest {

    private static final String DORA = "dora";

    /** Dora is in the directory (added back if a test removed her), offline, as each test starts. */
    @BeforeEach
    void reset() {
        Parley.reset();
        operator().body(Map.of("name", "Dora Lind", "skills", Map.of("sales", 6), "maxSessions", 2))
                .put("/api/agents/{id}", DORA).then().statusCode(200);
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static JsonPath remove(String agent) {
        return operator().delete("/api/agents/{id}", agent).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> listed() {
        return operator().get("/api/agents").then().statusCode(200).extract().jsonPath().getList("id", String.class);
    }

    @Test
    void onlyAnOperatorRemovesAnAgentAndAnUnknownOneIsNotFound() {
        as("bob").delete("/api/agents/{id}", DORA).then().statusCode(403).body("code", equalTo("not-permitted"));
        String dorasOwn = as(DORA).post("/api/tokens/console").then().statusCode(200).extract().path("token");
        bearer(dorasOwn).delete("/api/agents/{id}", DORA).then().statusCode(403);
        String visitor = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"))
                .getString("visitorToken");
        bearer(visitor).delete("/api/agents/{id}", DORA).then().statusCode(403);
        given().delete("/api/agents/{id}", DORA).then().statusCode(401);
        assertThat(listed()).contains(DORA);

        operator().delete("/api/agents/{id}", "nobody-here").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE).body("code", equalTo("agent-not-found"));
    }

    @Test
    void aRemovedAgentIsNotListedItsTokensAndPasswordAreRefusedAndItsConsoleCloses() {
        String consoleToken = as(DORA).post("/api/tokens/console").then().statusCode(200).extract().path("token");
        JsonPath spare = bearer(consoleToken).post("/api/tokens/endpoint").then().statusCode(200).extract().jsonPath();
        try (Console dora = Console.open(DORA)) {
            JsonPath removed = remove(DORA);
            assertThat(removed.getString("id")).isEqualTo(DORA);
            assertThat(removed.getString("name")).isEqualTo("Dora Lind");
            assertThat(dora.endpoint.awaitClose()).as("its console, wherever it is").isEqualTo((short) 4403);

            bearer(consoleToken).get("/api/sessions").then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                    .body("code", equalTo("token-revoked"));
            assertThat(WsClient.refusal(spare.getString("url"), spare.getString("token"))).as("its endpoint token")
                    .hasMessageContaining("401");
            as(DORA).post("/api/tokens/console").then().statusCode(401).body("code", equalTo("agent-removed"));
            as(DORA).get("/api/sessions").then().statusCode(401);

            assertThat(listed()).doesNotContain(DORA).contains("alice", "bob");
            operator().get("/api/agents/{id}", DORA).then().statusCode(404).body("code", equalTo("agent-not-found"));
            assertThat(operator().get("/api/agents/{id}/events", DORA).then().statusCode(200).extract().jsonPath()
                    .getString("[0].reason")).isEqualTo("csr:dora removed from the directory by operator operator");

            // A retry (the answer was lost) answers the same and changes nothing more.
            JsonPath again = remove(DORA);
            assertThat(again.getString("removedAt")).isEqualTo(removed.getString("removedAt"));
            assertThat(again.getList("sessions")).isEmpty();
        }
    }

    @Test
    void aRemovedAgentsOpenOfferIsWithdrawnAndTheCustomerIsOfferedToSomeoneElse() {
        Parley.presence(DORA, "available");
        String session = anonymous().body(Map.of("service", "sales", "subject", "pricing", "with", csr(DORA)))
                .post("/api/sessions").then().statusCode(201).extract().path("session.id");
        assertThat(Parley.awaitOffer(session).get("agent")).isEqualTo(DORA);

        assertThat(remove(DORA).getList("sessions", String.class)).containsExactly(session);
        Map<String, Object> next = Parley.awaitOffer(session);
        assertThat(next.get("agent")).as("routing moves on, to who fits").isIn("alice", "bob");
        assertThat(Parley.openOffers()).noneMatch(offer -> DORA.equals(offer.get("agent")));
        String log = operator().get("/api/sessions/{id}/events", session).then().statusCode(200).extract().asString();
        assertThat(log).contains("withdrawn", "csr:dora removed from the directory by operator operator");
    }

    @Test
    void aRemovedAgentLeavesItsSessionsTheRoutedCustomerWaitsForTheNextCsrAndTheDirectOneEnds() {
        Parley.presence(DORA, "available");
        try (Console dora = Console.open(DORA)) {
            Leg routed = new Leg(anonymous().body(Map.of("service", "sales", "subject", "pricing", "with",
                    csr(DORA))).post("/api/sessions").then().statusCode(201).extract().jsonPath()).connect();
            dora.accept(dora.offer(routed.sessionId));
            Leg dorasRouted = dora.join(routed.sessionId).connect();
            Leg direct = new Leg(anonymous().body(Map.of("service", "callback", "with", csr(DORA)))
                    .post("/api/sessions").then().statusCode(201).extract().jsonPath()).connect();
            dora.accept(dora.offer(direct.sessionId));
            Leg dorasDirect = dora.join(direct.sessionId).connect();
            try (routed; direct; dorasRouted; dorasDirect) {
                routed.control.await("roster", roster -> roster.toString().contains("\"state\":\"active\""));

                assertThat(remove(DORA).getList("sessions", String.class))
                        .containsExactlyInAnyOrder(routed.sessionId, direct.sessionId);
                assertThat(dora.endpoint.awaitClose()).isEqualTo((short) 4403);
                assertThat(dorasRouted.control.awaitClose()).as("its legs have ended").isEqualTo((short) 4001);

                // The routed customer stays and waits for the next CSR, who is offered it.
                routed.control.await("roster", roster -> roster.toString().contains("\"state\":\"waiting\""));
                assertThat(Parley.awaitOffer(routed.sessionId).get("agent")).isIn("alice", "bob");
                // The direct session had two sides: it ends.
                assertThat(direct.control.await("session-ended").path("reason").asText())
                        .isEqualTo("the other side left");
                for (String session : List.of(routed.sessionId, direct.sessionId)) {
                    assertThat(operator().get("/api/sessions/{id}/events", session).then().statusCode(200).extract()
                            .asString()).as("the session's event log says why")
                            .contains("csr:dora removed from the directory by operator operator");
                }
                JsonPath session = operator().get("/api/sessions/{id}", routed.sessionId).then().statusCode(200)
                        .extract().jsonPath();
                assertThat(session.getString("legs.find { it.endpoint.id == 'dora' }.state")).isEqualTo("left");
                assertThat(WsClient.refusal(dorasRouted.url("chat"), dorasRouted.token))
                        .as("its leg token opens nothing").isNotNull();
            }
        }
    }

    @Test
    void aRemovedAgentIsNotOfferedCustomersAndPutAddsItBackWithItsOldTokensStillRefused() {
        String before = as(DORA).post("/api/tokens/console").then().statusCode(200).extract().path("token");
        remove(DORA);
        anonymous().body(Map.of("service", "sales", "subject", "pricing", "with", csr(DORA))).post("/api/sessions")
                .then().statusCode(404).body("code", equalTo("endpoint-not-found"));

        JsonPath back = operator().body(Map.of("name", "Dora Lind", "skills", Map.of("sales", 6), "maxSessions", 2))
                .put("/api/agents/{id}", DORA).then().statusCode(200).extract().jsonPath();
        assertThat(back.getString("presence")).as("back, and off duty until she signs in").isEqualTo("offline");
        assertThat(listed()).contains(DORA);
        assertThat(operator().get("/api/agents/{id}/events", DORA).then().extract().jsonPath().getString("[0].reason"))
                .isEqualTo("added to the directory again by operator operator");
        bearer(before).get("/api/agents/dora").then().statusCode(401).body("code", equalTo("token-revoked"));
        String after = as(DORA).post("/api/tokens/console").then().statusCode(200).extract().path("token");
        bearer(after).get("/api/agents/dora").then().statusCode(200);
        try (Console dora = Console.open(DORA)) {
            assertThat(dora.endpoint.isClosed()).isFalse();
        }
    }
}
