package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.csr;
import static io.parley.support.Parley.operator;
import static io.parley.support.Parley.visitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.support.Console;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * Routing with real agent consoles on their endpoint channels: offers, time-outs, ring-all races,
 * queue positions, overflow, abandonment, transfer to a subject's queue, and the figures.
 */
@QuarkusTest
class RoutingTest {

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    private static Leg customerAsks(String service, String subject) {
        return new Leg(Parley.visitorStarts(Map.of("service", service, "subject", subject))).connect();
    }

    private static void away(String... agents) {
        for (String agent : agents) {
            Parley.presence(agent, "away");
        }
    }

    @Test
    void anUnansweredOfferMovesOnAndAgentsWhoMissTooManyAreSetAway() {
        away("bob", "carol");
        try (Console alice = Console.open("alice"); Leg first = customerAsks("lab", "pricing")) {
            JsonNode offer = alice.offer(first.sessionId);
            assertThat(offer.path("purpose").asText()).isEqualTo("serve");
            assertThat(offer.path("service").asText()).isEqualTo("lab");
            assertThat(offer.path("subject").asText()).isEqualTo("pricing");
            assertThat(offer.path("secondsLeft").asLong()).isBetween(0L, 1L);
            assertThat(alice.endpoint.await("offer-closed").path("outcome").asText()).isEqualTo("expired");
            as("alice").body("{}").post("/api/offers/{id}/accept", offer.path("offerId").asText()).then()
                    .statusCode(409).body("code", equalTo("offer-expired"));

            try (Leg second = customerAsks("lab", "pricing")) {
                alice.offer(second.sessionId);
                JsonNode away = alice.state("away");
                assertThat(away.path("reason").asText()).isEqualTo("2 offers in a row not answered");
                as("alice").get("/api/agents/alice").then().statusCode(200).body("state", equalTo("away"))
                        .body("missedOffers", equalTo(2));
                assertThat(as("alice").get("/api/agents/alice/events").then().statusCode(200).extract().jsonPath()
                        .getList("reason", String.class)).contains("2 offers in a row not answered");

                // Bob signs in: the longest-waiting customer is offered first, and the other moves up.
                try (Console bob = Console.open("bob")) {
                    Parley.presence("bob", "available");
                    JsonNode bobs = bob.offer(first.sessionId);
                    second.control.await("queue", q -> q.path("position").asInt() == 2);
                    bob.accept(bobs);
                    try (Leg bobInFirst = bob.join(first.sessionId)) {
                        first.control.await("roster", r -> r.at("/session/state").asText().equals("active"));
                        second.control.await("queue", q -> q.path("position").asInt() == 1
                                && q.path("waiting").asInt() == 1);
                    }
                }
            }
        }
    }

    @Test
    void theQueueMovesAsAnAgentFreesUpAndCustomersAreToldWhereTheyStand() {
        away("alice", "bob", "carol");
        try (Console quinn = Console.open("quinn")) {
            quinn.state("offline");
            Parley.presence("quinn", "available");
            quinn.state("available");
            try (Leg first = customerAsks("lab", "pricing")) {
                quinn.accept(quinn.offer(first.sessionId));
                Leg quinnInFirst = quinn.join(first.sessionId);
                quinn.state("busy");
                try (Leg second = customerAsks("lab", "pricing"); Leg third = customerAsks("lab", "pricing")) {
                    JsonNode secondWaits = second.control.await("queue", q -> q.path("position").asInt() == 1);
                    assertThat(secondWaits.path("estimatedWaitSeconds").isNumber())
                            .as("quinn fits and is signed in: there is an estimate").isTrue();
                    JsonNode thirdWaits = third.control.await("queue", q -> q.path("position").asInt() == 2);
                    assertThat(thirdWaits.path("waiting").asInt()).isEqualTo(2);
                    assertThat(thirdWaits.path("estimatedWaitSeconds").asLong())
                            .isGreaterThanOrEqualTo(secondWaits.path("estimatedWaitSeconds").asLong());
                    JsonPath stats = operator().get("/api/services/lab/stats").then().statusCode(200).extract()
                            .jsonPath();
                    assertThat(stats.getInt("waiting")).isEqualTo(2);
                    assertThat(stats.getInt("agents.busy")).isEqualTo(1);

                    first.control.send(Map.of("type", "leave"));
                    quinn.state("wrap-up");
                    quinn.state("available");
                    quinn.accept(quinn.offer(second.sessionId));
                    third.control.await("queue", q -> q.path("position").asInt() == 1
                            && q.path("waiting").asInt() == 1);
                    second.control.await("queue", q -> q.path("position").asInt() == 0);
                    quinnInFirst.close();
                }
            }
        } finally {
            Parley.presence("quinn", "offline");
        }
    }

