package io.parley.api;

import static io.parley.support.Parley.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.session.Channel;
import io.parley.session.EndpointRef;
import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.parley.transport.TokenService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The console keeps a console token, never the agent's password: signing in with the password answers a token
 * that acts as that agent over REST and as nobody else, cannot make another one, and is refused once expired,
 * forged or tampered with; no other kind of token (visitor, leg, endpoint) stands in for it.
 */
@QuarkusTest
class ConsoleTokenTest {

    private static final byte[] SECRET = "test-secret-test-secret-test-secret-0123456789"
            .getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    private static String consoleToken(String agent) {
        return as(agent).post("/api/tokens/console").then().statusCode(200).header("Cache-Control", "no-store")
                .body("agent", equalTo(agent)).extract().path("token");
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void theConsoleTokenActsAsItsAgentOverRestAndOpensItsEndpointSocket() {
        String token = consoleToken("bob");
        bearer(token).get("/api/agents/bob").then().statusCode(200).body("id", equalTo("bob"));
        bearer(token).body(Map.of("presence", "away")).put("/api/agents/bob/presence").then().statusCode(200)
                .body("presence", equalTo("away"));
        bearer(token).get("/api/sessions").then().statusCode(200);
        JsonPath endpoint = bearer(token).post("/api/tokens/endpoint").then().statusCode(200).extract().jsonPath();
        assertThat(endpoint.getString("endpoint")).isEqualTo("csr:bob");
        try (WsClient console = WsClient.connect(endpoint.getString("url"), endpoint.getString("token"))) {
            console.await("hello");
        }
    }

    @Test
    void theConsoleTokenCannotActAsAnotherAgentOrAsAnOperator() {
        String token = consoleToken("bob");
        bearer(token).body(Map.of("presence", "away")).put("/api/agents/alice/presence").then().statusCode(403);
        bearer(token).body(Map.of("name", "Bob", "skills", Map.of("sales", 9), "maxSessions", 9))
                .put("/api/agents/bob").then().statusCode(403);
        bearer(token).body(Map.of("service", "sales", "subject", "pricing", "onBehalfOf",
                Map.of("kind", "csr", "id", "alice"))).post("/api/sessions").then().statusCode(403)
                .body("code", equalTo("not-permitted"));
        as("alice").get("/api/agents/alice").then().statusCode(200).body("presence", equalTo("available"));
        as("operator").post("/api/tokens/console").then().statusCode(403);
    }

    @Test
    void aConsoleTokenDoesNotMakeAnotherOne() {
        bearer(consoleToken("bob")).post("/api/tokens/console").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("sign-in-required"));
    }

    @Test
    void expiredForgedAndTamperedConsoleTokensAreRefused() {
        TokenService past = new TokenService(SECRET, Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofSeconds(30),
                Clock.fixed(Instant.now().minus(Duration.ofHours(9)), ZoneOffset.UTC));
        String expired = past.issueConsole(EndpointRef.csr("bob"), Duration.ofHours(8)).token();
        bearer(expired).get("/api/agents/bob").then().statusCode(401);

        TokenService elsewhere = new TokenService("another-secret-another-secret-another-0123"
                .getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofSeconds(30), Clock.systemUTC());
        String forged = elsewhere.issueConsole(EndpointRef.csr("bob"), Duration.ofHours(8)).token();
        bearer(forged).get("/api/agents/bob").then().statusCode(401);

        String[] parts = consoleToken("bob").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("csr:bob", "csr:alice");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        bearer(tampered).get("/api/agents/alice").then().statusCode(401);
        String unsigned = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + parts[1] + ".";
        bearer(unsigned).get("/api/agents/bob").then().statusCode(401);
    }

    @Test
    void visitorLegAndEndpointTokensAreNoConsoleTokens() {
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"));
        String visitor = started.getString("visitorToken");
        bearer(visitor).get("/api/agents/bob").then().statusCode(403);
        bearer(visitor).post("/api/tokens/console").then().statusCode(403);
        bearer(visitor).post("/api/tokens/endpoint").then().statusCode(403);
        for (String token : new String[] {started.getString("connection.token"),
                as("bob").post("/api/tokens/endpoint").then().statusCode(200).extract().path("token")}) {
            bearer(token).get("/api/agents/bob").then().statusCode(401);
            bearer(token).post("/api/tokens/console").then().statusCode(401);
        }
        TokenService sameSecret = new TokenService(SECRET, Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofSeconds(30), Clock.systemUTC());
        String legAsBob = sameSecret.issueLeg("s", "l", EndpointRef.csr("bob"), EnumSet.of(Channel.CHAT)).token();
        bearer(legAsBob).get("/api/agents/bob").then().statusCode(401);
    }
}
