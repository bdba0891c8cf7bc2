package io.parley.system.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The replicas' channel on a NATS server: text on {@code <prefix>.notices}, voice frames as bytes on
 * {@code <prefix>.audio}, one connection per replica that does not hear its own messages ({@code no_echo}).
 * Publishing never waits: the client's writer thread sends what is queued, and a full queue drops (a voice frame
 * late is a frame lost anyway). Messages go in batches (lines of text, {@link BinaryBatch} for bytes), as a group
 * commit does: the first one published schedules a send at the end of the event loop's turn (or
 * {@code nats-batch-window} later), and what is published until then goes with it. A NATS message wakes the
 * client's writer, the server and the other replica's reader and dispatcher (about 150 µs of a shared core in all,
 * measured), so under load one per voice frame would cost more than the frame. What arrives is handed to the
 * receiver on one event-loop context, in batches, in the order it came. The client opens the connection again by
 * itself (every {@code nats-reconnect-wait}, for ever, subscriptions included); while it is down messages are
 * dropped, and once it is back the receiver is told to catch up.
 */
final class NatsChannel implements ReplicaChannel {

    private static final Logger LOG = Logger.getLogger(NatsChannel.class);
    /** How many messages may wait for the client's writer before new ones are dropped. */
    static final int OUTGOING_QUEUE = 65_536;

