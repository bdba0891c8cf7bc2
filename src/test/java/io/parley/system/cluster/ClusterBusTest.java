package io.parley.system.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;

/**
 * The replicas' channel sends in batches: many messages published at once leave in far fewer notifications
 * (each one is a transaction of PostgreSQL's), every message arrives once, in order, and no notification
 * exceeds PostgreSQL's payload limit.
 */
@QuarkusTest
class ClusterBusTest {

    @Inject
    ClusterBus bus;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Test
    void aBurstLeavesInFewNotificationsEveryMessageOnceAndInOrder() throws Exception {
        BlockingQueue<String> payloads = new LinkedBlockingQueue<>();
        PgConnection listener = PgConnection.cast(pool.getConnection().toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS));
        try {
            listener.notificationHandler(notification -> payloads.add(notification.getPayload()));
            listener.query("LISTEN " + PostgresChannel.CHANNEL).execute().toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            int count = 2000;
            String padding = "x".repeat(100);
            List<String> sent = IntStream.range(0, count).mapToObj(i -> "{\"t\":\"burst\",\"n\":" + i + ",\"p\":\""
                    + padding + "\"}").toList();
            vertx.runOnContext(ignored -> sent.forEach(bus::publish));

            List<String> received = new ArrayList<>();
            int notifications = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (received.stream().filter(line -> line.contains("\"burst\"")).count() < count
                    && System.nanoTime() < deadline) {
                String payload = payloads.poll(100, TimeUnit.MILLISECONDS);
                if (payload == null) {
                    continue;
                }
                assertThat(payload.getBytes(StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(8000);
                notifications++;
                received.addAll(List.of(payload.substring(payload.indexOf(' ') + 1).split("\n")));
            }
            List<String> burst = received.stream().filter(line -> line.contains("\"burst\"")).toList();
            assertThat(burst).as("every message once, in order").containsExactlyElementsOf(sent);
            assertThat(notifications).as("batched: %d notifications for %d messages", notifications, count)
                    .isLessThan(count / 10);
        } finally {
            // The connection goes back to the pool: it must not be taken for the channel's (ClusterNoticesTest
            // finds that one by its last statement).
            listener.query("UNLISTEN *").execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            listener.close();
        }
    }
}
