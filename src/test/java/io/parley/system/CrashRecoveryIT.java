package io.parley.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.EmbeddedDatabase;
import io.parley.support.ParleyProcess;
import io.parley.support.Leg;
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
                given().baseUri(second.url()).auth().preemptive().basic("operator", "parley").contentType(ContentType.JSON)
                        .body("{}").post("/api/sessions/{id}/end", sessionId).then().statusCode(200);
                assertThat(given().baseUri(second.url()).auth().preemptive().basic("operator", "parley")
                        .get("/api/sessions/{id}/events", sessionId).then().statusCode(200).extract().jsonPath()
                        .getList("type", String.class)).contains("session-opened", "session-ended");
            }
        }
    }
}
