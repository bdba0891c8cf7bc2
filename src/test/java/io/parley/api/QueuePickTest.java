package io.parley.api;

import static io.parley.support.Parley.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Leg;
import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code GET /api/queue} and an agent picking a waiting customer, where the service allows it. */
@QuarkusTest
class QueuePickTest {

    @BeforeEach
    void everyoneAway() {
        Parley.reset();
        Parley.AGENTS.forEach(agent -> Parley.presence(agent, "away"));
    }

    private static JsonPath queueAs(String user) {
        return as(user).get("/api/queue").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anAgentSeesTheWaitsItFitsAndPicksOneWhenAvailableWithdrawingTheOfferOut() {
        try (Leg billing = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "billing"))).connect()) {
            String waiting = "find { it.session == '" + billing.sessionId + "' }";
            assertThat(queueAs("alice").getString(waiting + ".notPickable"))
                    .isEqualTo("set yourself available to pick");
            assertThat(queueAs("bob").getList("session", String.class)).as("bob lacks billing 5")
                    .doesNotContain(billing.sessionId);
            assertThat(queueAs("sam").getList("session", String.class)).as("a supervisor sees every wait")
                    .contains(billing.sessionId);
            as("alice").post("/api/queue/{id}/pick", billing.sessionId).then().statusCode(409)
                    .body("code", org.hamcrest.Matchers.equalTo("endpoint-unavailable"));

            Parley.presence("alice", "available");
            Map<String, Object> offer = Parley.awaitOffer(billing.sessionId);
            JsonPath picked = as("alice").post("/api/queue/{id}/pick", billing.sessionId).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(picked.getString("connection.token")).isNotBlank();
            assertThat(picked.getString("legId")).isNotBlank();
            JsonPath events = as("alice").get("/api/sessions/{id}/events", billing.sessionId).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(events.getString("find { it.type == 'offer-closed' }.data.outcome")).isEqualTo("withdrawn");
            assertThat(events.getString("find { it.type == 'dequeued' }.data.outcome")).isEqualTo("answered");
            assertThat(events.getString("find { it.type == 'request-allowed' && it.data.request == 'pick' }"
                    + ".data.decision")).contains("picks the waiting customer from the queue (billing)");
            assertThat(Parley.openOffers()).noneMatch(open -> open.get("id").equals(offer.get("id")));

            Parley.presence("bob", "available");
            as("bob").post("/api/queue/{id}/pick", billing.sessionId).then().statusCode(409)
                    .body("code", org.hamcrest.Matchers.equalTo("not-waiting"));
        }
    }

    @Test
    void aServiceThatOffersItsCustomersIsNotPickedAndOnlyAgentsPick() {
        try (Leg lab = new Leg(Parley.visitorStarts(Map.of("service", "lab", "subject", "pricing"))).connect()) {
            Parley.presence("bob", "available");
            Parley.awaitOffer(lab.sessionId);
            assertThat(queueAs("bob").getString("find { it.session == '" + lab.sessionId + "' }.notPickable"))
                    .isEqualTo("the service offers its customers to agents");
            as("bob").post("/api/queue/{id}/pick", lab.sessionId).then().statusCode(409)
                    .body("code", org.hamcrest.Matchers.equalTo("pick-not-allowed"));
            as("operator").post("/api/queue/{id}/pick", lab.sessionId).then().statusCode(403);
            Parley.visitor(lab.token).post("/api/queue/{id}/pick", lab.sessionId).then()
                    .statusCode(org.hamcrest.Matchers.oneOf(401, 403));
            Parley.anonymous().get("/api/queue").then().statusCode(401);
            for (String wrong : List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000")) {
                as("bob").post("/api/queue/{id}/pick", wrong).then().statusCode(org.hamcrest.Matchers.oneOf(400,
                        404));
            }
        }
    }
}
