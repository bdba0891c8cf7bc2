package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.api.ws.LimitsConfig;
import io.parley.limits.TokenBucket;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.RawWebSocket;
import io.parley.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;

/**
 * A connection that sends faster than its rate ({@code parley.limits.*}) is told {@code rate-limited} and closed
 * with 1008, on every channel and for every kind of frame; what it sent over the limit is dropped, and the leg
 * and the session carry on (a new connection works). A connection closed for its rate leaves its buckets to its
 * leg's next one on that channel: reconnecting does not buy a new burst. A flood is refused as it comes, not
 * behind the storing of its first messages.
 */
@QuarkusTest
class RateLimitTest {

    private static final short POLICY_VIOLATION = 1008;

    @Inject
    LimitsConfig limits;

    @Inject
    Pool pool;

    private Leg customer;

    @BeforeEach
    void customerWithAlice() {
        Parley.reset();
        customer = Leg.customerWith("alice");
        customer.joinedBy("alice");
    }

    /** Sends frames as fast as it can, well past the burst, until the server closes the connection. */
    private static void flood(WsClient client, TokenBucket.Rate rate, IntFunction<Object> frame) {
        for (int i = 0; i < rate.burst() * 2 + 20 && !client.isClosed(); i++) {
            try {
                Object next = frame.apply(i);
                if (next instanceof byte[] bytes) {
                    client.sendBinary(bytes);
                } else if (next instanceof String text) {
                    client.send(text);
                } else {
                    client.send(next);
                }
            } catch (RuntimeException closedUnderUs) {
                return;
            }
        }
    }

    /**
     * Connects as a browser reconnects: refused (a channel closed for its rate is, until its rate gives it a frame
     * again), it tries again after a back-off.
     */
    private static WsClient reconnect(String url, String token) {
        for (int attempt = 1;; attempt++) {
            try {
                return WsClient.connect(url, token);
            } catch (IllegalStateException refused) {
                if (attempt == 5) {
                    throw refused;
                }
                Parley.pause(Duration.ofMillis(1100));
            }
        }
    }

    private void assertLimited(String channel, TokenBucket.Rate rate, IntFunction<Object> frame) {
        try (WsClient client = WsClient.connect(customer.url(channel), customer.token)) {
            client.await("control".equals(channel) ? "welcome" : "ready");
            flood(client, rate, frame);
            assertThat(client.await("error", e -> e.path("code").asText().equals("rate-limited"))).as(channel)
                    .isNotNull();
            assertThat(client.awaitClose()).as(channel).isEqualTo(POLICY_VIOLATION);
        }
        try (WsClient again = reconnect(customer.url(channel), customer.token)) {
            assertThat(again.await("control".equals(channel) ? "welcome" : "ready")).as("a new %s connection", channel)
                    .isNotNull();
        }
    }

    @Test
    void chatMessagesOverTheRateAreRefusedAndTheConnectionClosed() {
        assertLimited("chat", limits.chat(), i -> Map.of("type", "message", "clientId", "r-" + i, "text", "spam"));
        int stored = operator().get("/api/sessions/{id}/transcript", customer.sessionId).then().statusCode(200)
                .extract().jsonPath().getList("$").size();
        assertThat(stored).as("no more than the burst (and what trickled in meanwhile)")
                .isBetween(limits.chat().burst(), limits.chat().burst() + 2);
    }

    @Test
    void aChannelClosedForItsRateIsRefusedAtTheUpgradeUntilItsRateGivesAFrameAgain() {
        try (WsClient client = WsClient.connect(customer.url("chat"), customer.token)) {
            client.await("ready");
            flood(client, limits.chat(), i -> Map.of("type", "message", "clientId", "u-" + i, "text", "spam"));
            assertThat(client.awaitClose()).isEqualTo(POLICY_VIOLATION);
        }
        assertThatThrownBy(() -> RawWebSocket.connect(customer.url("chat"), customer.token).close())
                .as("at once: no connection to be refused at its first frame").hasMessageContaining("429");
        try (WsClient control = WsClient.connect(customer.url("control"), customer.token)) {
            assertThat(control.await("welcome")).as("the leg's other channels are not held").isNotNull();
        }
        try (WsClient again = reconnect(customer.url("chat"), customer.token)) {
            again.await("ready");
            again.send(Map.of("type", "message", "clientId", "after", "text", "slower now"));
            assertThat(again.await("ack")).as("after its back-off, the leg writes again").isNotNull();
        }
    }

    @Test
    void aFlooderThatNeverAnswersTheCloseIsDroppedAfterTheClosingTimeout() {
        try (RawWebSocket raw = RawWebSocket.connect(customer.url("chat"), customer.token)) {
            assertThat(raw.poll("ready")).isNotNull();
            for (int i = 0; i < limits.chat().burst() + 5; i++) {
                raw.text("{\"type\":\"message\",\"clientId\":\"raw-" + i + "\",\"text\":\"spam\"}");
            }
            assertThat(raw.awaitClose()).isEqualTo(POLICY_VIOLATION);
            assertThat(raw.droppedWithin(Duration.ofSeconds(5)))
                    .as("dropped after closing-timeout (1 s), not Vert.x's own 10 s").isTrue();
        }
    }

    private int transcriptSize() {
        return operator().get("/api/sessions/{id}/transcript", customer.sessionId).then().statusCode(200)
                .extract().jsonPath().getList("$").size();
    }

