package io.parley.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The REST API as the tests use it: as a demo user (HTTP Basic, password "parley"), as a visitor (its
 * bearer token), or anonymous; and a reset that leaves no open session and every demo agent available.
 */
public final class Parley {

    public static final String PASSWORD = "parley";
    public static final List<String> AGENTS = List.of("alice", "bob", "carol");

    private Parley() {
    }

    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, PASSWORD).contentType(ContentType.JSON);
    }

    public static RequestSpecification operator() {
        return as("operator");
    }

    public static RequestSpecification visitor(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    /** Ends every open session and makes the demo agents available, so each test starts alike. */
    public static void reset() {
        for (String state : List.of("active", "waiting")) {
            List<String> open = operator().queryParam("state", state).get("/api/sessions").then().statusCode(200)
                    .extract().jsonPath().getList("id", String.class);
            open.forEach(id -> operator().body("{}").post("/api/sessions/{id}/end", id));
        }
        List<String> everyone = operator().get("/api/agents").then().statusCode(200).extract().jsonPath()
                .getList("id", String.class);
        everyone.forEach(agent -> presence(agent, AGENTS.contains(agent) ? "available" : "offline"));
    }

    /** The open offers as an operator sees them (id, sessionId, agent, purpose, subject). */
    public static List<Map<String, Object>> openOffers() {
        return operator().get("/api/offers").then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** Waits until the session is offered to an agent; answers the offer. */
    public static Map<String, Object> awaitOffer(String sessionId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (Map<String, Object> offer : openOffers()) {
                if (sessionId.equals(offer.get("sessionId"))) {
                    return offer;
                }
            }
            pause(Duration.ofMillis(50));
        }
        throw new AssertionError("session " + sessionId + " was offered to nobody; offers: " + openOffers());
    }

    /** The session's offer is accepted by the agent it was made to, over REST; answers that agent's id. */
    public static String acceptOffer(String sessionId) {
        Map<String, Object> offer = awaitOffer(sessionId);
        String agent = (String) offer.get("agent");
        as(agent).body("{}").post("/api/offers/{id}/accept", offer.get("id")).then().statusCode(200);
        return agent;
    }

    /** The agent accepts its offer of the session over REST (waiting for the offer); answers the change. */
    public static JsonPath accepts(String agent, String sessionId) {
        return acceptOffer(RestAssured.baseURI + ":" + RestAssured.port, agent, sessionId);
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static void presence(String agent, String presence) {
        operator().body(Map.of("presence", presence)).put("/api/agents/{id}/presence", agent).then().statusCode(200);
    }

    /**
     * A customer (new visitor) starts a session; answers the whole joining answer. A customer who names an
     * agent only asks for it: the agent is offered the session, and accepts it here before this returns.
     */
    public static JsonPath visitorStarts(Map<String, Object> body) {
        JsonPath started = anonymous().body(body).post("/api/sessions").then().statusCode(201).extract().jsonPath();
        if (body.get("with") instanceof Map<?, ?> with && "csr".equals(with.get("kind"))) {
            acceptOffer(RestAssured.baseURI + ":" + RestAssured.port, (String) with.get("id"),
                    started.getString("session.id"));
        }
        return started;
    }

    /**
     * The agent accepts its offer of the session, at a replica ({@code http://host:port}); waits for the offer;
     * answers the change.
     */
    public static JsonPath acceptOffer(String baseUrl, String agent, String sessionId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String offer = null;
        while (offer == null && System.nanoTime() < deadline) {
            offer = given().baseUri(baseUrl).auth().preemptive().basic(agent, PASSWORD).get("/api/offers").then()
                    .statusCode(200).extract().jsonPath().getString("find { it.sessionId == '" + sessionId + "' }.id");
            if (offer == null) {
                pause(Duration.ofMillis(50));
            }
        }
        if (offer == null) {
            throw new AssertionError("session " + sessionId + " was not offered to " + agent);
        }
        return given().baseUri(baseUrl).auth().preemptive().basic(agent, PASSWORD).contentType(ContentType.JSON)
                .body("{}").post("/api/offers/{id}/accept", offer).then().statusCode(200).extract().jsonPath();
    }

    public static Map<String, Object> csr(String id) {
        return Map.of("kind", "csr", "id", id);
    }

    public static Map<String, Object> customer(String id) {
        return Map.of("kind", "customer", "id", id);
    }
}