    @Test
    void aHigherPrioritySubjectIsOfferedFirstAndToldFirstInLineAndTheOfferSaysWhy() {
        away("alice", "bob", "carol");
        try (Leg question = customerAsks("triage", "question"); Leg outage = customerAsks("triage", "outage")) {
            outage.control.await("queue", q -> q.path("position").asInt() == 1);
            question.control.await("queue", q -> q.path("position").asInt() == 2);
            try (Console alice = Console.open("alice")) {
                Parley.presence("alice", "available");
                JsonNode offer = alice.endpoint.await("offer", any -> true);
                assertThat(offer.at("/session/id").asText()).as("the outage, though the question waited longer")
                        .isEqualTo(outage.sessionId);
                assertThat(operator().get("/api/sessions/{id}/events", outage.sessionId).then().statusCode(200)
                        .extract().jsonPath().getString("find { it.type == 'offer-made' }.data.decision"))
                        .contains("priority 5 (subject outage +5), offered before lower priorities");
            }
        }
    }

    @Test
    void ringAllOffersEveryoneAndExactlyOneOfTwoSimultaneousAcceptsWins() {
        away("carol");
        try (Console alice = Console.open("alice"); Console bob = Console.open("bob")) {
            for (int round = 0; round < 15; round++) {
                String session = Parley.visitorStarts(Map.of("service", "ringing")).getString("session.id");
                JsonNode alices = alice.offer(session);
                JsonNode bobs = bob.offer(session);
                CompletableFuture.allOf(CompletableFuture.runAsync(() -> alice.accept(alices)),
                        CompletableFuture.runAsync(() -> bob.accept(bobs))).join();
                List<String> winners = new ArrayList<>();
                List<String> losers = new ArrayList<>();
                for (Console console : List.of(alice, bob)) {
                    JsonNode closed = console.endpoint.await("offer-closed",
                            c -> c.path("sessionId").asText().equals(session));
                    (closed.path("outcome").asText().equals("accepted") ? winners : losers).add(console.agent);
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(losers).hasSize(1);
                Console loser = losers.get(0).equals("alice") ? alice : bob;
                JsonNode refusal = loser.endpoint.await("error");
                assertThat(refusal.path("code").asText()).isIn("offer-taken", "offer-closed");
                assertThat(refusal.path("offerId").asText()).as("the refusal names the offer")
                        .isEqualTo((loser == alice ? alices : bobs).path("offerId").asText());
                assertThat(loser.endpoint.unclaimed()).noneMatch(f -> f.path("type").asText().equals("invitation"));
                JsonPath view = operator().get("/api/sessions/{id}", session).then().statusCode(200).extract()
                        .jsonPath();
                assertThat(view.getList("legs.findAll { it.role == 'csr' }.endpoint.id", String.class))
                        .containsExactly(winners.get(0));
                (winners.get(0).equals("alice") ? alice : bob).endpoint.await("invitation",
                        i -> i.at("/session/id").asText().equals(session));
                operator().body("{}").post("/api/sessions/{id}/end", session).then().statusCode(200);
            }
        }
    }

    @Test
    void aConsoleThatConnectsLateIsToldItsStateAndTheOffersWaitingForIt() {
        away("bob", "carol");
        try (Leg customer = customerAsks("lab", "pricing")) {
            Parley.awaitOffer(customer.sessionId);
            try (Console alice = Console.open("alice")) {
                alice.state("available");
                JsonNode offer = alice.offer(customer.sessionId);
                assertThat(offer.path("customer").asText()).startsWith("v-");
                assertThat(offer.path("serviceName").asText()).isEqualTo("Routing lab");
                alice.accept(offer);
                alice.join(customer.sessionId).close();
            }
        }
    }

    @Test
    void anAgentWhoAcceptsButNeverJoinsIsReplaced() {
        away("carol");
        try (Leg customer = customerAsks("lab", "pricing")) {
            String first = Parley.acceptOffer(customer.sessionId);
            // The first agent accepted but its console never connects: after the join time-out its leg fails
            // and the customer is offered to the other agent.
            Map<String, Object> next = Parley.awaitOffer(customer.sessionId);
            assertThat(next.get("agent")).isNotEqualTo(first);
            JsonPath view = operator().get("/api/sessions/{id}", customer.sessionId).then().extract().jsonPath();
            assertThat(view.getString("legs.find { it.endpoint.id == '" + first + "' }.state")).isEqualTo("failed");
            assertThat(operator().get("/api/sessions/{id}/events", customer.sessionId).then().extract().jsonPath()
                    .getList("data.reason", String.class)).contains("did not join within 3s");
        }
    }

    @Test
    void anAgentGoingOfflineWithAnOfferOutPassesItOn() {
        away("carol");
        try (Console alice = Console.open("alice"); Console bob = Console.open("bob");
                Leg customer = customerAsks("lab", "pricing")) {
            String first = (String) Parley.awaitOffer(customer.sessionId).get("agent");
            Console second = first.equals("alice") ? bob : alice;
            Parley.presence(first, "offline");
            JsonNode offer = second.offer(customer.sessionId);
            as(first).body("{}").post("/api/offers/{id}/accept", offer.path("offerId").asText()).then()
                    .statusCode(404).body("code", equalTo("offer-not-found"));
            second.accept(offer);
            try (Leg joined = second.join(customer.sessionId)) {
                customer.control.await("roster", r -> r.at("/session/state").asText().equals("active"));
            }
            assertThat(operator().get("/api/sessions/{id}/events", customer.sessionId).then().extract().jsonPath()
                    .getList("findAll { it.type == 'offer-closed' }.data.outcome", String.class))
                    .containsExactly("withdrawn", "accepted");
        }
    }

    @Test
    void aWaitPastTheQueueTimeOutOverflowsAndAnAbandonedWaitIsCounted() {
        away("alice", "bob", "carol");
        double overflowedBefore = metric("parley_queue_left_total", "brief", "overflowed");
        double abandonedBefore = metric("parley_queue_left_total", "lab", "abandoned");
        long abandonedInStatsBefore = stats("lab").getLong("abandoned");
        try (Leg customer = customerAsks("brief", "pricing")) {
            customer.control.await("roster", r -> r.at("/session/service").asText().equals("lab"));
            JsonPath events = operator().get("/api/sessions/{id}/events", customer.sessionId).then().extract()
                    .jsonPath();
            assertThat(events.getList("type", String.class)).contains("dequeued", "service-changed", "queued");
            assertThat(events.getString("find { it.type == 'dequeued' }.data.outcome")).isEqualTo("overflowed");
            assertThat(stats("brief").getLong("overflowed")).isGreaterThanOrEqualTo(1);
            customer.control.send(Map.of("type", "leave"));
            customer.control.await("session-ended");
        }
        assertThat(stats("lab").getLong("abandoned")).isEqualTo(abandonedInStatsBefore + 1);
        assertThat(metric("parley_queue_left_total", "brief", "overflowed")).isEqualTo(overflowedBefore + 1);
        assertThat(metric("parley_queue_left_total", "lab", "abandoned")).isEqualTo(abandonedBefore + 1);
    }

    @Test
    void aTransferToASubjectWaitsInItsQueueAndKeepsTheFirstAgentUntilTheSecondConnects() {
        away("bob", "carol");
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", csr("alice")));
        try (Leg customer = new Leg(started).connect();
                Leg alice = new Leg(as("alice").body("{}").post("/api/sessions/{id}/legs", customer.sessionId)
                        .then().statusCode(200).extract().jsonPath()).connect()) {
            customer.say("c-1", "My invoice is wrong");
            alice.chat.await("message");
            as("alice").body(Map.of("subject", "pricing", "mode", "cold"))
                    .post("/api/sessions/{id}/transfer", customer.sessionId).then().statusCode(202)
                    .body("session.queue.purpose", equalTo("transfer"));
            // A routing round that read the queue before alice's acceptance may still announce the first wait.
            JsonNode waiting = customer.control.await("queue", q -> q.path("position").asInt() == 1
                    && q.path("purpose").asText().equals("transfer"));
            assertThat(waiting.path("subject").asText()).isEqualTo("pricing");

            try (Console bob = Console.open("bob")) {
                Parley.presence("bob", "available");
                JsonNode offer = bob.offer(customer.sessionId);
                assertThat(offer.path("purpose").asText()).isEqualTo("transfer");
                assertThat(offer.path("conversation").findValuesAsText("text")).containsExactly("My invoice is wrong");
                assertThat(operator().get("/api/sessions/{id}", customer.sessionId).then().extract().jsonPath()
                        .getString("legs.find { it.endpoint.id == 'alice' }.state")).isEqualTo("connected");
                bob.accept(offer);
                try (Leg bobLeg = bob.join(customer.sessionId)) {
                    customer.control.await("transfer", t -> t.path("state").asText().equals("completed"));
                    alice.control.awaitClose();
                    JsonPath view = operator().get("/api/sessions/{id}", customer.sessionId).then().extract()
                            .jsonPath();
                    assertThat(view.getList("legs.findAll { it.role == 'csr' && it.state == 'connected' }.endpoint.id",
                            String.class)).containsExactly("bob");
                    bobLeg.say("b-1", "I can help with that");
                    customer.chat.await("message", m -> m.path("text").asText().equals("I can help with that"));
                }
            }
        }
    }

    @Test
    void anAgentCallsOffATransferToASubjectAndKeepsTheCustomer() {
        away("carol");
        Parley.presence("bob", "away");
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", csr("alice")));
        try (Leg customer = new Leg(started).connect();
                Leg alice = new Leg(as("alice").body("{}").post("/api/sessions/{id}/legs", customer.sessionId)
                        .then().statusCode(200).extract().jsonPath()).connect();
                Console bob = Console.open("bob")) {
            as("alice").body(Map.of("subject", "pricing")).post("/api/sessions/{id}/transfer", customer.sessionId)
                    .then().statusCode(202);
            Parley.presence("bob", "available");
            JsonNode offer = bob.offer(customer.sessionId);

            visitor(started.getString("visitorToken")).delete("/api/sessions/{id}/handover", customer.sessionId)
                    .then().statusCode(403).body("code", equalTo("only-csrs"));
            as("alice").delete("/api/sessions/{id}/handover", customer.sessionId).then().statusCode(200)
                    .body("session.queue", nullValue());
            assertThat(bob.endpoint.await("offer-closed").path("outcome").asText()).isEqualTo("withdrawn");
            JsonNode handover = alice.control.await("handover");
            assertThat(handover.path("purpose").asText()).isEqualTo("transfer");
            assertThat(handover.path("outcome").asText()).isEqualTo("called-off");
            assertThat(handover.path("reason").asText()).isEqualTo("called off by Alice Martin");
            as("bob").body("{}").post("/api/offers/{id}/accept", offer.path("offerId").asText()).then()
                    .statusCode(409).body("code", equalTo("offer-taken"));
            as("alice").delete("/api/sessions/{id}/handover", customer.sessionId).then().statusCode(409)
                    .body("code", equalTo("no-handover"));

            alice.say("a-1", "I will handle it myself");
            customer.chat.await("message", m -> m.path("text").asText().equals("I will handle it myself"));
            JsonPath view = operator().get("/api/sessions/{id}", customer.sessionId).then().extract().jsonPath();
            assertThat(view.getString("state")).isEqualTo("active");
            assertThat(view.getList("legs.findAll { it.state == 'connected' }.endpoint.kind", String.class))
                    .containsExactlyInAnyOrder("customer", "csr");
            assertThat(view.getString("legs.find { it.role == 'csr' && it.state == 'connected' }.endpoint.id"))
                    .isEqualTo("alice");
            // The customer asked for alice by name (answered), then alice's transfer's wait was called off.
            assertThat(operator().get("/api/sessions/{id}/events", customer.sessionId).then().extract().jsonPath()
                    .getList("findAll { it.type == 'dequeued' }.data.outcome", String.class))
                    .containsExactly("answered", "called-off");
        }
    }

    @Test
    void anEscalationLetsALessSkilledAgentTakeALongWait() {
        away("bob");
        Parley.presence("alice", "offline");
        try (Console carol = Console.open("carol"); Leg customer = customerAsks("lab", "expert")) {
            JsonNode offer = carol.offer(customer.sessionId);
            carol.accept(offer);
            carol.join(customer.sessionId).close();
            String decision = operator().get("/api/sessions/{id}/events", customer.sessionId).then().extract()
                    .jsonPath().getString("find { it.type == 'offer-made' }.data.decision");
            assertThat(decision).contains("chose csr:carol", "(needs billing>=4)");
            assertThat(operator().get("/api/sessions/{id}/events", customer.sessionId).then().extract().jsonPath()
                    .getString("find { it.type == 'routing-waits' }.data.decision"))
                    .contains("csr:carol (billing 4 < 9)");
        }
    }

    private static JsonPath stats(String service) {
        return operator().get("/api/services/{id}/stats", service).then().statusCode(200).extract().jsonPath();
    }

    /** Somewhere on the management interface, where the metrics are: only its origin is used. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    /** The management interface's origin (the packaged artifact's is a fixed port: {@link RoutingIT}). */
    String managementOrigin() {
        return URI.create(management.toString()).resolve("/").toString();
    }

    private double metric(String name, String service, String outcome) {
        String text = RestAssured.get(managementOrigin() + "q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(text);
        while (line.find()) {
            if (line.group(1).contains("service=\"" + service + "\"") && line.group(1).contains("outcome=\""
                    + outcome + "\"")) {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }
}
