package io.parley.api;

import static io.parley.support.Parley.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.oneOf;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Leg;
import io.parley.support.Parley;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code GET /api/wallboard} and the service level figures: what the floor sees, for supervisors only. */
@QuarkusTest
class WallboardTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @BeforeEach
    void everyoneAway() {
        Parley.reset();
        Parley.AGENTS.forEach(agent -> Parley.presence(agent, "away"));
    }

    private static JsonPath board() {
        return as("sam").get("/api/wallboard").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aWaitingCustomerIsOnTheBoardUntilAnsweredAndTheAnswerCountsTowardsTheServiceLevel() {
        long answeredInTimeBefore = board().getLong("services.find { it.service == 'sales' }.answeredInTime");
        String session = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing")).getString("session.id");
        JsonPath waiting = board();
        assertThat(waiting.getString("waiting.find { it.session == '" + session + "' }.subject")).isEqualTo("pricing");
        assertThat(waiting.getInt("services.find { it.service == 'sales' }.waiting")).isEqualTo(1);
        assertThat(waiting.getInt("services.find { it.service == 'sales' }.serviceLevelGoal")).isEqualTo(80);
        assertThat(waiting.getDouble("services.find { it.service == 'sales' }.serviceLevelTargetSeconds"))
                .isEqualTo(20.0);
        assertThat(waiting.getString("agents.find { it.id == 'alice' }.state")).isEqualTo("away");

        Parley.presence("alice", "available");
        assertThat(Parley.acceptOffer(session)).isEqualTo("alice");
        JsonPath answered = board();
        assertThat(answered.getList("waiting.session", String.class)).doesNotContain(session);
        assertThat(answered.getList("agents.find { it.id == 'alice' }.sessions.session", String.class))
                .contains(session);
        JsonPath sales = answered.setRootPath("services.find { it.service == 'sales' }");
        assertThat(sales.getLong("answeredInTime")).as("answered within 20 s").isEqualTo(answeredInTimeBefore + 1);
        assertThat(sales.getDouble("serviceLevel")).isBetween(0.0, 1.0).isCloseTo(
                (double) sales.getLong("answeredInTime") / (sales.getLong("answered") + sales.getLong("abandoned")),
                within(1e-6));
    }

    @Test
    void aCustomerWhoLeavesTheQueueCountsAsAbandonedInTheRateAndTheMetrics() {
        try (Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing")))) {
            customer.connect();
            customer.control.send(Map.of("type", "leave"));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonPath sales;
        do {
            Parley.pause(Duration.ofMillis(100));
            sales = board().setRootPath("services.find { it.service == 'sales' }");
        } while (sales.getLong("abandoned") == 0 && System.nanoTime() < deadline);
        assertThat(sales.getLong("abandoned")).isPositive();
        double rate = sales.getDouble("abandonRate");
        assertThat(rate).isCloseTo((double) sales.getLong("abandoned") / (sales.getLong("answered")
                + sales.getLong("abandoned") + sales.getLong("overflowed") + sales.getLong("timedOut")), within(1e-6));

        // A scrape shows the figures as last read, and has them read again when older than figures-refresh (1 s
        // in the tests): scraped until it shows the abandoned wait (an earlier read may say 0 or NaN).
        String origin = URI.create(management.toString()).resolve("/").toString();
        Pattern abandon = Pattern.compile("parley_queue_abandon_rate\\{service=\"sales\"} ([0-9.E-]+)");
        double scraped = Double.NaN;
        do {
            Parley.pause(Duration.ofMillis(200));
            Matcher found = abandon.matcher(given().baseUri(origin).get("/q/metrics").then().statusCode(200)
                    .extract().asString());
            scraped = found.find() ? Double.parseDouble(found.group(1)) : Double.NaN;
        } while (!(scraped > 0) && System.nanoTime() < deadline);
        assertThat(scraped).as("the abandon rate as a metric").isPositive();
        assertThat(given().baseUri(origin).get("/q/metrics").asString())
                .contains("parley_service_level{service=\"sales\"}");
    }

    @Test
    void agentsAndCustomersDoNotSeeTheBoard() {
        as("alice").get("/api/wallboard").then().statusCode(403);
        Parley.anonymous().get("/api/wallboard").then().statusCode(401);
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"));
        for (String token : List.of(started.getString("visitorToken"), started.getString("connection.token"))) {
            Parley.visitor(token).get("/api/wallboard").then().statusCode(oneOf(401, 403));
        }
        as("sam").get("/api/services/sales/stats").then().statusCode(200);
    }
}
