package io.parley.system.cluster;

import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * The replicas' channel on PostgreSQL: {@code LISTEN}/{@code NOTIFY} on the database every replica already uses,
 * so a deployment needs nothing more. One connection of the pool stays open for it, and messages are sent on that
 * same connection, so they leave in the order they were published. A message is a line of text up to
 * {@link #MAX_PAYLOAD} bytes; this replica's own messages (its node id comes first) are left where they arrive.
 *
 * <p>Messages are sent in batches, as a group commit does: while one notification is on its way, what is
 * published meanwhile waits, and the next notification carries all of it (lines up to the payload limit).
 * Each notification is a transaction of PostgreSQL's, so one per chat message or voice frame would cap a
 * replica at the database's commit rate; one per batch costs a round trip however busy it gets.
 * While the connection is down (the database restarts) messages are dropped and it is opened again every
 * second.
 */
final class PostgresChannel implements ReplicaChannel {

    private static final Logger LOG = Logger.getLogger(PostgresChannel.class);
    static final String CHANNEL = "parley_cluster";
    /** PostgreSQL's limit for a notification's payload is 8000 bytes; the node id and a space come first. */
    static final int MAX_PAYLOAD = 7900;
    private static final long RECONNECT_MILLIS = 1000;

    private final Pool pool;
    private final Vertx vertx;
    /** This replica's id, new at every start: its own messages come back to it, and are left there. */
    private final String node = UUID.randomUUID().toString();
    private volatile PgConnection connection;
    private volatile Receiver receiver;
    private volatile boolean wasOpen;
    private volatile boolean stopped;
    /** Messages published and not sent yet, in order. */
    private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
    /** Whether a notification is on its way (the next batch waits for it). */
    private final AtomicBoolean sending = new AtomicBoolean();

    PostgresChannel(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    @Override
    public void open(Receiver receiver) {
        this.receiver = receiver;
        connect();
    }

    @Override
    public boolean connected() {
        return connection != null;
    }

    @Override
    public boolean carriesBinary() {
        return false;
    }

    @Override
    public void publishBinary(byte[] message) {
        throw new UnsupportedOperationException("NOTIFY carries text: publish binary messages as text");
    }

    @Override
    public void close() {
        stopped = true;
        PgConnection open = connection;
        connection = null;
        if (open != null) {
            open.close();
        }
    }

    @Override
    public boolean publish(String message) {
        if (node.length() + 1 + Utf8.length(message) > MAX_PAYLOAD) {
            return false;
        }
        if (connection == null) {
            LOG.debugf("Not sent to the other replicas, the channel is down: %.80s", message);
            return true;
        }
        outbox.add(message);
        if (sending.compareAndSet(false, true)) {
            sendBatch();
        }
        return true;
    }

    /** Sends what waits in one notification, and again when it has gone while more waits. */
    private void sendBatch() {
        PgConnection open = connection;
        StringBuilder payload = new StringBuilder(node).append(' ');
        int bytes = payload.length();
        int lines = 0;
        for (String next = outbox.peek(); next != null; next = outbox.peek()) {
            int length = Utf8.length(next) + (lines > 0 ? 1 : 0);
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
                        receiver.text(line);
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
                    receiver.reopened();
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
}
