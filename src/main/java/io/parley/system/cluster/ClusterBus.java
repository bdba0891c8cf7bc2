package io.parley.system.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * The replicas' shared channel, on whichever {@link ReplicaChannel} the configuration names: a NATS server
 * ({@code parley.cluster.nats-url}) or PostgreSQL's {@code LISTEN}/{@code NOTIFY}. Messages are lines of text;
 * voice frames go as bytes where the channel carries bytes. Receivers are called on an event loop, one message
 * after another, in the order they came; this replica's own messages do not come back to it.
 */
@ApplicationScoped
public class ClusterBus {

    private static final Logger LOG = Logger.getLogger(ClusterBus.class);

    private final ReplicaChannel channel;
    private final List<Consumer<String>> receivers = new CopyOnWriteArrayList<>();
    private volatile Consumer<byte[]> binaryReceiver = bytes -> {};
    private volatile Runnable reopened = () -> {};

    public ClusterBus(Pool pool, Vertx vertx, ClusterConfig config) {
        this.channel = config.natsUrl().<ReplicaChannel>map(url -> new NatsChannel(url, config.natsSubject(),
                config.natsReconnectWait(), config.natsBatchWindow(), vertx))
                .orElseGet(() -> new PostgresChannel(pool, vertx));
    }

    /**
     * Adds where messages from the other replicas go; each receiver is called on an event loop, one message after
     * another, in the order they were added.
     */
    public void receiveWith(Consumer<String> receiver) {
        receivers.add(receiver);
    }

    /** Where binary messages from the other replicas go (only a channel that {@link #carriesBinary()} has them). */
    void receiveBinaryWith(Consumer<byte[]> receiver) {
        this.binaryReceiver = receiver;
    }

    /** What to do when the channel is open again after it was lost (catch up on what was missed). */
    void whenReopened(Runnable reopened) {
        this.reopened = reopened;
    }

    /** Whether the channel is open now (messages published now reach the other replicas). */
    public boolean connected() {
        return channel.connected();
    }

    /** Whether bytes cross as they are ({@link #publishBinary}); otherwise they must be published as text. */
    boolean carriesBinary() {
        return channel.carriesBinary();
    }

    void start(@Observes StartupEvent started) {
        channel.open(new ReplicaChannel.Receiver() {
            @Override
            public void text(String line) {
                deliver(line);
            }

            @Override
            public void binary(byte[] message) {
                try {
                    binaryReceiver.accept(message);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "A binary message from another replica could not be handled (%d bytes)",
                            message.length);
                }
            }

            @Override
            public void reopened() {
                reopened.run();
            }
        });
    }

    void stop(@Observes ShutdownEvent stopping) {
        channel.close();
    }

    /**
     * Sends {@code message} (one line) to every other replica, with whatever else is published before it leaves
     * (dropped while the channel is down); false, and nothing sent, when it is larger than the channel takes.
     */
    boolean publish(String message) {
        if (message.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a message is one line");
        }
        return channel.publish(message);
    }

    /** Sends bytes as they are to every other replica; only where the channel {@link #carriesBinary()}. */
    void publishBinary(byte[] message) {
        channel.publishBinary(message);
    }

    private void deliver(String message) {
        for (Consumer<String> receiver : receivers) {
            try {
                receiver.accept(message);
            } catch (RuntimeException e) {
                LOG.warnf(e, "A message from another replica could not be handled: %.80s", message);
            }
        }
    }
}
