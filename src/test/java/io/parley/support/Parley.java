package io.parley.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

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

    public static void presence(String agent, String presence) {
        operator().body(Map.of("presence", presence)).put("/api/agents/{id}/presence", agent).then().statusCode(200);
    }

    /** A customer (new visitor) starts a session; answers the whole joining answer. */
    public static JsonPath visitorStarts(Map<String, Object> body) {
        return anonymous().body(body).post("/api/sessions").then().statusCode(201).extract().jsonPath();
    }

    public static Map<String, Object> csr(String id) {
        return Map.of("kind", "csr", "id", id);
    }

    public static Map<String, Object> customer(String id) {
        return Map.of("kind", "customer", "id", id);
    }
}