    private final String servers;
    private final String noticesSubject;
    private final String audioSubject;
    private final Duration reconnectWait;
    /** How long the first message of a batch waits for others, in milliseconds (0: the event loop's turn). */
    private final long batchWindow;
    private final Vertx vertx;
    private volatile Connection connection;
    private volatile Receiver receiver;
    private Context context;
    /** What arrived and is not handed over yet: a String (text) or a byte[] (binary). */
    private final Queue<Object> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** The most bytes one batch carries (the server's limit is 1 MiB by default). */
    static final int MAX_BATCH = 64 * 1024;
    private final Outbox notices;
    private final Outbox audio;

    NatsChannel(String servers, String subject, Duration reconnectWait, Duration batchWindow, Vertx vertx) {
        this.servers = servers;
        this.batchWindow = batchWindow.toMillis();
        this.noticesSubject = subject + ".notices";
        this.audioSubject = subject + ".audio";
        this.reconnectWait = reconnectWait;
        this.vertx = vertx;
        this.notices = new Outbox(noticesSubject, NatsChannel::lines);
        this.audio = new Outbox(audioSubject, BinaryBatch::pack);
    }

    @Override
    public void open(Receiver receiver) {
        this.receiver = receiver;
        this.context = vertx.getOrCreateContext();
        Options options = Options.builder().servers(servers.split(",")).connectionName("parley").noEcho()
                .maxReconnects(-1).reconnectWait(reconnectWait).connectionTimeout(Duration.ofSeconds(2))
                .maxMessagesInOutgoingQueue(OUTGOING_QUEUE).discardMessagesWhenOutgoingQueueFull()
                .connectionListener(this::changed).errorListener(new Errors()).build();
        try {
            Nats.connectAsynchronously(options, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void changed(Connection changed, ConnectionListener.Events event) {
        switch (event) {
            case CONNECTED -> {
                Dispatcher dispatcher = changed.createDispatcher(this::arrived);
                dispatcher.subscribe(noticesSubject);
                dispatcher.subscribe(audioSubject);
                connection = changed;
                LOG.infof("The replicas' channel is NATS at %s", changed.getConnectedUrl());
            }
            case RECONNECTED -> {
                LOG.info("The channel to the other replicas (NATS) is open again; catching up");
                context.runOnContext(ignored -> receiver.reopened());
            }
            case DISCONNECTED -> LOG.warn("The channel to the other replicas (NATS) closed; opening it again");
            case CLOSED -> connection = null;
            case RESUBSCRIBED, DISCOVERED_SERVERS, LAME_DUCK -> LOG.debugf("NATS: %s", event);
        }
    }

    private void arrived(Message message) {
        if (audioSubject.equals(message.getSubject())) {
            BinaryBatch.unpack(message.getData()).ifPresentOrElse(inbox::addAll,
                    () -> LOG.warnf("Unreadable batch from another replica (%d bytes)", message.getData().length));
        } else {
            for (String line : new String(message.getData(), StandardCharsets.UTF_8).split("\n")) {
                inbox.add(line);
            }
        }
        if (draining.compareAndSet(false, true)) {
            context.runOnContext(ignored -> drain());
        }
    }

    /** Hands over what arrived, on the one context, until nothing waits. */
    private void drain() {
        for (Object next = inbox.poll(); next != null; next = inbox.poll()) {
            if (next instanceof byte[] bytes) {
                receiver.binary(bytes);
            } else {
                receiver.text((String) next);
            }
        }
        draining.set(false);
        if (!inbox.isEmpty() && draining.compareAndSet(false, true)) {
            context.runOnContext(ignored -> drain());
        }
    }

    @Override
    public boolean connected() {
        Connection open = connection;
        return open != null && open.getStatus() == Connection.Status.CONNECTED;
    }

    @Override
    public boolean publish(String line) {
        notices.add(line.getBytes(StandardCharsets.UTF_8));
        return true;
    }

    @Override
    public boolean carriesBinary() {
        return true;
    }

    @Override
    public void publishBinary(byte[] message) {
        audio.add(message);
    }

    /** Lines of text as one message, a newline between each two. */
    private static byte[] lines(List<byte[]> lines) {
        int size = lines.size() - 1;
        for (byte[] line : lines) {
            size += line.length;
        }
        byte[] joined = new byte[size];
        int at = 0;
        for (byte[] line : lines) {
            if (at > 0) {
                joined[at++] = '\n';
            }
            System.arraycopy(line, 0, joined, at, line.length);
            at += line.length;
        }
        return joined;
    }

    /**
     * What is published on one subject and not sent yet: the first message schedules a send after the batch window
     * (with none, at the end of the event loop's current turn; at once off an event loop), and everything published
     * until then goes with it, in batches of at most {@link #MAX_BATCH} bytes.
     */
    private final class Outbox {

        private final String subject;
        private final Function<List<byte[]>, byte[]> packer;
        private final Queue<byte[]> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Outbox(String subject, Function<List<byte[]>, byte[]> packer) {
            this.subject = subject;
            this.packer = packer;
        }

        void add(byte[] message) {
            if (!connected()) {
                LOG.debugf("Not sent to the other replicas, the channel is down (%d bytes on %s)", message.length,
                        subject);
                return;
            }
            waiting.add(message);
            if (scheduled.compareAndSet(false, true)) {
                if (batchWindow > 0) {
                    vertx.setTimer(batchWindow, ignored -> sendAll());
                } else if (Vertx.currentContext() != null) {
                    Vertx.currentContext().runOnContext(ignored -> sendAll());
                } else {
                    sendAll();
                }
            }
        }

        private void sendAll() {
            List<byte[]> batch = new ArrayList<>();
            int bytes = 0;
            for (byte[] next = waiting.peek(); next != null; next = waiting.peek()) {
                if (!batch.isEmpty() && bytes + 4 + next.length > MAX_BATCH) {
                    send(subject, packer.apply(batch));
                    batch.clear();
                    bytes = 0;
                }
                waiting.poll();
                batch.add(next);
                bytes += 4 + next.length;
            }
            if (!batch.isEmpty()) {
                send(subject, packer.apply(batch));
            }
            scheduled.set(false);
            // A message published between the last poll and the reset must not wait for the next one.
            if (!waiting.isEmpty() && scheduled.compareAndSet(false, true)) {
                sendAll();
            }
        }
    }

    private void send(String subject, byte[] body) {
        Connection open = connection;
        if (open == null || open.getStatus() != Connection.Status.CONNECTED) {
            LOG.debugf("Not sent to the other replicas, the channel is down (%d bytes on %s)", body.length,
                    subject);
            return;
        }
        try {
            open.publish(subject, body);
        } catch (IllegalStateException e) {
            LOG.debugf("Not sent to the other replicas: %s", e.getMessage());
        }
    }

    /** What the NATS client reports besides connection events, in this service's log. */
    private static final class Errors implements ErrorListener {

        @Override
        public void errorOccurred(Connection connection, String error) {
            LOG.warnf("NATS: %s", error);
        }

        @Override
        public void exceptionOccurred(Connection connection, Exception exception) {
            LOG.debugf("NATS: %s", exception.toString());
        }

        @Override
        public void slowConsumerDetected(Connection connection, Consumer consumer) {
            LOG.warn("NATS: this replica reads the other replicas' messages slower than they come; some are dropped");
        }

        @Override
        public void messageDiscarded(Connection connection, Message message) {
            LOG.debugf("NATS: not sent, the outgoing queue is full (%s)", message.getSubject());
        }
    }

    @Override
    public void close() {
        Connection open = connection;
        connection = null;
        if (open != null) {
            try {
                open.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
