package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.csr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A customer rates a conversation an agent served, and the service's figures count it; nobody else rates it. */
@QuarkusTest
class RatingTest {

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    @Test
    void theCustomerRatesOnceAnAgentWasThereAgainReplacesItAndTheFiguresCountIt() {
        long before = as("sam").get("/api/services/sales/stats").then().statusCode(200).extract().jsonPath()
                .getLong("ratings");
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with",
                csr("alice")));
        String session = started.getString("session.id");
        String visitor = started.getString("visitorToken");
        Parley.visitor(visitor).body(Map.of("score", 4, "comment", "Quick and kind")).post(
                "/api/sessions/{id}/rating", session).then().statusCode(201).body("score", equalTo(4))
                .body("comment", equalTo("Quick and kind"));
        Parley.visitor(visitor).body(Map.of("score", 5)).post("/api/sessions/{id}/rating", session).then()
                .statusCode(200).body("score", equalTo(5));
        JsonPath stats = as("sam").get("/api/services/sales/stats").then().statusCode(200).extract().jsonPath();
        assertThat(stats.getLong("ratings")).as("one customer, one rating").isEqualTo(before + 1);
        assertThat(stats.getDouble("averageRating")).isBetween(1.0, 5.0);
    }

    @Test
    void nobodyButTheCustomerRatesAndOnlyWhatAnAgentServedWithAScoreFromOneToFive() {
        JsonPath served = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with",
                csr("alice")));
        String session = served.getString("session.id");
        String customer = served.getString("visitorToken");
        for (Object score : new Object[] {0, 6, -1, "five", 2.5}) {
            Parley.visitor(customer).body(Map.of("score", score)).post("/api/sessions/{id}/rating", session).then()
                    .statusCode(400);
        }
        Parley.visitor(customer).body("{}").post("/api/sessions/{id}/rating", session).then().statusCode(400);
        Parley.visitor(customer).body(Map.of("score", 3, "comment", "x".repeat(1001)))
                .post("/api/sessions/{id}/rating", session).then().statusCode(400);

        String stranger = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"))
                .getString("visitorToken");
        Parley.visitor(stranger).body(Map.of("score", 1)).post("/api/sessions/{id}/rating", session).then()
                .statusCode(404);
        as("alice").body(Map.of("score", 5)).post("/api/sessions/{id}/rating", session).then().statusCode(403);
        Parley.anonymous().body(Map.of("score", 5)).post("/api/sessions/{id}/rating", session).then()
                .statusCode(401);
        Parley.visitor(served.getString("connection.token")).body(Map.of("score", 5))
                .post("/api/sessions/{id}/rating", session).then().statusCode(oneOf(401, 403));
        for (String wrong : List.of("not-a-session", "00000000-0000-0000-0000-000000000000")) {
            Parley.visitor(customer).body(Map.of("score", 5)).post("/api/sessions/{id}/rating", wrong).then()
                    .statusCode(oneOf(400, 404));
        }

        Parley.AGENTS.forEach(agent -> Parley.presence(agent, "away"));
        JsonPath waiting = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"));
        Parley.visitor(waiting.getString("visitorToken")).body(Map.of("score", 5))
                .post("/api/sessions/{id}/rating", waiting.getString("session.id")).then().statusCode(409)
                .body("code", equalTo("not-served"));
    }
}
