package io.parley.system.cluster;

import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <p>Messages are sent in batches, as a group commit does: while one notification is on its way, what is
 * published meanwhile waits, and the next notification carries all of it (lines up to the payload limit).
 * Each notification is a transaction of PostgreSQL's, so one per chat message or voice frame would cap a
 * replica at the database's commit rate; one per batch costs a round trip however busy it gets.
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
    private final List<Consumer<String>> receivers = new CopyOnWriteArrayList<>();
    private volatile Runnable reopened = () -> {};
    private volatile boolean wasOpen;
    private volatile boolean stopped;
    /** Messages published and not sent yet, in order. */
    private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
    /** Whether a notification is on its way (the next batch waits for it). */
    private final AtomicBoolean sending = new AtomicBoolean();

    public ClusterBus(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    /**
     * Adds where messages from the other replicas go; each receiver is called on an event loop, one message after
     * another, in the order they were added.
     */
    public void receiveWith(Consumer<String> receiver) {
        receivers.add(receiver);
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

    /**
     * Sends {@code message} (one line) to every other replica, with whatever else is published before the
     * notification leaves; dropped (and logged) when too large or not connected.
     */
    void publish(String message) {
        if (message.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a message is one line");
        }
        if (node.length() + 1 + utf8Length(message) > MAX_PAYLOAD) {
            LOG.warnf("Not sent to the other replicas, larger than %d bytes: %.80s…", MAX_PAYLOAD, message);
            return;
        }
        if (connection == null) {
            LOG.debugf("Not sent to the other replicas, the channel is down: %.80s", message);
            return;
        }
        outbox.add(message);
        if (sending.compareAndSet(false, true)) {
            sendBatch();
        }
    }

    /** Sends what waits in one notification, and again when it has gone while more waits. */
    private void sendBatch() {
        PgConnection open = connection;
        StringBuilder payload = new StringBuilder(node).append(' ');
        int bytes = payload.length();
        int lines = 0;
        for (String next = outbox.peek(); next != null; next = outbox.peek()) {
            int length = utf8Length(next) + (lines > 0 ? 1 : 0);
            if (lines > 0 && bytes + length > MAX_PAYLOAD) {
                break;
            }
            outbox.poll();
            payload.append(lines > 0 ? "\n" : "").append(next);
            bytes += length;
            lines++;
        }
        if (lines == 0 || open == null) {
            outbox.clear();
            sending.set(false);
            if (!outbox.isEmpty() && sending.compareAndSet(false, true)) {
                sendBatch();
            }
            return;
        }
        try {
            open.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload.toString()))
                    .onComplete(done -> {
                        if (done.failed()) {
                            LOG.debugf("Not sent to the other replicas: %s", done.cause().getMessage());
                        }
                        afterBatch();
                    });
        } catch (RuntimeException e) {
            LOG.debugf("Not sent to the other replicas: %s", e.getMessage());
            afterBatch();
        }
    }

    private void afterBatch() {
        if (!outbox.isEmpty()) {
            sendBatch();
            return;
        }
        sending.set(false);
        // A message published between the check and the reset must not wait for the next one.
        if (!outbox.isEmpty() && sending.compareAndSet(false, true)) {
            sendBatch();
        }
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
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
                    for (String line : payload.substring(space + 1).split("\n")) {
                        deliver(line);
                    }
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
        for (Consumer<String> receiver : receivers) {
            try {
                receiver.accept(message);
            } catch (RuntimeException e) {
                LOG.warnf(e, "A message from another replica could not be handled: %.80s", message);
            }
        }
    }
}
