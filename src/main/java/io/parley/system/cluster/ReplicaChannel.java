package io.parley.system.cluster;

/**
 * How the replicas reach one another: PostgreSQL's {@code LISTEN}/{@code NOTIFY} on the database every replica
 * already uses ({@link PostgresChannel}), or a NATS server when one is configured ({@link NatsChannel}). A channel
 * carries lines of text (the {@link ClusterMessage}s) and, when it can, binary messages (voice frames, see
 * {@link AudioEnvelope}); this replica's own messages do not come back to it. What is published while the channel
 * is down is dropped: the replicas catch up from the database when it is open again.
 */
sealed interface ReplicaChannel permits PostgresChannel, NatsChannel {

    /** Where a channel hands what the other replicas sent; called on one event loop, in the order it came. */
    interface Receiver {

        void text(String line);

        void binary(byte[] message);

        /** The channel is open again after it was lost: what was sent meanwhile is lost. */
        void reopened();
    }

    /** Opens the channel (and keeps opening it again whenever it is lost) until {@link #close()}. */
    void open(Receiver receiver);

    /** Whether what is published now reaches the other replicas. */
    boolean connected();

    /**
     * Sends one line of text to the other replicas (dropped while the channel is down); false, and nothing sent, when
     * the line is larger than the channel takes.
     */
    boolean publish(String line);

    /** Whether {@link #publishBinary} carries bytes as they are (otherwise publish them as text). */
    boolean carriesBinary();

    /** Sends bytes as they are to the other replicas; only when {@link #carriesBinary()}. */
    void publishBinary(byte[] message);

    void close();
}
