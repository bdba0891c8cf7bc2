package io.parley.api;

import static io.parley.support.Parley.anonymous;
import static io.parley.support.Parley.as;
import static io.parley.support.Parley.csr;
import static io.parley.support.Parley.customer;
import static io.parley.support.Parley.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Every request form (README, "How it works") over REST, and the rules that refuse them (refusals change nothing). */
@QuarkusTest
class RequestRulesTest {

    private static final String PROBLEM = "application/problem+json";

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    private static JsonPath session(String id) {
        return operator().get("/api/sessions/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void subjectWithWhoeverFitsOffersTheSessionToAnAvailableCsrWithTheSkill() {
        Parley.presence("alice", "away");
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"));
        assertThat(started.getString("session.state")).isEqualTo("waiting");
        assertThat(started.getList("session.legs.endpoint.id", String.class)).hasSize(1);
        String id = started.getString("session.id");
        assertThat(Parley.acceptOffer(id)).isEqualTo("bob");
        assertThat(session(id).getString("legs.find { it.role == 'csr' }.endpoint.id")).isEqualTo("bob");
        operator().get("/api/sessions/{id}/events", id).then().statusCode(200)
                .body("type", hasItems("session-opened", "queued", "offer-made", "offer-closed", "dequeued"))
                .body("find { it.type == 'offer-made' }.data.decision",
                        Matchers.containsString("chose csr:bob by longest-idle"))
                .body("find { it.type == 'offer-made' }.data.decision",
                        Matchers.containsString("csr:alice (away)"));
    }

    @Test
    void aCustomerWaitsWhenNoCsrFits() {
        Parley.presence("alice", "away");
        Parley.presence("bob", "offline");
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"));
        assertThat(started.getString("session.state")).isEqualTo("waiting");
        assertThat(started.getList("session.legs.role", String.class)).containsExactly("customer");
    }

    @Test
    void aCustomerNamingACsrOnlyOffersItTheSession() {
        JsonPath started = anonymous().body(Map.of("service", "sales", "subject", "billing", "with", csr("carol")))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        assertThat(started.getList("session.legs.role", String.class)).containsExactly("customer");
        assertThat(started.getString("session.state")).isEqualTo("waiting");
        Map<String, Object> offer = Parley.awaitOffer(started.getString("session.id"));
        assertThat(offer.get("agent")).isEqualTo("carol");
        as("carol").body("{}").post("/api/offers/{id}/decline", offer.get("id")).then().statusCode(200);
        operator().get("/api/agents/carol").then().statusCode(200).body("state", equalTo("available"));
    }

    @Test
    void newSessionWithANamedEndpointOnADirectService() {
        JsonPath started = operator().body(Map.of("service", "callback", "with", csr("carol"),
                "onBehalfOf", customer("ann"))).post("/api/sessions").then().statusCode(201).extract().jsonPath();
        assertThat(Parley.acceptOffer(started.getString("session.id"))).as("ann asks for carol").isEqualTo("carol");
        assertThat(session(started.getString("session.id")).getList("legs.endpoint.id", String.class))
                .containsExactly("ann", "carol");
        operator().body(Map.of("service", "callback", "onBehalfOf", customer("ann"))).post("/api/sessions").then()
                .statusCode(409).contentType(PROBLEM).body("code", equalTo("endpoint-required"));
        operator().body(Map.of("service", "callback", "with", csr("carol"))).post("/api/sessions").then()
                .statusCode(403).body("code", equalTo("not-permitted"));
    }

    @Test
    void joinOrCreateTheSessionForASubject() {
        JsonPath first = Parley.visitorStarts(Map.of("service", "expert-desk", "subject", "grinders"));
        JsonPath second = anonymous().body(Map.of("service", "expert-desk", "subject", "grinders"))
                .post("/api/sessions").then().statusCode(200).extract().jsonPath();
        assertThat(second.getString("session.id")).isEqualTo(first.getString("session.id"));
        assertThat(session(first.getString("session.id")).getList("legs.findAll { it.role == 'customer' }"))
                .hasSize(2);
        JsonPath other = Parley.visitorStarts(Map.of("service", "expert-desk", "subject", "espresso-machines"));
        assertThat(other.getString("session.id")).isNotEqualTo(first.getString("session.id"));
    }

    /**
     * Customers who open the same subject's room at the same moment race for its one open room (a unique index):
     * the losers find the winner's room and join it, whatever language the database speaks.
     */
    @Test
    void customersOpeningOneSubjectsRoomAtTheSameMomentAllLandInOneRoom() throws Exception {
        int customers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(customers);
        try {
            CountDownLatch ready = new CountDownLatch(customers);
            List<Future<String>> joined = new ArrayList<>();
            for (int i = 0; i < customers; i++) {
                joined.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return anonymous().body(Map.of("service", "expert-desk", "subject", "espresso-machines"))
                            .post("/api/sessions").then().statusCode(anyOf(is(200), is(201))).extract()
                            .path("session.id");
                }));
            }
            Set<String> rooms = new HashSet<>();
            for (Future<String> room : joined) {
                rooms.add(room.get(60, TimeUnit.SECONDS));
            }
            assertThat(rooms).hasSize(1);
            assertThat(session(rooms.iterator().next()).getList("legs.findAll { it.role == 'customer' }"))
                    .hasSize(customers);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void joinBySessionIdNeedsAnInvitationOrAnOperator() {
        String id = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", csr("alice")))
                .getString("session.id");
        as("carol").body("{}").post("/api/sessions/{id}/legs", id).then().statusCode(403).contentType(PROBLEM)
                .body("code", equalTo("not-invited"));
        as("alice").body("{}").post("/api/sessions/{id}/legs", id).then().statusCode(200)
                .body("connection.token", Matchers.notNullValue());
        operator().body("{}").post("/api/sessions/{id}/legs", id).then().statusCode(200)
                .body("session.legs.role", hasItem("observer"));
    }

