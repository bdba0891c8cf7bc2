package io.parley.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.parley.EmbeddedDatabase;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.ParleyProcess;
import io.parley.support.WsClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A chat message acknowledged to its sender survives {@code kill -9} of the service: it was committed
 * to PostgreSQL before the acknowledgement, and the restarted service serves it (and the ended
 * session's event log) over REST.
 */
class CrashRecoveryIT {

    @Test
    void acknowledgedMessageSurvivesKillNineAndRestart() throws Exception {
        Path log = Path.of("target", "crash-recovery-it.log");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(Path.of("target", "crash-postgres"), true)) {
            String sessionId;
            String visitorToken;
            try (var first = ParleyProcess.start(database.datasourceProperties(), log)) {
                JsonPath started = given().baseUri(first.url()).contentType(ContentType.JSON)
                        .body(Map.of("service", "sales", "subject", "pricing"))
                        .post("/api/sessions").then().statusCode(201).extract().jsonPath();
                sessionId = started.getString("session.id");
                visitorToken = started.getString("visitorToken");
                try (Leg customer = new Leg(started).connect()) {
                    customer.say("c-1", "Please keep this message");
                    assertThat(customer.chat.await("ack").path("seq").asLong()).isEqualTo(1);
                }
                first.kill();
            }
            try (var second = ParleyProcess.start(database.datasourceProperties(), log)) {
                // The same configured secret: the customer's visitor token still proves who it is.
                JsonPath transcript = given().baseUri(second.url()).header("Authorization", "Bearer " + visitorToken)
                        .get("/api/sessions/{id}/transcript", sessionId).then().statusCode(200).extract().jsonPath();
                assertThat(transcript.getList("text", String.class)).containsExactly("Please keep this message");
                given().baseUri(second.url()).auth().preemptive().basic("operator", "parley")
                        .contentType(ContentType.JSON)
                        .body("{}").post("/api/sessions/{id}/end", sessionId).then().statusCode(200);
                assertThat(given().baseUri(second.url()).auth().preemptive().basic("operator", "parley")
                        .get("/api/sessions/{id}/events", sessionId).then().statusCode(200).extract().jsonPath()
                        .getList("type", String.class)).contains("session-opened", "session-ended");
            }
        }
    }

    @Test
    void afterACrashDeadlinesAreArmedAgainAndLegsThatDoNotReturnFail() throws Exception {
        // The transfer's deadline passes while the service is down; the legs' grace starts after the restart.
        Map<String, String> quick = Map.of("parley.system.reconnect-grace", "3s",
                "parley.services.sales.transfer.timeout", "1s");
        Path log = Path.of("target", "crash-recovery-it.log");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(Path.of("target", "crash-postgres-2"), true)) {
            Leg customer;
            String aliceLeg;
            String bobLeg;
            try (var first = ParleyProcess.start(database.datasourceProperties(), quick, log)) {
                customer = new Leg(given().baseUri(first.url()).contentType(ContentType.JSON)
                        .body(Map.of("service", "sales", "subject", "pricing",
                                "with", Map.of("kind", "csr", "id", "alice")))
                        .post("/api/sessions").then().statusCode(201).extract().jsonPath()).connect();
                Parley.acceptOffer(first.url(), "alice", customer.sessionId);
                Leg alice = new Leg(given().baseUri(first.url()).auth().preemptive().basic("alice", "parley")
                        .contentType(ContentType.JSON).body("{}")
                        .post("/api/sessions/{id}/legs", customer.sessionId).then().statusCode(200).extract()
                        .jsonPath()).connect();
                aliceLeg = alice.legId;
                alice.control.await("roster", r -> {
                    for (var leg : r.at("/session/legs")) {
                        if (leg.path("id").asText().equals(aliceLeg)) {
                            return leg.path("state").asText().equals("connected");
                        }
                    }
                    return false;
                });
                given().baseUri(first.url()).auth().preemptive().basic("alice", "parley")
                        .contentType(ContentType.JSON).body(Map.of("to", Map.of("kind", "csr", "id", "bob")))
                        .post("/api/sessions/{id}/transfer", customer.sessionId).then().statusCode(202);
                bobLeg = Parley.acceptOffer(first.url(), "bob", customer.sessionId).getString("added[0].id");
                first.kill();
                customer.close();
                alice.close();
            }
            try (var second = ParleyProcess.start(database.datasourceProperties(), quick, log)) {
                String controlUrl = customer.url("control").replaceFirst(":\\d+/", ":" + second.port() + "/");
                try (var back = WsClient.connect(controlUrl, customer.token)) {
                    back.send(Map.of("type", "leg-state", "channels", Map.of("control", "connected")));
                    JsonPath session = awaitSession(second.url(), customer.sessionId,
                            s -> "failed".equals(legState(s, aliceLeg)) && "failed".equals(legState(s, bobLeg)));
                    assertThat(legState(session, customer.legId)).isEqualTo("connected");
                    assertThat(session.getString("transfer")).isNull();
                    String events = given().baseUri(second.url()).auth().preemptive().basic("operator", "parley")
                            .get("/api/sessions/{id}/events", customer.sessionId).asString();
                    assertThat(session.getString("state")).as("no other CSR has the sales skill; events: %s", events)
                            .isEqualTo("waiting");
                }
            }
        }
    }

    private static String legState(JsonPath session, String legId) {
        return session.getString("legs.find { it.id == '" + legId + "' }.state");
    }

    private static JsonPath awaitSession(String url, String id, Predicate<JsonPath> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonPath session;
        do {
            Thread.sleep(250);
            session = given().baseUri(url).auth().preemptive().basic("operator", "parley")
                    .get("/api/sessions/{id}", id).then().statusCode(200).extract().jsonPath();
        } while (!done.test(session) && System.nanoTime() < deadline);
        assertThat(done.test(session)).as("session became as expected: %s", session.prettify()).isTrue();
        return session;
    }
}
