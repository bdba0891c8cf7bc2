package io.parley.system.cluster;

import static io.parley.support.Parley.csr;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.support.Console;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * This replica and another one, played by the test on the database they share: what happens here is
 * announced on the cluster channel, what the other replica announces reaches the connections held here,
 * and a leg whose control channel the other replica holds is not failed. (ClusterIT runs two real
 * replicas.)
 */
@QuarkusTest
class ClusterNoticesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    @Test
    void whatHappensOnThisReplicaIsAnnouncedToTheOthers() throws Exception {
        try (OtherReplica other = new OtherReplica()) {
            Parley.presence("bob", "away");
            assertThat(other.hear("agent-state", m -> m.path("agentId").asText().equals("bob")).path("to").asText())
                    .isEqualTo("AWAY");

            try (Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing",
                    "with", csr("alice")))).connect()) {
                customer.say("c-1", "Hello from this replica");
                customer.chat.await("ack");
                JsonNode chat = other.hear("chat", m -> m.path("session").asText().equals(customer.sessionId));
                assertThat(chat.path("seq").asLong()).isEqualTo(1);
                assertThat(chat.at("/message/text").asText()).as("carried: the other replica need not read it")
                        .isEqualTo("Hello from this replica");
                assertThat(chat.at("/message/senderLegId").asText()).isEqualTo(customer.legId);
                other.hear("changed", m -> m.path("session").asText().equals(customer.sessionId));

                // 4,000 characters of two bytes each do not fit a notification: the message is named, not carried.
                customer.say("c-2", "é".repeat(4000));
                customer.chat.await("ack", a -> a.path("clientId").asText().equals("c-2"));
                JsonNode named = other.hear("chat", m -> m.path("seq").asLong() == 2);
                assertThat(named.path("message").isNull() || named.path("message").isMissingNode()).isTrue();
            }
        }
    }

    @Test
    void whatTheOtherReplicaAnnouncesReachesTheConnectionsHere() throws Exception {
        try (OtherReplica other = new OtherReplica(); Console alice = Console.open("alice")) {
            other.say(Map.of("t", "agent-state", "agentId", "alice", "from", "AVAILABLE", "to", "AWAY",
                    "reason", "set through the other replica", "at", "2026-11-25T10:00:00Z"));
            assertThat(alice.endpoint.await("agent-state", f -> f.path("reason").asText().contains("other replica"))
                    .path("state").asText()).isEqualTo("away");

            Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing",
                    "with", csr("alice")))).connect();
            try (customer; WsClient pages = WsClient.connect(customer.url("page-push"), customer.token);
                    WsClient voice = WsClient.connect(customer.url("voice"), customer.token)) {
                pages.await("ready");
                voice.await("ready");
                // Alice's leg (she accepted the offer) is connected to the other replica: what it sends comes here.
                String elsewhere = Parley.operator().get("/api/sessions/{id}", customer.sessionId).then()
                        .extract().jsonPath().getString("legs.find { it.endpoint.id == 'alice' }.id");
                String navigate = "{\"type\":\"navigate\",\"legId\":\"" + elsewhere + "\",\"url\":\"/demo/cart.html\"}";
                other.say(Map.of("t", "relay", "session", customer.sessionId, "legId", elsewhere,
                        "channel", "PAGE_PUSH", "text", navigate));
                assertThat(pages.await("navigate").path("url").asText()).isEqualTo("/demo/cart.html");

                byte[] frame = {0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 20, 1, 2, 3};
                other.say(Map.of("t", "audio", "session", customer.sessionId, "legId", elsewhere,
                        "frame", frame));
                assertThat(voice.awaitBinary()).isEqualTo(frame);
                // A leg this replica does not know (a supervisor who just joined there) reaches staff only.
                byte[] unknown = {0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 20, 9, 9, 9};
                other.say(
                        Map.of("t", "audio", "session", customer.sessionId, "legId", "leg-unknown", "frame", unknown));
                byte[] next = {0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 20, 4, 5, 6};
                other.say(Map.of("t", "audio", "session", customer.sessionId, "legId", elsewhere, "frame", next));
                assertThat(voice.awaitBinary()).as("the unknown leg's frame never reached the customer")
                        .isEqualTo(next);

                other.say(Map.of("t", "relay", "session", customer.sessionId, "legId", customer.legId,
                        "channel", "PAGE_PUSH", "text", navigate.replace("cart", "index")));
                other.say(Map.of("t", "relay", "session", customer.sessionId, "legId", elsewhere,
                        "channel", "PAGE_PUSH", "text", navigate.replace("cart", "espresso")));
                assertThat(pages.await("navigate").path("url").asText()).as("a leg's own traffic is not echoed")
                        .isEqualTo("/demo/espresso.html");

                // The leg on the other replica leads here too; when it gives the lead up, a leg here may take it.
                pages.send(Map.of("type", "scroll", "x", 0, "y", 0.5));
                assertThat(pages.await("error").path("code").asText()).isEqualTo("not-leader");
                other.say(Map.of("t", "relay", "session", customer.sessionId, "legId", elsewhere,
                        "channel", "PAGE_PUSH", "text", "{\"type\":\"leader\",\"legId\":null}"));
                assertThat(pages.await("leader").path("legId").isNull()).as("nobody leads").isTrue();
                pages.send(Map.of("type", "scroll", "x", 0, "y", 0.5));
                assertThat(pages.await("leader").path("legId").asText()).isEqualTo(customer.legId);
                // The old leader's pointer, already on its way: it does not take the lead back.
                other.say(Map.of("t", "relay", "session", customer.sessionId, "legId", elsewhere,
                        "channel", "PAGE_PUSH", "text", "{\"type\":\"pointer\",\"legId\":\"" + elsewhere + "\","
                                + "\"x\":0.1,\"y\":0.1}"));
                pages.await("pointer");
                pages.send(Map.of("type", "scroll", "x", 5, "y", 0.5));
                assertThat(pages.await("error").path("code").asText()).as("still leading: the scroll is checked")
                        .isEqualTo("invalid-request");

                String cart = customer.shopPage("cart.html");
                pages.send(Map.of("type", "navigate", "url", cart));
                pages.send(Map.of("type", "scroll", "x", 0, "y", 0.5));
                pages.awaitHandled();

                // The other replica asks who leads (a page opened there): this one holds the leader, and says so,
                // with the page it is on and where it scrolled to there.
                other.say(Map.of("t", "who-leads", "session", customer.sessionId));
                JsonNode told = other.hear("relay", m -> m.path("text").asText().contains("\"leader\""));
                assertThat(told.path("legId").asText()).isEqualTo(customer.legId);
                JsonNode page = other.hear("relay", m -> m.path("text").asText().contains("\"catchUp\":true"));
                assertThat(page.path("text").asText()).contains(cart);
                JsonNode scrolled = other.hear("relay", m -> m.path("text").asText().contains("\"scroll\""));
                assertThat(scrolled.path("text").asText()).contains("\"y\":0.5");
            }
        }
    }

    @Test
    void aPageThatOpensHereAsksWhoLeadsWhenTheLeaderIsOnTheOtherReplica() throws Exception {
        try (OtherReplica other = new OtherReplica()) {
            Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing",
                    "with", csr("alice")))).connect();
            Leg alice = new Leg(Parley.as("alice").body("{}").post("/api/sessions/{id}/legs", customer.sessionId)
                    .then().statusCode(200).extract().jsonPath());
            try (customer; alice) {
                // Alice's page push is connected to the other replica: her leg says so here, on its control channel.
                alice.connect();
                alice.control.send(Map.of("type", "leg-state", "channels", Map.of("control", "connected", "chat",
                        "connected", "page-push", "connected")));
                customer.control.await("roster", r -> r.toString().contains("\"page-push\":\"connected\""));
                try (WsClient pages = WsClient.connect(customer.url("page-push"), customer.token)) {
                    pages.await("ready");
                    other.hear("who-leads", m -> m.path("session").asText().equals(customer.sessionId));
                    other.say(Map.of("t", "relay", "session", customer.sessionId, "legId", alice.legId,
                            "channel", "PAGE_PUSH", "text", "{\"type\":\"leader\",\"legId\":\"" + alice.legId
                                    + "\"}"));
                    assertThat(pages.await("leader").path("legId").asText()).isEqualTo(alice.legId);
                    pages.send(Map.of("type", "scroll", "x", 0, "y", 0.5));
                    assertThat(pages.await("error").path("code").asText()).as("alice leads, here too")
                            .isEqualTo("not-leader");
                }
            }
        }
    }

    @Test
    void aHandoverCalledOffOnTheOtherReplicaIsToldToTheAgentsHereButNotToTheCustomer() throws Exception {
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", csr("alice")));
        try (OtherReplica other = new OtherReplica(); Leg customer = new Leg(started).connect();
                Leg alice = new Leg(Parley.as("alice").body("{}").post("/api/sessions/{id}/legs", customer.sessionId)
                        .then().statusCode(200).extract().jsonPath()).connect()) {
            other.say(Map.of("t", "changed", "session", customer.sessionId, "progress", List.of(Map.of(
                    "type", "handover-ended", "fromLegId", alice.legId, "reason", "called off by csr:alice",
                    "purpose", "transfer", "subject", "billing", "outcome", "called-off"))));
            JsonNode handover = alice.control.await("handover");
            assertThat(handover.path("subject").asText()).isEqualTo("billing");
            assertThat(handover.path("outcome").asText()).isEqualTo("called-off");
            assertThat(handover.path("reason").asText()).isEqualTo("called off by Alice Martin");
            // Alice has it, so the customer's frames of that change were sent too; a later change marks their end.
            other.say(Map.of("t", "changed", "session", customer.sessionId, "progress", List.of(Map.of(
                    "type", "transfer-failed", "fromLegId", alice.legId, "toLegId", "leg-elsewhere", "reason", "x",
                    "outcome", "called-off"))));
            assertThat(customer.control.await("transfer").path("failure").asText()).isEqualTo("called-off");
            assertThat(customer.control.unclaimed()).as("customers are not told of handovers")
                    .noneMatch(frame -> frame.path("type").asText().equals("handover"));
        }
    }

    private static String consoleToken(String agent) {
        return Parley.as(agent).post("/api/tokens/console").then().statusCode(200).extract().path("token");
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    @Test
    void aRevocationHereIsAnnouncedAndOneTheOtherReplicaAnnouncesClosesTheConsolesHereAndIsRefusedHere()
            throws Exception {
        try (OtherReplica other = new OtherReplica()) {
            String alices = consoleToken("alice");
            String jti = claims(alices).path("jti").asText();
            bearer(alices).delete("/api/tokens/console").then().statusCode(204);
            JsonNode told = other.hear("revoked", m -> m.at("/revocation/id").asText().equals(jti));
            assertThat(told.at("/revocation/type").asText()).isEqualTo("token");
            assertThat(told.path("reason").asText()).contains("signed out");

            // An operator signed carol out on the other replica: her console here closes, her token is refused here.
            String carols = consoleToken("carol");
            try (Console carol = Console.open("carol")) {
                Map<String, Object> endpoint = Map.of("kind", told.at("/revocation/endpoint/kind").asText(), "id",
                        "carol");
                other.say(Map.of("t", "revoked", "revocation", Map.of("type", "issued-before", "endpoint", endpoint,
                        "moment", Instant.now().toString()), "reason", "signed out by operator op elsewhere"));
                assertThat(carol.endpoint.awaitClose()).isEqualTo((short) 4403);
            }
            bearer(carols).get("/api/agents/carol").then().statusCode(401).body("code", equalTo("token-revoked"));
            // Not passed on again: only what is revoked here is announced from here (what this replica announces
            // next comes after anything it would have passed on).
            Parley.presence("bob", "away");
            other.hear("agent-state", m -> m.path("agentId").asText().equals("bob"));
            assertThat(other.heardFromHere("revoked")).noneMatch(m -> m.at("/revocation/endpoint/id").asText()
                    .equals("carol"));
        }
    }

    @Test
    void whatWasRevokedOrAddedBackWhileTheChannelWasDownIsKnownOnceItIsBack() throws Exception {
        try (OtherReplica other = new OtherReplica(); Console carol = Console.open("carol")) {
            String carols = consoleToken("carol");
            Parley.operator().body(Map.of("name", "Dora Lind", "skills", Map.of("sales", 6), "maxSessions", 2))
                    .put("/api/agents/dora").then().statusCode(200);
            Parley.operator().delete("/api/agents/dora").then().statusCode(200);
            // The other replica signed carol out and added dora back while the channel was down: stored, not heard.
            OtherReplica.await(pool.preparedQuery("insert into token_revocation (endpoint, not_before, expires_at,"
                    + " reason, created_at) values ('csr:carol', now(), now() + interval '9 hours',"
                    + " 'signed out by operator op elsewhere', now())").execute());
            OtherReplica.await(pool.preparedQuery("update agent set removed_at = null where id = 'dora'").execute());
            bearer(carols).get("/api/agents/carol").then().statusCode(200);
            Parley.as("dora").post("/api/tokens/console").then().statusCode(401);

            other.say(Map.of("t", "catch-up"));
            assertThat(carol.endpoint.awaitClose()).isEqualTo((short) 4403);
            bearer(carols).get("/api/agents/carol").then().statusCode(401).body("code", equalTo("token-revoked"));
            Parley.as("dora").post("/api/tokens/console").then().statusCode(200);
        }
    }

    @Test
    void aLegWhoseControlChannelTheOtherReplicaHoldsIsNotFailed() throws Exception {
        try (OtherReplica other = new OtherReplica()) {
            Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing",
                    "with", csr("alice")))).connect();
            try (customer) {
                customer.control.await("roster", r -> r.toString().contains("\"connected\""));
                customer.control.close();
                // After the reconnect grace (2 s in tests) this replica asks; the other one holds the channel.
                JsonNode question = other.hear("who-has-control",
                        m -> m.path("legId").asText().equals(customer.legId));
                other.say(Map.of("t", "has-control", "question", question.path("question").asText()));
                Thread.sleep(1500);
                assertThat(Parley.operator().get("/api/sessions/{id}", customer.sessionId).then().statusCode(200)
                        .extract().jsonPath().getString("legs.find { it.id == '" + customer.legId + "' }.state"))
                        .isEqualTo("connected");
            }
        }
    }

    @Test
    void whenTheChannelToTheOtherReplicasIsBackWhatTheConnectionsHereMissedIsSent() throws Exception {
        try (OtherReplica other = new OtherReplica()) {
            Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing",
                    "with", csr("alice")))).connect();
            try (customer; Console alice = Console.open("alice")) {
                // The channel's connection is cut (a database failover, a proxy timing out).
                int cut = other.cutTheChannelOfThisReplica();
                assertThat(cut).as("this replica's channel connection").isEqualTo(1);
                // Meanwhile the other replica stored a message from a leg connected to it.
                other.storeChat(customer.sessionId, 1, "written on the other replica");
                assertThat(customer.chat.await("message").path("text").asText())
                        .isEqualTo("written on the other replica");

                // The other replica was the one cut off: it says so when it is back, and this one catches up.
                other.storeChat(customer.sessionId, 2, "announced while it was cut off");
                other.say(Map.of("t", "catch-up"));
                JsonNode missed = customer.chat.await("message", m -> m.path("seq").asLong() == 2);
                assertThat(missed.path("text").asText()).isEqualTo("announced while it was cut off");
                // And the console here gets the offers it may have missed: none are open, so nothing else.
                assertThat(alice.endpoint.unclaimed()).noneMatch(frame -> frame.path("type").asText().equals("offer"));
            }
        }
    }

    /** The other replica: its own connection to the database, listening to the cluster channel and speaking on it. */
    private final class OtherReplica implements AutoCloseable {

        private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        /** What this replica announced and the test has read, in order. */
        private final List<JsonNode> history = new ArrayList<>();
        private final PgConnection connection;

        OtherReplica() throws Exception {
            connection = PgConnection.cast(await(pool.getConnection()));
            // A notification carries a batch: the sender's id, a space, then one message a line.
            connection.notificationHandler(notification -> {
                String payload = notification.getPayload();
                String sender = payload.substring(0, payload.indexOf(' ') + 1);
                for (String line : payload.substring(sender.length()).split("\n")) {
                    heard.add(sender + line);
                }
            });
            await(connection.query("LISTEN " + PostgresChannel.CHANNEL).execute());
        }

        /** Stores a chat message from bob, as the other replica does for a leg connected to it. */
        void storeChat(String sessionId, long seq, String text) throws Exception {
            await(connection.preparedQuery("INSERT INTO chat_message (session_id, seq, client_id, sender_kind,"
                    + " sender_id, sender_leg, sender_name, body, sent_at) VALUES ($1::uuid, $2, $3, 'csr', 'bob',"
                    + " gen_random_uuid(), 'Bob Okafor', $4, now())")
                    .execute(Tuple.of(sessionId, seq, "x-" + seq, text)));
        }

        /** Ends the database connection this replica listens on; answers how many were ended. */
        int cutTheChannelOfThisReplica() throws Exception {
            var rows = await(connection.preparedQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE pid <> pg_backend_pid() AND (query LIKE 'LISTEN%' OR query LIKE 'SELECT pg_notify%')")
                    .execute());
            return rows.rowCount();
        }

        void say(Map<String, Object> message) throws Exception {
            await(connection.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(PostgresChannel.CHANNEL,
                    "other-replica " + JSON.writeValueAsString(message))));
        }

        /** Everything of {@code type} this replica has announced so far, heard by {@link #hear} or not. */
        List<JsonNode> heardFromHere(String type) throws Exception {
            for (String payload = heard.poll(); payload != null; payload = heard.poll()) {
                if (!payload.startsWith("other-replica ")) {
                    history.add(JSON.readTree(payload.substring(payload.indexOf(' ') + 1)));
                }
            }
            return history.stream().filter(message -> message.path("t").asText().equals(type)).toList();
        }

        /** The next message of {@code type} from this replica that matches, within ten seconds. */
        JsonNode hear(String type, Predicate<JsonNode> matching) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                String payload = heard.poll(100, TimeUnit.MILLISECONDS);
                if (payload == null || payload.startsWith("other-replica ")) {
                    continue;
                }
                JsonNode message = JSON.readTree(payload.substring(payload.indexOf(' ') + 1));
                history.add(message);
                if (message.path("t").asText().equals(type) && matching.test(message)) {
                    return message;
                }
            }
            throw new AssertionError("this replica announced no matching " + type + " within ten seconds");
        }

        @Override
        public void close() throws Exception {
            await(connection.close());
        }

        private static <T> T await(Future<T> future) throws Exception {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
