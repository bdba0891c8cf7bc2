package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.operator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.session.Channel;
import io.parley.session.EndpointRef;
import io.parley.support.Console;
import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.parley.transport.RevocationList;
import io.parley.transport.TokenService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.sqlclient.Pool;

/**
 * Revocation reaches live sockets: a socket lives no longer than its token unless renewed in-band (a leg on
 * its control channel, a console with a fresh endpoint token only signing in gives), and an operator who
 * signs an agent out revokes every console and endpoint token it was issued until then, closing its console
 * wherever it is connected; a sign-in afterwards, in the same second too, is accepted.
 */
@QuarkusTest
class TokenRevocationTest {

    /** The test profile's secret: the test mints tokens that expire in two seconds. */
    private static final byte[] SECRET = "test-secret-test-secret-test-secret-0123456789"
            .getBytes(StandardCharsets.UTF_8);
    private static final Duration SHORT = Duration.ofSeconds(2);
    private static final TokenService SHORT_LIVED = new TokenService(SECRET, SHORT, Duration.ofHours(1), SHORT,
            Duration.ofHours(24), Duration.ofSeconds(30), Clock.systemUTC());

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    private static String shortLegToken(JsonPath joined) {
        String legId = joined.getString("legId");
        String customer = joined.getString("session.legs.find { it.id == '" + legId + "' }.endpoint.id");
        return SHORT_LIVED.issueLeg(joined.getString("session.id"), legId, EndpointRef.customer(customer),
                EnumSet.of(Channel.CONTROL, Channel.CHAT)).token();
    }

    @Test
    void aLegSocketClosesWhenItsTokenExpiresUnlessTheLegRenewsOnControl() {
        JsonPath joined = Parley.visitorStarts(Map.of("service", "lab", "subject", "pricing"));
        String controlUrl = joined.getString("connection.channels.control");
        String chatUrl = joined.getString("connection.channels.chat");
        try (WsClient control = WsClient.connect(controlUrl, shortLegToken(joined));
                WsClient chat = WsClient.connect(chatUrl, shortLegToken(joined))) {
            JsonNode welcome = control.await("welcome");
            assertThat(Instant.parse(welcome.path("expiresAt").asText())).isBefore(Instant.now().plusSeconds(3));
            assertThat(control.awaitClose()).as("control closes at its token's expiry").isEqualTo((short) 4401);
            assertThat(chat.awaitClose()).isEqualTo((short) 4401);
        }

        try (WsClient control = WsClient.connect(controlUrl, shortLegToken(joined));
                WsClient chat = WsClient.connect(chatUrl, shortLegToken(joined))) {
            control.await("welcome");
            chat.await("ready");
            control.send(Map.of("type", "renew"));
            JsonNode renewed = control.await("renewed");
            assertThat(Instant.parse(renewed.path("expiresAt").asText())).isAfter(Instant.now().plusSeconds(60));
            Parley.pause(SHORT.plusSeconds(2));
            assertThat(control.isClosed()).as("renewed: control stays open past the old expiry").isFalse();
            assertThat(chat.isClosed()).as("and so do the leg's other channels").isFalse();
            try (WsClient again = WsClient.connect(chatUrl, renewed.path("token").asText())) {
                again.await("ready");
            }
        }
    }

    @Test
    void aConsoleClosesWhenItsEndpointTokenExpiresAndRenewsOnlyWithAFreshTokenOfItsOwn() {
        String url = as("bob").post("/api/tokens/endpoint").then().statusCode(200).extract().path("url");
        String shortToken = SHORT_LIVED.issueEndpoint(EndpointRef.csr("bob")).token();
        try (WsClient console = WsClient.connect(url, shortToken)) {
            console.await("hello");
            console.send(Map.of("type", "renew", "token",
                    as("alice").post("/api/tokens/endpoint").then().extract().path("token")));
            assertThat(console.await("error").path("code").asText()).as("another agent's token").isEqualTo(
                    "token-invalid");
            String visitor = Parley.visitorStarts(Map.of("service", "lab", "subject", "pricing"))
                    .getString("visitorToken");
            console.send(Map.of("type", "renew", "token", visitor));
            assertThat(console.await("error").path("code").asText()).as("a visitor token").isEqualTo("token-invalid");
            assertThat(console.awaitClose()).isEqualTo((short) 4401);
        }

        try (WsClient console = WsClient.connect(url, SHORT_LIVED.issueEndpoint(EndpointRef.csr("bob")).token())) {
            console.await("hello");
            console.send(Map.of("type", "renew", "token",
                    as("bob").post("/api/tokens/endpoint").then().extract().path("token")));
            assertThat(Instant.parse(console.await("renewed").path("expiresAt").asText()))
                    .isAfter(Instant.now().plusSeconds(60));
            Parley.pause(SHORT.plusSeconds(2));
            assertThat(console.isClosed()).isFalse();
        }
    }

