package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.api.ws.LimitsConfig;
import io.parley.support.Console;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.RawWebSocket;
import io.parley.support.WsClient;
import io.parley.transport.TokenService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What a hostile client cannot do over the sockets: send text that is not UTF-8 (closed with 1007, nothing
 * stored, relayed or acknowledged), keep more than a few connections of one leg on one channel, or of one agent
 * on {@code /ws/endpoint}, open (the oldest goes), get a history reply of unbounded size, or make the upgrade
 * check read a huge or deeply nested token.
 */
@QuarkusTest
class SocketHardeningTest {

    /** The test profile's secret: the test signs tokens the server would accept, but for their shape. */
    private static final byte[] SECRET = "test-secret-test-secret-test-secret-0123456789"
            .getBytes(StandardCharsets.UTF_8);
    private static final int INVALID_PAYLOAD = 1007;
    private static final int POLICY_VIOLATION = 1008;

    @Inject
    LimitsConfig limits;

    private Leg customer;
    private Leg alice;

    @BeforeEach
    void customerWithAlice() {
        Parley.reset();
        customer = Leg.customerWith("alice");
        alice = customer.joinedBy("alice");
    }

    /** {@code before}, the bytes (not UTF-8), {@code after}: one frame. */
    private static byte[] frame(String before, byte[] bytes, String after) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        frame.writeBytes(bytes);
        frame.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return frame.toByteArray();
    }

    private List<Map<String, Object>> transcript() {
        return operator().get("/api/sessions/{id}/transcript", customer.sessionId).then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    private String sessionState() {
        return operator().get("/api/sessions/{id}", customer.sessionId).then().statusCode(200).extract()
                .path("state");
    }

    @Test
    void textThatIsNotUtf8ClosesEveryChannelWith1007AndIsNeitherStoredNorRelayedNorAcknowledged() {
        byte[][] invalid = {{(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xFF}};
        try (Leg watcher = alice.connect(); WsClient alicePages = WsClient.connect(alice.url("page-push"),
                alice.token)) {
            alicePages.await("ready");
            Map<String, String> firstFrame = Map.of("control", "welcome", "chat", "ready", "page-push", "ready",
                    "voice", "ready");
            Map<String, String> hostile = Map.of(
                    "chat", "{\"type\":\"message\",\"clientId\":\"bad-%d\",\"text\":\"hi ",
                    "control", "{\"type\":\"leg-state\",\"channels\":{\"chat\":\"",
                    "page-push", "{\"type\":\"highlight\",\"selector\":\"#a",
                    "voice", "{\"type\":\"codecs\",\"decodes\":[\"opus");
            int n = 0;
            for (String channel : List.of("chat", "control", "page-push", "voice")) {
                for (byte[] bytes : invalid) {
                    try (RawWebSocket raw = RawWebSocket.connect(customer.url(channel), customer.token)) {
                        assertThat(raw.poll(firstFrame.get(channel))).as(channel).isNotNull();
                        raw.text(frame(hostile.get(channel).formatted(n++), bytes, "\"}"));
                        assertThat(raw.awaitClose()).as("%s closes on %s", channel, bytes).isEqualTo(INVALID_PAYLOAD);
                        assertThat(raw.poll("ack")).as("nothing acknowledged").isNull();
                    }
                }
            }
            JsonPath endpoint = as("bob").post("/api/tokens/endpoint").then().statusCode(200).extract().jsonPath();
            try (RawWebSocket raw = RawWebSocket.connect(endpoint.getString("url"), endpoint.getString("token"))) {
                assertThat(raw.poll("hello")).isNotNull();
                raw.text(frame("{\"type\":\"decline-offer\",\"offerId\":\"", invalid[0], "\"}"));
                assertThat(raw.awaitClose()).as("/ws/endpoint").isEqualTo(INVALID_PAYLOAD);
            }

            try (WsClient chat = WsClient.connect(customer.url("chat"), customer.token);
                    WsClient pages = WsClient.connect(customer.url("page-push"), customer.token)) {
                chat.await("ready");
                pages.await("ready");
                chat.send(Map.of("type", "message", "clientId", "good", "text", "valid at last"));
                assertThat(chat.await("ack").path("seq").asLong()).as("nothing was stored before").isEqualTo(1);
                assertThat(watcher.chat.await("message").path("text").asText()).as("nor relayed")
                        .isEqualTo("valid at last");
                pages.send(Map.of("type", "highlight", "selector", "#ok"));
                assertThat(alicePages.await("highlight").path("selector").asText()).isEqualTo("#ok");
            }
            assertThat(transcript()).hasSize(1);
            assertThat(sessionState()).isEqualTo("active");
        }
    }

    @Test
    void upgradesThatKeepComingWithATokenThatOpensNothingAreAnsweredLate() {
        String forged = customer.token.substring(0, customer.token.length() - 4) + "AAAA";
        long slowest = 0;
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> RawWebSocket.connect(customer.url("chat"), forged).close())
                    .hasMessageContaining("401");
            slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
        }
        assertThat(slowest).as("past 3 refusals answered at once, held for the test profile's refusal-delay, 400 ms")
                .isGreaterThanOrEqualTo(350);
        try (RawWebSocket honest = RawWebSocket.connect(customer.url("chat"), customer.token)) {
            assertThat(honest.poll("ready")).as("the right token still opens at once").isNotNull();
        }
    }

    @Test
    void aCharacterSplitAcrossFragmentsIsTextButAnInvalidFragmentClosesWith1007() {
        try (RawWebSocket raw = RawWebSocket.connect(customer.url("chat"), customer.token)) {
            raw.poll("ready");
            byte[] e = "é".getBytes(StandardCharsets.UTF_8);
            raw.frame(RawWebSocket.TEXT, false, frame("{\"type\":\"message\",\"clientId\":\"f-1\",\"text\":\"caf",
                    new byte[] {e[0]}, ""));
            raw.frame(RawWebSocket.CONTINUATION, true, frame("", new byte[] {e[1]}, "\"}"));
            assertThat(raw.poll("ack").path("clientId").asText()).isEqualTo("f-1");
            raw.frame(RawWebSocket.TEXT, false, "{\"type\":\"message\",\"clientId\":\"f-2\",\"text\":\"a"
                    .getBytes(StandardCharsets.UTF_8));
            raw.frame(RawWebSocket.CONTINUATION, true, frame("", new byte[] {(byte) 0xE2, 0x28, (byte) 0xA1}, "\"}"));
            assertThat(raw.awaitClose()).isEqualTo(INVALID_PAYLOAD);
        }
        assertThat(transcript()).extracting(message -> message.get("text")).containsExactly("café");
    }

    @Test
    void aLegKeepsItsNewestConnectionsPerChannelAndTheOldestIsClosedWith1008() {
        int cap = limits.socketsPerLegChannel();
        List<WsClient> chats = new ArrayList<>();
        try {
            for (int i = 0; i <= cap + 1; i++) {
                WsClient chat = WsClient.connect(customer.url("chat"), customer.token);
                chat.await("ready");
                chats.add(chat);
            }
            for (WsClient oldest : chats.subList(0, 2)) {
                assertThat(oldest.await("error").path("code").asText()).isEqualTo("too-many-connections");
                assertThat(oldest.awaitClose()).isEqualTo((short) POLICY_VIOLATION);
            }
            WsClient newest = chats.getLast();
            newest.send(Map.of("type", "message", "clientId", "n-1", "text", "the reloaded page speaks"));
            assertThat(newest.await("ack").path("seq").asLong()).isEqualTo(1);
            assertThat(chats.subList(2, chats.size())).as("the newest %d stay", cap).noneMatch(WsClient::isClosed);
        } finally {
            chats.forEach(WsClient::close);
        }
        assertThat(sessionState()).as("the session carries on").isNotEqualTo("ended");
    }

    @Test
    void anAgentKeepsItsNewestConsolesAndTheOldestIsClosedWith1008() {
        int cap = limits.endpointSocketsPerAgent();
        List<Console> consoles = new ArrayList<>();
        try {
            for (int i = 0; i <= cap; i++) {
                consoles.add(Console.open("bob"));
            }
            Console oldest = consoles.getFirst();
            assertThat(oldest.endpoint.await("error").path("code").asText()).isEqualTo("too-many-connections");
            assertThat(oldest.endpoint.awaitClose()).isEqualTo((short) POLICY_VIOLATION);
            as("bob").body(Map.of("presence", "away")).put("/api/agents/bob/presence").then().statusCode(200);
            for (Console newer : consoles.subList(1, consoles.size())) {
                assertThat(newer.state("away")).as("the newest %d still hear the agent's news", cap).isNotNull();
                assertThat(newer.endpoint.isClosed()).isFalse();
            }
        } finally {
            consoles.forEach(Console::close);
        }
    }

    @Test
    void aLongHistoryComesInRepliesOfBoundedSizeThatSayThereIsMore() {
        int perConnection = limits.chat().burst();
        String text = "x".repeat(4000);
        int total = (int) (limits.historyBytes().asLongValue() / text.length()) + 5;
        for (int sent = 0; sent < total;) {
            // A connection sends no more than its burst: the rate is not what this test is about.
            try (WsClient chat = WsClient.connect(customer.url("chat"), customer.token)) {
                chat.await("ready");
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < perConnection && sent < total; i++, sent++) {
                    ids.add("h-" + sent);
                    chat.send(Map.of("type", "message", "clientId", ids.getLast(), "text", text));
                }
                ids.forEach(id -> chat.await("ack", ack -> ack.path("clientId").asText().equals(id)));
            }
        }
        List<Long> replayed = new ArrayList<>();
        try (WsClient chat = WsClient.connect(customer.url("chat"), customer.token)) {
            chat.await("ready");
            boolean more = true;
            int replies = 0;
            while (more) {
                chat.send(Map.of("type", "history", "after", replayed.isEmpty() ? 0 : replayed.getLast()));
                JsonNode history = chat.await("history");
                assertThat(history.toString().getBytes(StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo((int) limits.historyBytes().asLongValue() + 1024);
                history.path("messages").forEach(message -> replayed.add(message.path("seq").asLong()));
                more = history.path("more").asBoolean();
                replies++;
            }
            assertThat(replies).isGreaterThan(1);
        }
        assertThat(replayed).hasSize(total).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void anOversizedOrDeeplyNestedTokenIsRefusedAtTheUpgrade() throws Exception {
        String deep = "{\"typ\":\"leg\",\"sid\":\"" + customer.sessionId + "\",\"lid\":\"" + customer.legId
                + "\",\"sub\":\"customer:x\",\"ch\":[\"chat\"],\"exp\":9999999999,\"x\":"
                + "[".repeat(TokenService.MAX_DEPTH + 1) + "]".repeat(TokenService.MAX_DEPTH + 1) + "}";
        for (String token : List.of(signed(deep), customer.token + "A".repeat(TokenService.MAX_TOKEN_LENGTH))) {
            assertThat(WsClient.refusal(customer.url("chat"), token)).isNotNull().hasMessageContaining("401");
        }
        try (WsClient chat = WsClient.connect(customer.url("chat"), customer.token)) {
            assertThat(chat.await("ready")).isNotNull();
        }
    }

    private static String signed(String claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
