package io.parley.api;

import static io.parley.support.Parley.csr;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.api.ws.LimitsConfig;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * A leg whose control channel is gone for longer than the reconnect grace (2 s in tests) fails, also when
 * the replica that saw it go stopped before the grace was over (a sweep every 10 s finds it). A control
 * connection that closes while another of its leg is open here (a reload, the cap on sockets per leg) leaves the
 * leg connected: only the last one reports the channel disconnected.
 */
@QuarkusTest
class ConnectionLossTest {

    @Inject
    Pool pool;
    @Inject
    LimitsConfig limits;

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    private static JsonPath session(String id) {
        return Parley.operator().get("/api/sessions/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    @Test
    void aLegThatReconnectsInTimeStays() throws InterruptedException {
        Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing",
                "with", csr("alice")))).connect();
        try (customer) {
            customer.control.close();
            sleep(Duration.ofMillis(500));
            customer.control = WsClient.connect(customer.url("control"), customer.token);
            customer.control.await("welcome");
            sleep(Duration.ofSeconds(3));
            assertThat(session(customer.sessionId).getString("legs.find { it.id == '" + customer.legId + "' }.state"))
                    .isEqualTo("connected");
        }
    }

    private static String controlOf(Leg leg) {
        return session(leg.sessionId).getString("legs.find { it.id == '" + leg.legId + "' }.channels.control");
    }

    private static boolean saysControlDisconnected(JsonNode roster, Leg leg) {
        for (JsonNode each : roster.at("/session/legs")) {
            if (each.path("id").asText().equals(leg.legId)) {
                return each.at("/channels/control").asText().equals("disconnected");
            }
        }
        return false;
    }

    /** A second control connection of the leg opens and reports, as a reloaded page's does. */
    private static WsClient reloaded(Leg leg) {
        WsClient control = WsClient.connect(leg.url("control"), leg.token);
        control.await("welcome");
        control.send(Map.of("type", "leg-state", "channels", Map.of("control", "connected")));
        control.awaitHandled();
        return control;
    }

    @Test
    void closingTheOlderOfTwoControlConnectionsLeavesTheLegConnected() throws InterruptedException {
        Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing",
                "with", csr("alice")))).connect();
        try (customer; WsClient newer = reloaded(customer)) {
            customer.control.close();
            customer.control.awaitClose();
            sleep(Duration.ofSeconds(1));
            assertThat(controlOf(customer)).as("the newer control connection is open").isEqualTo("connected");
            assertThat(newer.unclaimed()).as("nobody was told otherwise")
                    .noneMatch(frame -> saysControlDisconnected(frame, customer));

            newer.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!controlOf(customer).equals("disconnected") && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(100));
            }
            assertThat(controlOf(customer)).as("the last one to close reports").isEqualTo("disconnected");
        }
    }

    @Test
    void theCapClosingTheOldestControlConnectionLeavesTheLegConnected() throws InterruptedException {
        Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing",
                "with", csr("alice")))).connect();
        List<WsClient> newer = new ArrayList<>();
        try (customer) {
            for (int i = 1; i < limits.socketsPerLegChannel(); i++) {
                newer.add(reloaded(customer));
            }
            // One more, which says nothing: whatever the leg's state is next, the closes made it so.
            newer.add(WsClient.connect(customer.url("control"), customer.token));
            newer.getLast().await("welcome");
            assertThat(customer.control.awaitClose()).as("the oldest is closed by the cap").isEqualTo((short) 1008);
            sleep(Duration.ofSeconds(1));
            assertThat(controlOf(customer)).isEqualTo("connected");
        } finally {
            newer.forEach(WsClient::close);
        }
    }

    @Test
    void aLegWhoseReplicaStoppedBeforeItsGraceWasOverStillFails() throws Exception {
        // A replica reported the control channel closed and then stopped (a drain, a scale-down) with the
        // leg's grace timer; the client never came back anywhere. No timer of this replica waits on it.
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", csr("alice")));
        String sessionId = started.getString("session.id");
        String legId = started.getString("legId");
        pool.preparedQuery("UPDATE leg SET channels = '{\"control\":\"disconnected\"}' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(legId))).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        JsonPath session = session(sessionId);
        while (!session.getString("state").equals("ended") && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(300));
            session = session(sessionId);
        }
        assertThat(session.getString("legs.find { it.id == '" + legId + "' }.state")).isEqualTo("failed");
        assertThat(session.getString("state")).isEqualTo("ended");
    }

    @Test
    void aCustomerGoneLongerThanTheGraceFailsAndTheRoutedSessionEnds() throws InterruptedException {
        Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing",
                "with", csr("alice")))).connect();
        customer.control.await("roster", r -> r.toString().contains("\"connected\""));
        customer.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonPath session = session(customer.sessionId);
        while (!session.getString("state").equals("ended") && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(200));
            session = session(customer.sessionId);
        }
        assertThat(session.getString("state")).isEqualTo("ended");
        assertThat(session.getString("legs.find { it.id == '" + customer.legId + "' }.state")).isEqualTo("failed");
        assertThat(session.getString("endReason")).isEqualTo("customer left");
    }
}
