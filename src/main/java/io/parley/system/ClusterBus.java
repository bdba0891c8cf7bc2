package io.parley.system;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * The replicas' shared channel: PostgreSQL {@code LISTEN}/{@code NOTIFY} on the database every replica
 * already uses, so a deployment needs nothing more. One connection of the pool stays open for it, and
 * messages are sent on that same connection, so they leave in the order they were published. A message
 * is a line of text up to {@link #MAX_PAYLOAD} bytes; this replica's own messages do not come back to it.
 * While the connection is down (the database restarts) messages are dropped and it is opened again every
 * second; then the {@link ClusterNotices} catch up on what the connections here missed.
 */
@ApplicationScoped
public class ClusterBus {

    private static final Logger LOG = Logger.getLogger(ClusterBus.class);
    static final String CHANNEL = "parley_cluster";
    /** PostgreSQL's limit for a notification's payload is 8000 bytes; the node id and a space come first. */
    static final int MAX_PAYLOAD = 7900;
    private static final long RECONNECT_MILLIS = 1000;

    private final Pool pool;
    private final Vertx vertx;
    /** This replica's id, new at every start: its own messages come back to it, and are left there. */
    private final String node = UUID.randomUUID().toString();
    private volatile PgConnection connection;
    private volatile Consumer<String> receiver = message -> {};
    private volatile Runnable reopened = () -> {};
    private volatile boolean wasOpen;
    private volatile boolean stopped;

    public ClusterBus(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    /** Where messages from the other replicas go; called on an event loop, one message after another. */
    void receiveWith(Consumer<String> receiver) {
        this.receiver = receiver;
    }

    /** What to do when the channel is open again after it was lost (catch up on what was missed). */
    void whenReopened(Runnable reopened) {
        this.reopened = reopened;
    }

    /** Whether the channel is open now (messages published now reach the other replicas). */
    public boolean connected() {
        return connection != null;
    }

    void start(@Observes StartupEvent started) {
        connect();
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        PgConnection open = connection;
        connection = null;
        if (open != null) {
            open.close();
        }
    }

    /** Sends {@code message} to every other replica; dropped (and logged) when too large or not connected. */
    void publish(String message) {
        String payload = node + " " + message;
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD) {
            LOG.warnf("Not sent to the other replicas, larger than %d bytes: %.80s…", MAX_PAYLOAD, message);
            return;
        }
        PgConnection open = connection;
        if (open == null) {
            LOG.debugf("Not sent to the other replicas, the channel is down: %.80s", message);
            return;
        }
        try {
            open.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload))
                    .onFailure(failure -> LOG.debugf("Not sent to the other replicas: %s", failure.getMessage()));
        } catch (RuntimeException e) {
            LOG.debugf("Not sent to the other replicas: %s", e.getMessage());
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        pool.getConnection().onSuccess(opened -> {
            PgConnection pg = PgConnection.cast(opened);
            pg.notificationHandler(notification -> {
                String payload = notification.getPayload();
                int space = payload.indexOf(' ');
                if (space > 0 && !payload.substring(0, space).equals(node)) {
                    deliver(payload.substring(space + 1));
                }
            });
            pg.closeHandler(closed -> {
                connection = null;
                if (!stopped) {
                    LOG.warn("The channel to the other replicas closed; opening it again");
                    vertx.setTimer(RECONNECT_MILLIS, id -> connect());
                }
            });
            pg.query("LISTEN " + CHANNEL).execute().onSuccess(done -> {
                connection = pg;
                LOG.debugf("Listening to the other replicas as %s", node);
                if (wasOpen) {
                    LOG.info("The channel to the other replicas is open again; catching up");
                    reopened.run();
                }
                wasOpen = true;
            }).onFailure(failure -> {
                LOG.warnf("Cannot listen to the other replicas: %s", failure.getMessage());
                pg.close();
            });
        }).onFailure(failure -> {
            LOG.debugf("No connection for the channel to the other replicas yet: %s", failure.getMessage());
            vertx.setTimer(RECONNECT_MILLIS, id -> connect());
        });
    }

    private void deliver(String message) {
        try {
            receiver.accept(message);
        } catch (RuntimeException e) {
            LOG.warnf(e, "A message from another replica could not be handled: %.80s", message);
        }
    }
}
