package io.parley.api;

import static io.parley.support.Parley.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.session.Channel;
import io.parley.session.EndpointRef;
import io.parley.support.Parley;
import io.parley.support.TestTokens;
import io.parley.support.WsClient;
import io.parley.transport.TokenKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * A token secret rotated while tokens are out: the test profile runs with {@code parley.tokens.previous-secret}
 * set, as every replica does during a rotation. Tokens the previous secret signed still act and open sockets;
 * new ones are signed with the current key and say so; a token of a secret the service never had, or one that
 * names the current key but was signed with the previous one, is refused over REST and on upgrade.
 */
@QuarkusTest
class KeyRotationTest {

    private static final String CURRENT_KEY = TokenKeys.of(TestTokens.SECRET).current().id();

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token);
    }

    private static String keyId(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    /** {@code token} with its header's key id changed to {@code kid} and signed again with {@code secret}. */
    private static String renamedKey(String token, String kid, byte[] secret) throws Exception {
        String[] parts = token.split("\\.");
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                .replaceAll("\"kid\":\"[^\"]+\"", "\"kid\":\"" + kid + "\"");
        String input = encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + parts[1];
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return input + "." + encoder.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theServiceSignsWithTheCurrentKeyAndStillAcceptsThePreviousSecretsTokens() {
        String signedNow = as("bob").post("/api/tokens/console").then().statusCode(200).extract().path("token");
        assertThat(keyId(signedNow)).isEqualTo(CURRENT_KEY);
        bearer(signedNow).get("/api/agents/bob").then().statusCode(200);

        String before = TestTokens.signedWith(TestTokens.PREVIOUS_SECRET).issueConsole(EndpointRef.csr("bob"),
                Duration.ofHours(8)).token();
        assertThat(keyId(before)).isNotEqualTo(CURRENT_KEY);
        bearer(before).get("/api/agents/bob").then().statusCode(200).body("id", equalTo("bob"));
    }

    @Test
    void aTokenOfAnUnknownSecretOrNamingAnotherKeyThanItsOwnIsRefused() throws Exception {
        String foreign = TestTokens.signedWith(TestTokens.FOREIGN_SECRET).issueConsole(EndpointRef.csr("bob"),
                Duration.ofHours(8)).token();
        bearer(foreign).get("/api/agents/bob").then().statusCode(401);
        String before = TestTokens.signedWith(TestTokens.PREVIOUS_SECRET).issueConsole(EndpointRef.csr("bob"),
                Duration.ofHours(8)).token();
        bearer(renamedKey(before, CURRENT_KEY, TestTokens.PREVIOUS_SECRET)).get("/api/agents/bob").then()
                .statusCode(401);
        bearer(renamedKey(before, "no-such-key", TestTokens.PREVIOUS_SECRET)).get("/api/agents/bob").then()
                .statusCode(401);
    }

    @Test
    void aLegTokenOfThePreviousSecretOpensItsChannelsAndAForeignOneDoesNot() {
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"));
        String sessionId = started.getString("session.id");
        String legId = started.getString("legId");
        EndpointRef customer = EndpointRef.customer(started.getString("session.legs.find { it.id == '" + legId
                + "' }.endpoint.id"));
        String control = started.getString("connection.channels.control");

        String foreign = TestTokens.signedWith(TestTokens.FOREIGN_SECRET).issueLeg(sessionId, legId, customer,
                EnumSet.of(Channel.CONTROL, Channel.CHAT)).token();
        assertThat(WsClient.refusal(control, foreign)).as("a secret the service never had").isNotNull()
                .hasMessageContaining("401");
        String before = TestTokens.signedWith(TestTokens.PREVIOUS_SECRET).issueLeg(sessionId, legId, customer,
                EnumSet.of(Channel.CONTROL, Channel.CHAT)).token();
        try (WsClient socket = WsClient.connectWithHeader(control, before)) {
            assertThat(socket.await("welcome").path("legId").asText()).isEqualTo(legId);
        }
    }
}
