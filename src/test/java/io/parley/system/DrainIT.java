package io.parley.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.EmbeddedDatabase;
import io.parley.support.Console;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.ParleyProcess;
import io.parley.support.WsClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * SIGTERM during chat traffic: the service reports not-ready, refuses new sessions, closes its WebSockets
 * in staggered batches (1012 for session channels, 1001 for consoles) so clients reconnect elsewhere, sends
 * a client that reconnects to it on at once, and stops; every message it acknowledged is in the transcript
 * when it comes back.
 */
class DrainIT {

    /**
     * One connection per batch, 400 ms apart: five connections close over 1.6 s. The customer chats as fast as
     * acknowledgements come, far over a person's chat rate.
     */
    private static final Map<String, String> DRAIN = Map.of("quarkus.shutdown.delay", "5s",
            "parley.drain.batch-size", "1", "parley.drain.batch-interval", "400ms",
            "parley.limits.chat", "100000/s burst 100000");

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
                Parley.acceptOffer(parley.url(), "alice", sessionId);
                Leg customer = new Leg(started).connect();
                Leg alice = new Leg(given().baseUri(parley.url()).auth().preemptive().basic("alice", "parley")
                        .contentType(ContentType.JSON).body("{}").post("/api/sessions/{id}/legs", sessionId)
                        .then().statusCode(200).extract().jsonPath()).connect();
                Console console = Console.open(parley.url(), "bob");

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
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (acknowledged.size() < 20) {
                    assertThat(System.nanoTime()).as("20 messages acknowledged in time").isLessThan(deadline);
                    Thread.sleep(10);
                }
                parley.terminate();

                // Not ready first: while the last batch (the console) is still open.
                long readyDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (given().baseUri(parley.managementUrl()).get("/q/health/ready").statusCode() != 503) {
                    assertThat(System.nanoTime()).as("readiness goes down").isLessThan(readyDeadline);
                    Thread.sleep(10);
                }
                assertThat(console.endpoint.isClosed()).as("not ready before the last batch closes").isFalse();
                // Still serving during the delay, but taking no new sessions.
                given().baseUri(parley.url()).contentType(ContentType.JSON)
                        .body(Map.of("service", "sales", "subject", "pricing")).post("/api/sessions").then()
                        .statusCode(503).header("Retry-After", "1").body("code", equalTo("draining"));

                List<WsClient> sessionChannels = List.of(customer.control, customer.chat, alice.control, alice.chat);
                for (WsClient channel : sessionChannels) {
                    assertThat(channel.awaitClose()).as("service restart: reconnect").isEqualTo((short) 1012);
                }
                assertThat(console.endpoint.awaitClose()).as("a console's channel: going away").isEqualTo((short) 1001);
                LongSummaryStatistics closedAt = Stream.concat(sessionChannels.stream(), Stream.of(console.endpoint))
                        .mapToLong(WsClient::closedAt).summaryStatistics();
                assertThat(Duration.ofNanos(closedAt.getMax() - closedAt.getMin())).as("closed in batches, not at once")
                        .isGreaterThan(Duration.ofMillis(600));
                try (WsClient again = WsClient.connect(customer.url("control"), customer.token)) {
                    assertThat(again.awaitClose()).as("a reconnect to the stopping replica").isEqualTo((short) 1012);
                }
                traffic.join();
                assertThat(parley.awaitExit(Duration.ofSeconds(30))).isIn(0, 143);
                customer.close();
                alice.close();
                console.close();
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
