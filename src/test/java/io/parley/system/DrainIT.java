package io.parley.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.EmbeddedDatabase;
import io.parley.support.Leg;
import io.parley.support.ParleyProcess;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * SIGTERM during chat traffic: the service reports not-ready, refuses new sessions, closes its WebSockets
 * with 1012 so clients reconnect elsewhere, and stops; every message it acknowledged is in the transcript
 * when it comes back.
 */
class DrainIT {

    private static final Map<String, String> DRAIN = Map.of("quarkus.shutdown.delay", "3s",
            "parley.drain.batch-interval", "50ms");

    @Test
    void sigtermDrainsWithoutLosingAcknowledgedMessages() throws Exception {
        Path log = Path.of("target", "drain-it.log");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(Path.of("target", "drain-postgres"), true)) {
            String sessionId;
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            try (var parley = ParleyProcess.start(database.datasourceProperties(), DRAIN, log)) {
                JsonPath started = given().baseUri(parley.url()).contentType(ContentType.JSON)
                        .body(Map.of("service", "sales", "subject", "pricing", "with",
                                Map.of("kind", "csr", "id", "alice")))
                        .post("/api/sessions").then().statusCode(201).extract().jsonPath();
                sessionId = started.getString("session.id");
                Leg customer = new Leg(started).connect();
                Leg alice = new Leg(given().baseUri(parley.url()).auth().preemptive().basic("alice", "parley")
                        .contentType(ContentType.JSON).body("{}").post("/api/sessions/{id}/legs", sessionId)
                        .then().statusCode(200).extract().jsonPath()).connect();

                // The customer chats without pause, each message awaiting its acknowledgement, until the
                // connection is closed under it.
                CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                    for (int i = 1; !customer.chat.isClosed(); i++) {
                        String id = "m-" + i;
                        customer.say(id, "message " + i);
                        try {
                            customer.chat.await("ack", ack -> ack.path("clientId").asText().equals(id));
                            acknowledged.add(id);
                        } catch (AssertionError closedBeforeTheAck) {
                            return;
                        }
                    }
                });
                while (acknowledged.size() < 20) {
                    Thread.sleep(10);
                }
                parley.terminate();

                assertThat(customer.control.awaitClose()).as("service restart: reconnect").isEqualTo((short) 1012);
                assertThat(customer.chat.awaitClose()).isEqualTo((short) 1012);
                assertThat(alice.control.awaitClose()).isEqualTo((short) 1012);
                // Still serving during the delay, but not ready and taking no new sessions.
                given().baseUri(parley.url()).get("/q/health/ready").then().statusCode(503);
                given().baseUri(parley.url()).contentType(ContentType.JSON)
                        .body(Map.of("service", "sales", "subject", "pricing")).post("/api/sessions").then()
                        .statusCode(503).header("Retry-After", "1").body("code", equalTo("draining"));
                traffic.join();
                assertThat(parley.awaitExit(Duration.ofSeconds(30))).isIn(0, 143);
                customer.close();
                alice.close();
            }
            try (var again = ParleyProcess.start(database.datasourceProperties(), log)) {
                JsonNode[] transcript = given().baseUri(again.url()).auth().preemptive().basic("operator", "parley")
                        .get("/api/sessions/{id}/transcript", sessionId).then().statusCode(200).extract()
                        .as(JsonNode[].class);
                List<String> stored = new ArrayList<>();
                for (JsonNode message : transcript) {
                    stored.add("m-" + message.path("text").asText().substring("message ".length()));
                }
                assertThat(stored).as("every acknowledged message, once, in order").containsSubsequence(acknowledged);
                assertThat(stored).doesNotHaveDuplicates().containsAll(acknowledged);
            }
        }
    }
}
