package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.customer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.idempotency.IdempotencyStore;
import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A retry with the same {@code Idempotency-Key} gets the first answer and changes nothing more; the key with
 * another request, another caller's key, a key in flight and an oversized key are each refused or kept apart.
 */
@QuarkusTest
class IdempotencyKeyTest {

    private static final Map<String, Object> PRICING = Map.of("service", "sales", "subject", "pricing");

    @Inject
    IdempotencyStore store;

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    private static RequestSpecification from(String address, String key) {
        return given().header("X-Forwarded-For", address).header(Idempotency.HEADER, key)
                .contentType(ContentType.JSON);
    }

    @Test
    void aRetriedStartAnswersTheFirstAnswerAndStartsNothingMore() {
        String key = UUID.randomUUID().toString();
        Response first = from("198.51.100.1", key).body(PRICING).post("/api/sessions");
        first.then().statusCode(201);
        Response retry = from("198.51.100.1", key).body(PRICING).post("/api/sessions");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(retry.jsonPath().getString("session.id")).isEqualTo(first.jsonPath().getString("session.id"));
        assertThat(retry.jsonPath().getString("visitorToken")).isEqualTo(first.jsonPath().getString("visitorToken"));
        assertThat(Parley.operator().queryParam("state", "waiting").get("/api/sessions").then().extract().jsonPath()
                .getList("id")).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        String key = UUID.randomUUID().toString();
        from("198.51.100.2", key).body(PRICING).post("/api/sessions").then().statusCode(201);
        from("198.51.100.2", key).body(Map.of("service", "support", "subject", "delivery")).post("/api/sessions")
                .then().statusCode(422).contentType(Problem.MEDIA_TYPE).body("code", equalTo("idempotency-key-reused"));
    }

    @Test
    void anotherCallersKeyIsNotReplayed() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> call = Map.of("service", "callback", "with", customer("ann@example.com"));
        String alices = as("alice").header(Idempotency.HEADER, key).body(call).post("/api/sessions").then()
                .statusCode(201).extract().jsonPath().getString("session.id");
        String bobs = as("bob").header(Idempotency.HEADER, key).body(call).post("/api/sessions").then()
                .statusCode(201).extract().jsonPath().getString("session.id");
        assertThat(bobs).isNotEqualTo(alices);

        String here = from("198.51.100.3", key).body(PRICING).post("/api/sessions").then().statusCode(201).extract()
                .jsonPath().getString("session.id");
        JsonPath there = from("198.51.100.4", key).body(PRICING).post("/api/sessions").then().statusCode(201)
                .extract().jsonPath();
        assertThat(there.getString("session.id")).as("a caller without credentials is its address").isNotEqualTo(here);
    }

    @Test
    void aRetriedConferenceOrEndAnswersTheFirstAnswer() {
        String id = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", Parley.csr("alice")))
                .getString("session.id");
        as("alice").body("{}").post("/api/sessions/{id}/legs", id).then().statusCode(200);
        String key = UUID.randomUUID().toString();
        Map<String, Object> conference = Map.of("subject", "pricing");
        String first = as("alice").header(Idempotency.HEADER, key).body(conference)
                .post("/api/sessions/{id}/conference", id).then().statusCode(202).extract().asString();
        as("alice").header(Idempotency.HEADER, key).body(conference).post("/api/sessions/{id}/conference", id).then()
                .statusCode(202).body(equalTo(first));
        as("alice").body(conference).post("/api/sessions/{id}/conference", id).then().statusCode(409)
                .body("code", equalTo("routing-in-progress"));

        String end = UUID.randomUUID().toString();
        String ended = as("alice").header(Idempotency.HEADER, end).body("{}").post("/api/sessions/{id}/end", id)
                .then().statusCode(200).extract().asString();
        as("alice").header(Idempotency.HEADER, end).body("{}").post("/api/sessions/{id}/end", id).then()
                .statusCode(200).body(equalTo(ended));
    }

    @Test
    void aRefusalIsTheAnswerARetryGetsToo() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> transfer = Map.of("to", Parley.csr("bob"));
        String missing = UUID.randomUUID().toString();
        as("alice").header(Idempotency.HEADER, key).body(transfer).post("/api/sessions/{id}/transfer", missing).then()
                .statusCode(404);
        as("alice").header(Idempotency.HEADER, key).body(transfer).post("/api/sessions/{id}/transfer", missing).then()
                .statusCode(404).header("Idempotent-Replayed", "true").contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("session-not-found"));
    }

    @Test
    void aRetryWhileTheFirstIsInFlightIsToldToWait() {
        String key = UUID.randomUUID().toString();
        store.claim("csr:alice", key, "0".repeat(64)).await().indefinitely();
        as("alice").header(Idempotency.HEADER, key).body(Map.of("service", "callback", "with", customer("cy")))
                .post("/api/sessions").then().statusCode(409).header("Retry-After", "1")
                .body("code", equalTo("idempotency-key-in-flight"));
    }

    @Test
    void aKeyMustBeShortAndVisibleAscii() {
        from("198.51.100.5", "k".repeat(256)).body(PRICING).post("/api/sessions").then().statusCode(400)
                .body("code", equalTo("invalid-request"));
    }
}
