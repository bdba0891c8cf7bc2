package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.csr;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.session.Channel;
import io.parley.session.EndpointRef;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.parley.transport.TokenService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A token opens exactly its own session's leg; bad frames on every channel get an error frame and
 * leave the connection and the session as they were.
 */
@QuarkusTest
class ChannelSecurityTest {

    /** The test profile's secret, so that the test can mint an expired token the server will check. */
    private static final byte[] SECRET = "test-secret-test-secret-test-secret-0123456789"
            .getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    private static JsonPath start() {
        return Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", csr("alice")));
    }

    private static int refusedStatus(String url, String token) {
        Throwable refusal = WsClient.refusal(url, token);
        assertThat(refusal).as("the upgrade to %s is refused", url).isNotNull();
        String text = String.valueOf(refusal.getMessage());
        return text.contains("401") ? 401 : text.contains("403") ? 403 : -1;
    }

    @Test
    void aTokenOpensOnlyItsOwnSessionAndLeg() {
        JsonPath one = start();
        JsonPath two = start();
        String otherSessionChat = two.getString("connection.channels.chat");
        assertThat(refusedStatus(otherSessionChat, one.getString("connection.token"))).isEqualTo(403);

        JsonPath agent = as("alice").body("{}").post("/api/sessions/{id}/legs", one.getString("session.id"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(refusedStatus(agent.getString("connection.channels.chat"), one.getString("connection.token")))
                .as("the customer's token does not open the CSR's leg").isEqualTo(403);

        String token = one.getString("connection.token");
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(refusedStatus(one.getString("connection.channels.chat"), forged)).isEqualTo(401);
        assertThat(refusedStatus(one.getString("connection.channels.chat"), one.getString("visitorToken")))
                .as("a visitor token is not a leg token").isEqualTo(403);
        assertThat(WsClient.refusal(one.getString("connection.channels.chat"), "")).isNotNull();

        try (WsClient ok = WsClient.connectWithHeader(one.getString("connection.channels.control"), token)) {
            assertThat(ok.await("welcome").path("legId").asText()).isEqualTo(one.getString("legId"));
        }
    }

    @Test
    void anExpiredTokenIsRefused() {
        JsonPath one = start();
        TokenService past = new TokenService(SECRET, Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofSeconds(30),
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC));
        String expired = past.issueLeg(one.getString("session.id"), one.getString("legId"),
                EndpointRef.customer("whoever"), EnumSet.of(Channel.CONTROL, Channel.CHAT)).token();
        assertThat(refusedStatus(one.getString("connection.channels.chat"), expired)).isEqualTo(401);
    }

    @Test
    void badFramesGetErrorFramesAndChangeNothing() {
        try (Leg customer = new Leg(start()).connect()) {
            customer.control.await("roster", r -> r.toString().contains("\"connected\""));
            for (WsClient channel : new WsClient[] {customer.control, customer.chat}) {
                channel.send("{not json");
                assertThat(channel.await("error").path("code").asText()).isEqualTo("malformed-json");
                channel.send("{\"type\":\"teleport\"}");
                assertThat(channel.await("error").path("code").asText()).isEqualTo("unknown-message-type");
                channel.send("{\"type\":\"message\",\"text\":\"" + "x".repeat(20_000) + "\"}");
                assertThat(channel.await("error").path("code").asText()).isEqualTo("frame-too-large");
                channel.send("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
                assertThat(channel.await("error").path("code").asText()).isIn("json-too-large", "malformed-json",
                        "invalid-field-type");
            }
            customer.chat.send("{\"type\":\"message\",\"clientId\":{\"a\":1},\"text\":\"hi\"}");
            assertThat(customer.chat.await("error").path("code").asText()).isEqualTo("invalid-field-type");
            customer.control.send("{\"type\":\"leg-state\",\"channels\":{\"warp\":\"connected\"}}");
            assertThat(customer.control.await("error").path("code").asText()).isEqualTo("invalid-request");

            customer.say("c-1", "still works");
            JsonNode ack = customer.chat.await("ack");
            assertThat(ack.path("seq").asLong()).as("nothing bad was stored").isEqualTo(1);
            assertThat(customer.chat.isClosed()).isFalse();
            assertThat(customer.control.isClosed()).isFalse();
        }
    }

    @Test
    void anAgentsConsoleReceivesInvitationsWithConnectionDetails() {
        JsonPath token = as("bob").post("/api/tokens/endpoint").then().statusCode(200).extract().jsonPath();
        try (WsClient console = WsClient.connect(token.getString("url"), token.getString("token"))) {
            assertThat(console.await("hello").path("endpoint").asText()).isEqualTo("csr:bob");
            String session = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", csr("bob")))
                    .getString("session.id");
            JsonNode invitation = console.await("invitation");
            assertThat(invitation.at("/session/id").asText()).isEqualTo(session);
            String control = invitation.at("/connection/channels/control").asText();
            try (WsClient joined = WsClient.connect(control, invitation.at("/connection/token").asText())) {
                assertThat(joined.await("welcome").path("legId").asText()).isEqualTo(invitation.path("legId").asText());
            }
        }
        assertThat(WsClient.refusal(token.getString("url"), "nonsense")).isNotNull();
    }
}