    @Test
    void reconnectingAfterTheLimitDoesNotBuyANewBurst() {
        TokenBucket.Rate rate = limits.chat();
        long started = System.nanoTime();
        for (int round = 0; round < 5; round++) {
            String prefix = "round-" + round + "-";
            try (WsClient client = reconnect(customer.url("chat"), customer.token)) {
                client.await("ready");
                flood(client, rate, i -> Map.of("type", "message", "clientId", prefix + i, "text", "spam"));
                assertThat(client.awaitClose()).as("round %d", round).isEqualTo(POLICY_VIOLATION);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // Each connection starting with a full burst, five rounds would have stored five bursts.
        assertThat(transcriptSize()).as("one burst, and what the rate gave back over %.1f s", seconds)
                .isLessThanOrEqualTo(rate.burst() + (int) Math.ceil(seconds * rate.perSecond()) + 2)
                .isLessThan(5 * rate.burst());
    }

    @Test
    void aFloodBesideAConversationIsLimitedWhileTheConversationCarriesOnWhole() throws Exception {
        TokenBucket.Rate rate = limits.chat();
        try (Leg visitor = Leg.customerWith("bob").connect(); Leg bob = visitor.joinedBy("bob").connect()) {
            AtomicBoolean talking = new AtomicBoolean(true);
            AtomicInteger refusals = new AtomicInteger();
            long started = System.nanoTime();
            CompletableFuture<Void> flooder = CompletableFuture.runAsync(() -> {
                for (int round = 0; talking.get(); round++) {
                    String prefix = "flood-" + round + "-";
                    try (WsClient client = reconnect(customer.url("chat"), customer.token)) {
                        client.await("ready");
                        flood(client, rate, i -> Map.of("type", "message", "clientId", prefix + i, "text", "spam"));
                        client.await("error", e -> e.path("code").asText().equals("rate-limited"));
                        assertThat(client.awaitClose()).as("round %d", round).isEqualTo(POLICY_VIOLATION);
                        refusals.incrementAndGet();
                    }
                }
            });
            // The bystander talks within its rate (2.5 a second) for as long as the flood goes on beside it.
            for (int i = 0; i < 8; i++) {
                String said = "hello-" + i;
                String line = "line " + i;
                visitor.say(said, line);
                assertThat(visitor.chat.await("ack", ack -> ack.path("clientId").asText().equals(said))).isNotNull();
                assertThat(bob.chat.await("message", m -> m.path("text").asText().equals(line))).isNotNull();
                Thread.sleep(400);
            }
            talking.set(false);
            flooder.get(20, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(refusals).as("the flooder was refused on every connection").hasValueGreaterThan(1);
            assertThat(transcriptSize()).as("the flooder got one burst and what the rate gave back over %.1f s",
                    seconds).isLessThanOrEqualTo(rate.burst() + (int) Math.ceil(seconds * rate.perSecond()) + 2);
        }
    }

    @Test
    void aFloodIsRefusedWhileItsFirstMessagesAreStillBeingStored() throws Exception {
        // Another transaction holds the session's row: no chat message of the session can be stored meanwhile.
        SqlConnection holder = await(pool.getConnection());
        Transaction held = await(holder.begin());
        try {
            await(holder.preparedQuery("SELECT id FROM service_session WHERE id = $1 FOR UPDATE")
                    .execute(Tuple.of(UUID.fromString(customer.sessionId))));
            try (WsClient client = WsClient.connect(customer.url("chat"), customer.token)) {
                client.await("ready");
                flood(client, limits.chat(), i -> Map.of("type", "message", "clientId", "held-" + i, "text", "x"));
                assertThat(client.await("error", e -> e.path("code").asText().equals("rate-limited")))
                        .as("refused by its rate, not held behind the store").isNotNull();
                assertThat(client.awaitClose()).isEqualTo(POLICY_VIOLATION);
            }
        } finally {
            await(held.commit());
            await(holder.close());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (transcriptSize() < limits.chat().burst() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(transcriptSize()).as("the burst, stored once the row was free")
                .isBetween(limits.chat().burst(), limits.chat().burst() + 2);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void typingReadReceiptsAndHistoryRequestsHaveRatesOfTheirOwn() {
        assertLimited("chat", limits.typing(), i -> Map.of("type", "typing", "typing", i % 2 == 0));
        assertLimited("chat", limits.read(), i -> Map.of("type", "read", "seq", i));
        assertLimited("chat", limits.history(), i -> Map.of("type", "history", "after", 0));
    }

    @Test
    void pagePushVoiceAndSignalsHaveRates() {
        assertLimited("page-push", limits.pagePush(), i -> Map.of("type", "pointer", "x", 0.5, "y", 0.5));
        assertLimited("voice", limits.voice(), i -> new byte[] {0, 0, 0, (byte) i, 0, 0, 0, 0, 1, 0, 0, 0, 42});
        assertLimited("voice", limits.signals(), i -> Map.of("type", "mute", "muted", i % 2 == 0));
        assertLimited("control", limits.signals(), i -> "{not json " + i);
    }

    @Test
    void anAgentsStandingChannelHasTheSignalsRate() {
        JsonPath endpoint = as("bob").post("/api/tokens/endpoint").then().statusCode(200).extract().jsonPath();
        try (WsClient console = WsClient.connect(endpoint.getString("url"), endpoint.getString("token"))) {
            console.await("hello");
            flood(console, limits.signals(), i -> Map.of("type", "decline-offer", "offerId", "nope-" + i));
            assertThat(console.await("error", e -> e.path("code").asText().equals("rate-limited"))).isNotNull();
            assertThat(console.awaitClose()).isEqualTo(POLICY_VIOLATION);
        }
        assertThat(operator().get("/api/sessions/{id}", customer.sessionId).then().statusCode(200).extract()
                .<String>path("state")).as("the session is untouched").isNotEqualTo("ended");
    }
}