    private static long issuedAt(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("iat").asLong();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void anOperatorsSignOutRevokesTheAgentsConsoleAndEndpointTokensAndASignInRightAfterIsAccepted() throws Exception {
        String console = as("carol").post("/api/tokens/console").then().statusCode(200).extract().path("token");
        JsonPath endpoint = bearer(console).post("/api/tokens/endpoint").then().statusCode(200).extract().jsonPath();
        String spare = as("carol").post("/api/tokens/endpoint").then().statusCode(200).extract().path("token");
        String alices = as("alice").post("/api/tokens/console").then().statusCode(200).extract().path("token");
        try (WsClient socket = WsClient.connect(endpoint.getString("url"), endpoint.getString("token"))) {
            socket.await("hello");
            operator().body(Map.of("presence", "offline")).put("/api/agents/carol/presence").then().statusCode(200);
            // At once, in the same second as the sign-out more often than not.
            String again = as("carol").post("/api/tokens/console").then().statusCode(200).extract().path("token");
            assertThat(socket.awaitClose()).isEqualTo((short) 4403);

            bearer(console).get("/api/agents/carol").then().statusCode(401).body("code", equalTo("token-revoked"));
            assertThat(WsClient.refusal(endpoint.getString("url"), spare)).as("an endpoint token from before")
                    .hasMessageContaining("401");
            bearer(alices).get("/api/agents/alice").then().statusCode(200);

            // A token's iat is whole seconds: the one issued after the sign-out is from the next whole second on,
            // so it is told apart from those issued before it, and accepted.
            Instant signedOut = pool.query("select max(not_before) from token_revocation where endpoint = 'csr:carol'"
                    + " and token_id is null").execute().toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).iterator().next().getOffsetDateTime(0).toInstant();
            assertThat(Instant.ofEpochSecond(issuedAt(again))).isAfterOrEqualTo(RevocationList.nextWholeSecond(
                    signedOut));
            bearer(again).get("/api/agents/carol").then().statusCode(200);
            JsonPath fresh = bearer(again).post("/api/tokens/endpoint").then().statusCode(200).extract().jsonPath();
            try (WsClient back = WsClient.connect(fresh.getString("url"), fresh.getString("token"))) {
                back.await("hello");
            }
        }
    }

    @Test
    void anOperatorWhoSignsAnAgentOutClosesItsConsoleAndTheAgentItselfDoesNot() {
        try (Console bob = Console.open("bob")) {
            as("bob").body(Map.of("presence", "offline")).put("/api/agents/bob/presence").then().statusCode(200);
            as("bob").body(Map.of("presence", "available")).put("/api/agents/bob/presence").then().statusCode(200);
            assertThat(bob.endpoint.isClosed()).as("going offline oneself keeps the console").isFalse();

            operator().body(Map.of("presence", "offline")).put("/api/agents/bob/presence").then().statusCode(200);
            assertThat(bob.endpoint.awaitClose()).isEqualTo((short) 4403);
        }
        as("bob").get("/api/agents/bob").then().statusCode(200).body("presence", equalTo("offline"));
        // Signing in again opens the console again (its tokens are issued after the sign-out).
        try (Console bob = Console.open("bob")) {
            assertThat(bob.endpoint.isClosed()).isFalse();
        }
    }
}