    @Test
    void inviteANamedEndpointAndWhoeverFitsASubject() {
        String id = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", csr("alice")))
                .getString("session.id");
        as("alice").body("{}").post("/api/sessions/{id}/legs", id).then().statusCode(200);
        as("alice").body(Map.of("endpoint", csr("carol"))).post("/api/sessions/{id}/legs", id).then().statusCode(201)
                .body("added[0].endpoint.id", equalTo("carol"));
        as("alice").body(Map.of("subject", "pricing")).post("/api/sessions/{id}/legs", id).then().statusCode(201)
                .body("session.queue.purpose", equalTo("conference"))
                .body("session.queue.offers[0].csr", equalTo("csr:bob"));
        as("alice").body(Map.of("subject", "billing")).post("/api/sessions/{id}/legs", id).then().statusCode(409)
                .contentType(PROBLEM).body("code", equalTo("routing-in-progress"));
        assertThat(Parley.acceptOffer(id)).isEqualTo("bob");
        operator().body(Map.of("name", "Dan Reyes", "skills", Map.of("sales", 6), "maxSessions", 2))
                .put("/api/agents/dan").then().statusCode(200);
        Parley.presence("dan", "available");
        as("alice").body(Map.of("endpoint", csr("dan"))).post("/api/sessions/{id}/legs", id).then().statusCode(409)
                .contentType(PROBLEM).body("code", equalTo("max-csrs-reached"));
        assertThat(session(id).getList("legs.findAll { it.role == 'csr' }")).hasSize(3);
    }

    @Test
    void conferenceBringsInASecondCsrByNameOrSubject() {
        String id = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", csr("alice")))
                .getString("session.id");
        as("alice").body("{}").post("/api/sessions/{id}/legs", id).then().statusCode(200);
        as("alice").body(Map.of("subject", "pricing")).post("/api/sessions/{id}/conference", id)
                .then().statusCode(202).body("session.queue.purpose", equalTo("conference"));
        assertThat(Parley.acceptOffer(id)).isEqualTo("bob");
        assertThat(session(id).getList("legs.findAll { it.role == 'csr' }")).hasSize(2);
    }

