package io.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.support.Leg;
import io.parley.support.NatsServer;

/**
 * Every case of {@link ClusterIT} again with the replicas' channel on a NATS server ({@code parley.cluster.nats-url})
 * instead of PostgreSQL's {@code NOTIFY}: offers, chat, rosters, voice frames (which cross as bytes here), a
 * transfer, agent states and revocations, the event stream. And what only a broker of its own can do to the
 * replicas: it stops, and what is said meanwhile is stored but does not cross; it comes back, and the replicas
 * catch up from the database without being asked.
 */
class NatsClusterIT extends ClusterIT {

    private static NatsServer nats;

    @BeforeAll
    static void twoReplicasOnOneDatabase() throws IOException {
        nats = NatsServer.start(Path.of("target", "cluster-nats-server.log"));
        startReplicas("cluster-nats", Map.of("parley.cluster.nats-url", nats.url(),
                "parley.cluster.nats-reconnect-wait", "200ms"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        try {
            stopReplicas();
        } finally {
            if (nats != null) {
                nats.close();
            }
        }
    }

    @Test
    void bothReplicasCarryTheirNoticesOnNats() throws IOException {
        for (String log : new String[] {"cluster-nats-a.log", "cluster-nats-b.log"}) {
            assertThat(Files.readString(Path.of("target", log))).as(log)
                    .contains("The replicas' channel is NATS at " + nats.url());
        }
    }

    @Test
    void whatIsSaidWhileTheBrokerIsDownIsStoredAndReachesTheOtherReplicaOnceItIsBack() throws Exception {
        Leg[] legs = customerOnAWithAliceOnB();
        try (Leg customer = legs[0]; Leg alice = legs[1]) {
            customer.say("before", "Are you there?");
            assertThat(alice.chat.await("message", m -> fromLeg(m, customer.legId)).path("text").asText())
                    .isEqualTo("Are you there?");

            nats.stop();
            customer.say("meanwhile", "Hello?");
            long seq = customer.chat.await("ack", a -> a.path("clientId").asText().equals("meanwhile")).path("seq")
                    .asLong();
            Thread.sleep(1500);
            assertThat(alice.chat.unclaimed()).as("nothing crosses while the broker is down")
                    .noneMatch(frame -> frame.path("type").asText().equals("message"));

            nats.start();
            JsonNode caughtUp = alice.chat.await("message", m -> fromLeg(m, customer.legId));
            assertThat(caughtUp.path("seq").asLong()).isEqualTo(seq);
            assertThat(caughtUp.path("text").asText()).isEqualTo("Hello?");

            customer.say("after", "Good.");
            assertThat(alice.chat.await("message", m -> fromLeg(m, customer.legId)).path("text").asText())
                    .as("live again").isEqualTo("Good.");
        }
    }
}
