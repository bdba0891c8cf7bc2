package io.parley.api;

import static io.parley.support.Parley.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The console's sign-out reaches the server: {@code DELETE /api/tokens/console} revokes the console token it is
 * sent with, on every replica, so a copy of it is refused afterwards (over REST, and it can no longer get the
 * endpoint token a WebSocket upgrade needs), and the endpoint tokens it was traded for are refused on upgrade and
 * their sockets close with 4403. It revokes that token and no other: the agent's other consoles and other agents
 * carry on, and only a console token signs out.
 */
@QuarkusTest
class ConsoleSignOutTest {

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    private static String consoleToken(String agent) {
        return as(agent).post("/api/tokens/console").then().statusCode(200).extract().path("token");
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static JsonPath endpointToken(String consoleToken) {
        return bearer(consoleToken).post("/api/tokens/endpoint").then().statusCode(200).extract().jsonPath();
    }

    private static void signOut(String consoleToken) {
        bearer(consoleToken).delete("/api/tokens/console").then().statusCode(204);
    }

    @Test
    void aSignedOutConsoleTokenReplayedOverRestIsRefusedAsRevoked() {
        String token = consoleToken("bob");
        bearer(token).get("/api/agents/bob").then().statusCode(200);
        signOut(token);

        bearer(token).get("/api/agents/bob").then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", org.hamcrest.Matchers.notNullValue())
                .body("code", equalTo("token-revoked"));
        bearer(token).body(Map.of("presence", "away")).put("/api/agents/bob/presence").then().statusCode(401);
        bearer(token).get("/api/sessions").then().statusCode(401).body("code", equalTo("token-revoked"));
        // Nor does it get what a WebSocket upgrade needs, or sign out again.
        bearer(token).post("/api/tokens/endpoint").then().statusCode(401).body("code", equalTo("token-revoked"));
        bearer(token).delete("/api/tokens/console").then().statusCode(401);
        as("bob").get("/api/agents/bob").then().statusCode(200).body("presence", equalTo("available"));
    }

    @Test
    void theEndpointTokensASignedOutConsoleWasGivenAreRefusedOnUpgradeAndTheirSocketsClose() {
        String token = consoleToken("bob");
        JsonPath connected = endpointToken(token);
        String unused = endpointToken(token).getString("token");
        try (WsClient console = WsClient.connect(connected.getString("url"), connected.getString("token"))) {
            console.await("hello");
            signOut(token);
            assertThat(console.awaitClose()).as("the socket that holds one").isEqualTo((short) 4403);
        }
        assertThat(WsClient.refusal(connected.getString("url"), connected.getString("token")))
                .as("replayed on an upgrade").hasMessageContaining("401");
        assertThat(WsClient.refusal(connected.getString("url"), unused)).as("one never used")
                .hasMessageContaining("401");
        // A console token opens no socket anyway: it was never a WebSocket credential.
        assertThat(WsClient.refusal(connected.getString("url"), token)).isNotNull();
    }

    @Test
    void aConsoleRenewingWithAnEndpointTokenOfASignedOutConsoleIsRefused() {
        String kept = consoleToken("bob");
        String signedOut = consoleToken("bob");
        JsonPath endpoint = endpointToken(kept);
        String stale = endpointToken(signedOut).getString("token");
        signOut(signedOut);
        try (WsClient console = WsClient.connect(endpoint.getString("url"), endpoint.getString("token"))) {
            console.await("hello");
            console.send(Map.of("type", "renew", "token", stale));
            assertThat(console.await("error").path("code").asText()).isEqualTo("token-invalid");
            assertThat(console.isClosed()).as("its own token is not revoked").isFalse();
        }
    }

    @Test
    void signingOutRevokesThatConsoleTokenOnlyNotTheAgentsOtherConsolesNorOtherAgents() {
        String first = consoleToken("bob");
        String second = consoleToken("bob");
        String alices = consoleToken("alice");
        JsonPath secondsEndpoint = endpointToken(second);
        try (WsClient secondConsole = WsClient.connect(secondsEndpoint.getString("url"),
                secondsEndpoint.getString("token"))) {
            secondConsole.await("hello");
            signOut(first);
            bearer(first).get("/api/agents/bob").then().statusCode(401);
            bearer(second).get("/api/agents/bob").then().statusCode(200);
            bearer(alices).get("/api/agents/alice").then().statusCode(200);
            // Bob's other console keeps its socket: what closes is what the signed-out console was given.
            secondConsole.send(Map.of("type", "renew", "token", endpointToken(second).getString("token")));
            secondConsole.await("renewed");
            assertThat(secondConsole.isClosed()).isFalse();
        }
    }

    @Test
    void onlyAConsoleTokenSignsOutAndOnlyItself() {
        as("bob").delete("/api/tokens/console").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("console-token-required"));
        String visitor = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"))
                .getString("visitorToken");
        bearer(visitor).delete("/api/tokens/console").then().statusCode(403);
        String endpoint = as("bob").post("/api/tokens/endpoint").then().statusCode(200).extract().path("token");
        bearer(endpoint).delete("/api/tokens/console").then().statusCode(401);
        given().delete("/api/tokens/console").then().statusCode(401);
        // An agent signs out its own console token: alice's stays good whoever asks.
        String alices = consoleToken("alice");
        signOut(consoleToken("bob"));
        bearer(alices).get("/api/agents/alice").then().statusCode(200);
    }

    @Test
    void signingInAgainAfterSigningOutGivesATokenThatIsAccepted() {
        String before = consoleToken("carol");
        signOut(before);
        String after = consoleToken("carol");
        bearer(after).get("/api/agents/carol").then().statusCode(200);
        JsonPath endpoint = endpointToken(after);
        try (WsClient console = WsClient.connect(endpoint.getString("url"), endpoint.getString("token"))) {
            console.await("hello");
        }
        bearer(before).get("/api/agents/carol").then().statusCode(401);
    }
}