    @Test
    void refusedRequestsNameTheRuleAndChangeNothing() {
        String room = operator().body(Map.of("service", "expert-desk", "subject", "grinders",
                "onBehalfOf", csr("carol"))).post("/api/sessions").then().statusCode(201)
                .extract().jsonPath().getString("session.id");
        long version = session(room).getLong("version");
        as("carol").body(Map.of("to", csr("alice"))).post("/api/sessions/{id}/transfer", room)
                .then().statusCode(409).contentType(PROBLEM).body("code", equalTo("transfer-not-allowed"));
        assertThat(session(room).getLong("version")).isEqualTo(version);

        String callback = operator().body(Map.of("service", "callback", "with", csr("carol"),
                "onBehalfOf", customer("ann"))).post("/api/sessions").then().statusCode(201)
                .extract().jsonPath().getString("session.id");
        Parley.acceptOffer(callback);
        as("carol").body("{}").post("/api/sessions/{id}/legs", callback).then().statusCode(200);
        as("carol").body(Map.of("to", csr("bob"))).post("/api/sessions/{id}/conference", callback)
                .then().statusCode(409).body("code", equalTo("conference-not-allowed"));
        as("bob").body(Map.of("to", csr("alice"))).post("/api/sessions/{id}/conference", room)
                .then().statusCode(403).body("code", equalTo("not-a-member"));
        operator().body(Map.of("to", csr("bob"), "onBehalfOf", customer("ann")))
                .post("/api/sessions/{id}/conference", callback).then().statusCode(403)
                .body("code", equalTo("only-csrs"));
        operator().get("/api/sessions/{id}/events", room).then().statusCode(200)
                .body("type", hasItem("request-refused"));
    }

    @Test
    void badRequestsGetStableCodes() {
        anonymous().body(Map.of("service", "nope")).post("/api/sessions").then().statusCode(404)
                .contentType(PROBLEM).body("code", equalTo("service-not-found"));
        anonymous().body(Map.of("service", "sales")).post("/api/sessions").then().statusCode(409)
                .body("code", equalTo("subject-required"));
        anonymous().body(Map.of("service", "sales", "subject", "astrology")).post("/api/sessions").then()
                .statusCode(409).body("code", equalTo("unknown-subject"));
        operator().get("/api/sessions/{id}", UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("session-not-found"));
        operator().get("/api/sessions/not-a-uuid").then().statusCode(404).body("code", equalTo("session-not-found"));
        anonymous().body("{\"service\": ").post("/api/sessions").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("malformed-json"));
        anonymous().body("{\"service\": {\"id\": \"sales\"}}").post("/api/sessions").then().statusCode(400)
                .body("code", equalTo("invalid-field-type"));
        as("alice").body(Map.of("service", "sales", "subject", "pricing", "onBehalfOf", customer("ann")))
                .post("/api/sessions").then().statusCode(403).body("code", equalTo("not-permitted"));
        anonymous().get("/api/sessions").then().statusCode(401);
    }

    @Test
    void leavingAndEndingFollowTheRulesAndASecondEndAnswersTheEndedSession() {
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", csr("alice")));
        String id = started.getString("session.id");
        String customerLeg = started.getString("legId");
        String token = started.getString("visitorToken");
        Parley.visitor(token).delete("/api/sessions/{id}/legs/{leg}", id, customerLeg).then().statusCode(200)
                .body("session.state", equalTo("ended"));
        assertThat(session(id).getString("endReason")).isEqualTo("customer left");

        String other = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", csr("alice")))
                .getString("session.id");
        as("bob").body("{}").post("/api/sessions/{id}/end", other).then().statusCode(403)
                .body("code", equalTo("not-a-member"));
        operator().body("{}").post("/api/sessions/{id}/end", other).then().statusCode(200)
                .body("session.state", equalTo("ended"));
        operator().body("{}").post("/api/sessions/{id}/end", other).then().statusCode(200)
                .body("session.state", equalTo("ended")).body("added", empty())
                .body("decision", startsWith("the session had already ended"));
        as("bob").body("{}").post("/api/sessions/{id}/end", other).then().statusCode(403);
        as("alice").body("{}").post("/api/sessions/{id}/legs", other).then().statusCode(409)
                .body("code", equalTo("session-ended"));
    }
}
