package io.parley.api;

import static io.parley.support.Parley.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

/**
 * Routing never strands a customer: an offer missed at an empty desk sets the agent away at once and the
 * customer is told nobody is available (not a made-up wait); signing in offers the customer at once; a
 * declined offer comes back after the service's retry-after when nobody else can take it. With real consoles
 * on their endpoint channels, on the test profile's short-timed services.
 */
@QuarkusTest
class NoStrandedCustomerTest {

    @BeforeEach
    void reset() {
        Parley.reset();
        Parley.presence("bob", "away");
        Parley.presence("carol", "away");
    }

    private static Leg customerAsks() {
        return new Leg(Parley.visitorStarts(Map.of("service", "lab", "subject", "pricing"))).connect();
    }

    private static JsonPath agent(String id) {
        return as(id).get("/api/agents/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anOfferMissedWithNoConsoleSetsTheAgentAwayAtOnceAndSigningInOffersTheCustomerAtOnce() {
        try (Leg customer = customerAsks()) {
            // Alice is available but nobody is at her console: her offer runs out after 1 s.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!"away".equals(agent("alice").getString("state")) && System.nanoTime() < deadline) {
                Parley.pause(Duration.ofMillis(100));
            }
            assertThat(agent("alice").getString("state")).as("away after one missed offer (max-no-answer is 2)")
                    .isEqualTo("away");
            List<String> reasons = as("alice").get("/api/agents/alice/events").then().statusCode(200).extract()
                    .jsonPath().getList("reason", String.class);
            assertThat(reasons).contains("missed an offer with no console connected");
            JsonNode told = customer.control.await("queue", q -> q.path("estimatedWaitSeconds").isNull());
            assertThat(told.path("position").asInt()).as("still waiting, told nobody is available").isEqualTo(1);

            try (Console alice = Console.open("alice")) {
                long signedIn = System.nanoTime();
                Parley.presence("alice", "available");
                JsonNode offer = alice.offer(customer.sessionId);
                assertThat(Duration.ofNanos(System.nanoTime() - signedIn)).as("offered at once, not after a retry")
                        .isLessThan(Duration.ofSeconds(2));
                alice.accept(offer);
                try (Leg aliceIn = alice.join(customer.sessionId)) {
                    customer.control.await("queue", q -> q.path("position").asInt() == 0);
                }
            }
        }
    }

    @Test
    void aDeclinedOfferComesBackAfterTheRetryDelayWhenNobodyElseFits() {
        // Ring all (offers wait 5 s for an answer, retry after 2 s): alice alone fits.
        try (Console alice = Console.open("alice");
                Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "ringing"))).connect()) {
            JsonNode first = alice.offer(customer.sessionId);
            long declined = System.nanoTime();
            alice.decline(first);
            JsonNode again = alice.endpoint.await("offer", offer -> customer.sessionId.equals(
                    offer.at("/session/id").asText()) && !offer.path("offerId").equals(first.path("offerId")));
            assertThat(Duration.ofNanos(System.nanoTime() - declined)).as("after the service's retry-after of 2 s")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1800));
            assertThat(agent("alice").getString("state")).as("a console is there: not set away").isNotEqualTo("away");
            List<String> explained = as("alice").get("/api/sessions/{id}/events", customer.sessionId).then()
                    .statusCode(200).extract().jsonPath()
                    .getList("findAll { it.type == 'offer-made' }.data.decision",
                            String.class);
            assertThat(explained).as("offers made: %s", explained).hasSize(2);
            assertThat(explained.getLast()).contains("asked again after 2s as nobody else fits");
            alice.accept(again);
            alice.join(customer.sessionId).close();
        }
    }
}
