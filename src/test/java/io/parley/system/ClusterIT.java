package io.parley.system;

import static io.parley.support.Parley.csr;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.EmbeddedDatabase;
import io.parley.support.Console;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.ParleyProcess;
import io.parley.support.SseClient;
import io.parley.support.WsClient;
import io.parley.system.stream.StreamItem;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Two replicas of the packaged service sharing one PostgreSQL, as a Kubernetes Deployment with several
 * replicas runs them, deliver everything live whichever replica each client is connected to: an offer
 * and the invitation to an agent whose console is on the other replica than the customer, chat (in order,
 * acknowledged to the sender, typing) and the roster between them, voice frames byte for byte both ways,
 * a transfer to an agent on the other replica (the first agent told it completed and her leg closed),
 * an agent's state changed through one replica pushed to its console on the other, and a console's sign-out
 * and an agent's removal through one replica refused, and its console closed, on the other.
 *
 * <p>
 * Node A and node B are separate processes on their own ports (logs in {@code target/cluster-a.log} and
 * {@code target/cluster-b.log}). Connection details carry the host the request reached; a client is
 * connected to the replica a test names (as a load balancer would choose one), see {@link Leg#at(String)}.
 */
class ClusterIT {

    private static final Map<String, String> SETTINGS = Map.of("parley.routing.tick", "200ms",
            // No after-session time between the tests' sessions, and no drain wait when the nodes stop.
            "parley.services.sales.routing.wrap-up", "0s", "quarkus.shutdown.delay", "0s",
            // Both replicas' own logs at DEBUG (bus messages included) in target/cluster-*.log, kept by the workflow.
            "quarkus.log.category.\"io.parley\".level", "DEBUG");

    private static EmbeddedDatabase database;
    static ParleyProcess nodeA;
    static ParleyProcess nodeB;

    @BeforeAll
    static void twoReplicasOnOneDatabase() throws IOException {
        startReplicas("cluster", Map.of());
    }

    /**
     * Starts the database and the two replicas with these settings besides the shared ones, their logs and the
     * database in {@code target/<name>-*}.
     */
    static void startReplicas(String name, Map<String, String> settings) throws IOException {
        Path logA = Path.of("target", name + "-a.log");
        Path logB = Path.of("target", name + "-b.log");
        Files.deleteIfExists(logA);
        Files.deleteIfExists(logB);
        Map<String, String> all = new HashMap<>(SETTINGS);
        all.putAll(settings);
        database = EmbeddedDatabase.start(Path.of("target", name + "-postgres"), true);
        // One after the other, as a rolling start does: the first migrates the schema and seeds the demo agents.
        nodeA = ParleyProcess.start(database.datasourceProperties(), all, logA);
        nodeB = ParleyProcess.start(database.datasourceProperties(), all, logB);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        stopReplicas();
    }

    static void stopReplicas() throws InterruptedException {
        try {
            for (ParleyProcess node : new ParleyProcess[] {nodeA, nodeB}) {
                if (node != null) {
                    node.terminate();
                }
            }
            for (ParleyProcess node : new ParleyProcess[] {nodeA, nodeB}) {
                if (node != null) {
                    node.close();
                }
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    /** No open session; only alice available. */
    @BeforeEach
    void onlyAliceAvailable() {
        for (String state : List.of("active", "waiting")) {
            List<String> open = as(nodeA, "operator").queryParam("state", state).get("/api/sessions").then()
                    .statusCode(200).extract().jsonPath().getList("id", String.class);
            open.forEach(id -> as(nodeA, "operator").body("{}").post("/api/sessions/{id}/end", id));
        }
        presence(nodeA, "operator", "alice", "available");
        presence(nodeA, "operator", "bob", "away");
        presence(nodeA, "operator", "carol", "away");
    }

    @Test
    void anOfferAndTheChatReachAnAgentWhoseConsoleIsOnTheOtherReplica() {
        try (Console alice = Console.open(nodeB.url(), "alice")) {
            alice.state("available");
            JsonPath started = Parley.anonymous().baseUri(nodeA.url())
                    .body(Map.of("service", "sales", "subject", "pricing")).post("/api/sessions").then()
                    .statusCode(201).extract().jsonPath();
            try (Leg customer = new Leg(started)) {
                assertThat(customer.url("control")).as("answered by A").startsWith(ws(nodeA));
                customer.connect();

                JsonNode offer = alice.offer(customer.sessionId);
                assertThat(offer.path("purpose").asText()).isEqualTo("serve");
                assertThat(offer.path("subject").asText()).isEqualTo("pricing");
                as(nodeB, "alice").body("{}").post("/api/offers/{id}/accept", offer.path("offerId").asText()).then()
                        .statusCode(200);
                assertThat(alice.endpoint.await("offer-closed", c -> c.path("sessionId").asText()
                        .equals(customer.sessionId)).path("outcome").asText()).isEqualTo("accepted");
                Leg invited = alice.invitation(customer.sessionId);
                assertThat(invited.url("control")).as("accepted on B").startsWith(ws(nodeB));

                try (Leg aliceLeg = invited.connect()) {
                    JsonNode roster = customer.control.await("roster",
                            r -> "connected".equals(leg(r, aliceLeg.legId).path("state").asText()));
                    assertThat(leg(roster, aliceLeg.legId).at("/endpoint/id").asText()).isEqualTo("alice");
                    assertThat(roster.at("/session/state").asText()).isEqualTo("active");

                    customer.say("c-1", "How much is the Pro plan?");
                    customer.say("c-2", "Per month, I mean.");
                    assertThat(customer.chat.await("ack", a -> a.path("clientId").asText().equals("c-1"))
                            .path("seq").asLong()).isEqualTo(1);
                    assertThat(customer.chat.await("ack", a -> a.path("clientId").asText().equals("c-2"))
                            .path("seq").asLong()).isEqualTo(2);
                    JsonNode first = aliceLeg.chat.await("message", m -> fromLeg(m, customer.legId));
                    JsonNode second = aliceLeg.chat.await("message", m -> fromLeg(m, customer.legId));
                    assertThat(List.of(first.path("seq").asLong(), second.path("seq").asLong()))
                            .containsExactly(1L, 2L);
                    assertThat(List.of(first.path("text").asText(), second.path("text").asText()))
                            .containsExactly("How much is the Pro plan?", "Per month, I mean.");

                    aliceLeg.chat.send(Map.of("type", "typing", "typing", true));
                    JsonNode typing = customer.chat.await("typing", t -> fromLeg(t, aliceLeg.legId));
                    assertThat(typing.path("typing").asBoolean()).isTrue();

                    aliceLeg.say("a-1", "20 euros a month.");
                    assertThat(aliceLeg.chat.await("ack", a -> a.path("clientId").asText().equals("a-1"))
                            .path("seq").asLong()).isEqualTo(3);
                    JsonNode reply = customer.chat.await("message", m -> fromLeg(m, aliceLeg.legId));
                    assertThat(reply.path("seq").asLong()).isEqualTo(3);
                    assertThat(reply.path("text").asText()).isEqualTo("20 euros a month.");
                    assertThat(reply.path("role").asText()).isEqualTo("csr");

                    assertThat(aliceLeg.chat.unclaimed()).as("acknowledgements go to their sender only")
                            .noneMatch(frame -> frame.path("type").asText().equals("ack"));
                    assertThat(customer.chat.unclaimed()).noneMatch(frame -> frame.path("type").asText().equals("ack"));
                }
            }
        }
    }

    @Test
    void voiceFramesCrossBetweenReplicasByteForByteBothWays() {
        Leg[] legs = customerOnAWithAliceOnB();
        try (Leg customer = legs[0]; Leg alice = legs[1];
                WsClient customerVoice = WsClient.connect(customer.url("voice"), customer.token);
                WsClient aliceVoice = WsClient.connect(alice.url("voice"), alice.token)) {
            assertThat(customerVoice.await("ready").path("channel").asText()).isEqualTo("voice");
            assertThat(aliceVoice.await("ready").path("channel").asText()).isEqualTo("voice");
            // As browsers do, each leg says its voice channel is connected; each replica learns from the
            // other's roster that the other leg's voice is elsewhere. The two reports change the session at once
            // on two replicas: a side may get one roster with both voices or two, never an older one after a newer.
            Map<String, String> connected = Map.of("control", "connected", "chat", "connected", "voice", "connected");
            customer.control.send(Map.of("type", "leg-state", "channels", connected));
            alice.control.send(Map.of("type", "leg-state", "channels", connected));
            long[] newest = new long[legs.length];
            try {
                for (int side = 0; side < legs.length; side++) {
                    JsonNode roster;
                    do {
                        roster = legs[side].control.await("roster");
                        assertThat(version(roster)).as("rosters in version order").isGreaterThanOrEqualTo(newest[side]);
                        newest[side] = version(roster);
                    } while (!voiceConnected(roster, legs));
                }
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; alice's control had: " + alice.control.unclaimed()
                        + "; the customer's: " + customer.control.unclaimed(), e);
            }

            byte[] fromCustomer = opusFrame(1, 960, (byte) 7);
            customerVoice.sendBinary(fromCustomer);
            assertThat(aliceVoice.awaitBinary()).as("the customer's frame (A) at alice (B)")
                    .isEqualTo(relayed(customer.legId, fromCustomer));

            byte[] fromAlice = opusFrame(1, 960, (byte) 9);
            aliceVoice.sendBinary(fromAlice);
            assertThat(customerVoice.awaitBinary()).as("alice's frame (B) at the customer (A)")
                    .isEqualTo(relayed(alice.legId, fromAlice));
            for (int side = 0; side < legs.length; side++) {
                long last = newest[side];
                assertThat(legs[side].control.unclaimed()).as("no older roster after the one with both voices")
                        .filteredOn(frame -> frame.path("type").asText().equals("roster"))
                        .allMatch(roster -> version(roster) >= last);
            }
        }
    }

    private static long version(JsonNode roster) {
        return roster.at("/session/version").asLong();
    }

    private static boolean voiceConnected(JsonNode roster, Leg... legs) {
        return Arrays.stream(legs).allMatch(leg -> "connected".equals(leg(roster, leg.legId)
                .at("/channels/voice").asText()));
    }

    @Test
    void aTransferToAnAgentOnTheOtherReplicaCompletesAndTheCustomerTalksToHim() {
        Leg[] legs = customerOnAWithAliceOnB();
        try (Leg customer = legs[0]; Leg alice = legs[1]; Console bob = Console.open(nodeA.url(), "bob")) {
            bob.state("away");
            presence(nodeA, "bob", "bob", "available");
            bob.state("available");

            as(nodeB, "alice").body(Map.of("to", csr("bob"), "mode", "cold", "note", "asks about delivery"))
                    .post("/api/sessions/{id}/transfer", customer.sessionId).then().statusCode(202);
            JsonNode offer = bob.offer(customer.sessionId);
            assertThat(offer.path("note").asText()).as("the note crosses replicas").isEqualTo("asks about delivery");
            bob.accept(offer);
            alice.control.await("transfer", t -> t.path("state").asText().equals("started"));

            Leg invited = bob.invitation(customer.sessionId);
            String bobsLeg = invited.legId;
            try (Leg bobLeg = invited.at(nodeA.url()).connect()) {
                JsonNode completed = alice.control.await("transfer",
                        t -> t.path("state").asText().equals("completed"));
                assertThat(completed.path("fromLegId").asText()).isEqualTo(alice.legId);
                assertThat(completed.path("toLegId").asText()).isEqualTo(bobsLeg);
                alice.control.await("roster", r -> "left".equals(leg(r, alice.legId).path("state").asText()));
                assertThat(alice.control.awaitClose()).as("her leg has left: its channels are closed")
                        .isEqualTo((short) 4001);

                customer.control.await("roster", r -> "left".equals(leg(r, alice.legId).path("state").asText())
                        && "connected".equals(leg(r, bobsLeg).path("state").asText()));
                customer.say("c-1", "Hello Bob");
                assertThat(bobLeg.chat.await("message", m -> fromLeg(m, customer.legId)).path("text").asText())
                        .isEqualTo("Hello Bob");
                bobLeg.say("b-1", "Hi, Bob here, I take over.");
                assertThat(customer.chat.await("message", m -> fromLeg(m, bobsLeg)).path("text").asText())
                        .isEqualTo("Hi, Bob here, I take over.");
            }
        }
    }

    @Test
    void aPresenceChangeMadeThroughOneReplicaReachesTheConsoleOnTheOther() {
        try (Console alice = Console.open(nodeB.url(), "alice")) {
            alice.state("available");
            presence(nodeB, "alice", "alice", "away");
            assertThat(alice.state("away").path("state").asText()).as("through the console's own replica")
                    .isEqualTo("away");

            presence(nodeA, "alice", "alice", "available");
            assertThat(as(nodeB, "alice").get("/api/agents/alice").then().statusCode(200).extract().jsonPath()
                    .getString("state")).as("stored: B answers it").isEqualTo("available");
            assertThat(alice.state("available").path("state").asText()).as("changed through A, console on B")
                    .isEqualTo("available");
        }
    }

    @Test
    void aConsoleSignedOutAndAnAgentRemovedThroughOneReplicaAreRefusedAndClosedOnTheOther() {
        String token = as(nodeA, "bob").post("/api/tokens/console").then().statusCode(200).extract().path("token");
        given().baseUri(nodeB.url()).auth().oauth2(token).get("/api/agents/bob").then().statusCode(200);
        given().baseUri(nodeA.url()).auth().oauth2(token).delete("/api/tokens/console").then().statusCode(204);
        assertThat(statusOnceTold(() -> given().baseUri(nodeB.url()).auth().oauth2(token).get("/api/agents/bob")
                .statusCode())).as("refused on B, which heard it over the cluster channel").isEqualTo(401);

        // Sam (the demo's supervisor, whom the other tests leave alone) is removed through A, console on B.
        Map<String, Object> sam = Map.of("name", "Sam Rivera", "skills", Map.of(), "maxSessions", 3);
        try (Console console = Console.open(nodeB.url(), "sam")) {
            as(nodeA, "operator").delete("/api/agents/{id}", "sam").then().statusCode(200);
            assertThat(console.endpoint.awaitClose()).isEqualTo((short) 4403);
            as(nodeB, "sam").post("/api/tokens/console").then().statusCode(401);
            assertThat(as(nodeB, "operator").get("/api/agents").then().statusCode(200).extract().jsonPath()
                    .getList("id", String.class)).doesNotContain("sam");
        } finally {
            as(nodeB, "operator").body(sam).put("/api/agents/{id}", "sam").then().statusCode(200);
        }
        as(nodeA, "sam").post("/api/tokens/console").then().statusCode(200);
    }

    /** The status a request answers once it is no longer 200 (what another replica announced has arrived). */
    private static int statusOnceTold(IntSupplier request) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status = request.getAsInt();
        while (status == 200 && System.nanoTime() < deadline) {
            Parley.pause(Duration.ofMillis(50));
            status = request.getAsInt();
        }
        return status;
    }

    /**
     * A customer asks node A for Sales with alice by name; alice joins over REST on node B and each connects
     * to the replica it asked (control and chat, reported connected); answers {customer, alice} once alice's
     * own roster (B) shows her connected.
     */
    static Leg[] customerOnAWithAliceOnB() {
        Leg customer = new Leg(Parley.anonymous().baseUri(nodeA.url())
                .body(Map.of("service", "sales", "subject", "pricing", "with", csr("alice"))).post("/api/sessions")
                .then().statusCode(201).extract().jsonPath());
        Parley.acceptOffer(nodeB.url(), "alice", customer.sessionId);
        Leg alice = new Leg(as(nodeB, "alice").body("{}").post("/api/sessions/{id}/legs", customer.sessionId).then()
                .statusCode(200).extract().jsonPath());
        assertThat(customer.url("control")).startsWith(ws(nodeA));
        assertThat(alice.url("control")).startsWith(ws(nodeB));
        try {
            customer.connect();
            alice.connect();
            alice.control.await("roster", r -> "connected".equals(leg(r, alice.legId).path("state").asText()));
            return new Leg[] {customer, alice};
        } catch (RuntimeException | AssertionError e) {
            customer.close();
            alice.close();
            throw e;
        }
    }

    @Test
    void theEventStreamOfOneReplicaShowsWhatHappensOnTheOtherAndResumesOnIt() {
        String resumeAfter;
        try (SseClient onB = SseClient.follow(nodeB.url(), "sam", null)) {
            String session = Parley.anonymous().baseUri(nodeA.url()).body(Map.of("service", "sales", "subject",
                    "pricing")).post("/api/sessions").then().statusCode(201).extract().jsonPath().getString(
                            "session.id");
            resumeAfter = onB.awaitSession(session, "queued").getLast().id();
            presence(nodeA, "operator", "carol", "available");
            onB.awaitUntil(event -> carolIs(event, "available"));
        }
        presence(nodeB, "operator", "carol", "away");
        try (SseClient onA = SseClient.follow(nodeA.url(), "sam", resumeAfter)) {
            List<SseClient.Event> missed = onA.awaitUntil(event -> carolIs(event, "away"));
            assertThat(missed).as("resumed on A from where B left off").anyMatch(event -> carolIs(event, "available"));
            StreamItem.Position after = StreamItem.Position.parse(resumeAfter).orElseThrow();
            assertThat(missed.stream().filter(event -> event.id() != null)
                    .map(event -> StreamItem.Position.parse(event.id()).orElseThrow()))
                    .allMatch(position -> position.compareTo(after) > 0).isSorted();
        }
    }

    private static boolean carolIs(SseClient.Event event, String state) {
        return "agent".equals(event.name()) && "carol".equals(event.data().path("agent").asText())
                && state.equals(event.data().at("/data/state").asText());
    }

    private static RequestSpecification as(ParleyProcess node, String user) {
        return Parley.as(user).baseUri(node.url());
    }

    private static void presence(ParleyProcess node, String user, String agent, String presence) {
        as(node, user).body(Map.of("presence", presence)).put("/api/agents/{id}/presence", agent).then()
                .statusCode(200);
    }

    private static String ws(ParleyProcess node) {
        return "ws://localhost:" + node.port() + "/";
    }

    /** The leg of a roster frame, or a missing node. */
    private static JsonNode leg(JsonNode roster, String legId) {
        for (JsonNode leg : roster.at("/session/legs")) {
            if (leg.path("id").asText().equals(legId)) {
                return leg;
            }
        }
        return roster.path("no such leg");
    }

    static boolean fromLeg(JsonNode frame, String legId) {
        return frame.path("legId").asText().equals(legId);
    }

    /** A 12-byte voice header (seq, timestamp, codec 1 = Opus, flags 0, reserved 0) and a 160-byte payload. */
    private static byte[] opusFrame(int seq, int timestamp, byte fill) {
        byte[] frame = ByteBuffer.allocate(12 + 160).putInt(seq).putInt(timestamp).put((byte) 1).array();
        Arrays.fill(frame, 12, frame.length, fill);
        return frame;
    }

    /** A frame as the other legs receive it: {@code [uint8 length][sender's leg id]} then the frame as sent. */
    private static byte[] relayed(String senderLegId, byte[] frame) {
        byte[] id = senderLegId.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(1 + id.length + frame.length).put((byte) id.length).put(id).put(frame).array();
    }
}
