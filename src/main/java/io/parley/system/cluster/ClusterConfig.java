package io.parley.system.cluster;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the replicas reach one another: {@code parley.cluster.*}. */
@ConfigMapping(prefix = "parley.cluster")
public interface ClusterConfig {

    /**
     * A NATS server (or several, comma-separated: {@code nats://nats:4222}) to carry the replicas' notices and
     * voice frames. Without one they ride on PostgreSQL's {@code LISTEN}/{@code NOTIFY}, which needs nothing more
     * but takes a database round trip per batch and text only; with one, voice frames cross as bytes. PostgreSQL
     * stays the system of record either way: the channel only says what to read again.
     */
    Optional<String> natsUrl();

    /**
     * The subjects' prefix on the NATS server: {@code <prefix>.notices} and {@code <prefix>.audio}. Deployments
     * sharing a server need prefixes of their own.
     */
    @WithDefault("parley.cluster")
    String natsSubject();

    /**
     * How long the first message for the other replicas waits for more to go with it in one NATS message; by
     * default ({@code 0s}) what is published in one turn of the event loop goes together, so a message waits for
     * nothing and batches grow with the load. A window of a few milliseconds caps the messages a replica sends per
     * second (each costs wake-ups on both replicas and the server) for that much more latency: measured on one
     * shared core, 2 ms took a quarter less CPU at light load and doubled the p99 under load.
     */
    @WithDefault("0s")
    Duration natsBatchWindow();

    /** How long to wait between attempts while the NATS server cannot be reached. */
    @WithDefault("1s")
    Duration natsReconnectWait();
}
