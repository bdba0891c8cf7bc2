package io.parley.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The live event stream ({@code GET /api/stream}, supervisors and operators) followed in the background: what it
 * says comes as {@link Signal}s, in order. A dropped or silent connection is resumed by itself with
 * {@code Last-Event-ID}, waiting as {@link Reconnect} says; a refusal ends it. Closing it ends the connection.
 */
final class LiveStream implements AutoCloseable {

    /** What the follower hears. */
    sealed interface Signal {
    }

    /** The stream is open: from now on, what happens is sent. */
    record Opened() implements Signal {
    }

    /** An entry: its id, its name ({@code session} or {@code agent}) and its data. */
    record Entry(String id, String event, JsonNode data) implements Signal {

        boolean ofSession(String session) {
            return event.equals("session") && data.path("session").asText().equals(session);
        }
    }

    /** Too much was missed (or the server lost where this follower stood): load what is shown again. */
    record Reset(String reason) implements Signal {
    }

    /** The connection was lost; it is tried again after a while. */
    record Lost(String why, Duration retryIn) implements Signal {

        String sentence() {
            long millis = retryIn.toMillis();
            return "the live stream was lost (" + why + "); resuming in "
                    + (millis < 1000 ? millis + " ms" : millis / 1000 + " s");
        }
    }

    /** The stream cannot be followed: a refusal or an unreachable server, to be reported. */
    record Failed(RuntimeException failure) implements Signal {
    }

    /** Three heartbeats' time (the server sends one after 15 s without anything): a silent connection is dead. */
    static final Duration SILENCE = Duration.ofSeconds(45);
    static final String FOR_STAFF = "the live stream is for supervisors and operators: sign in as one";

    private final ParleyClient client;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final Thread watchdog;
    private String lastEventId;
    private volatile InputStream body;
    private volatile long heardAt = System.nanoTime();
    private volatile boolean closed;

    private LiveStream(ParleyClient client) {
        this.client = client;
        this.reader = Thread.ofVirtual().name("parley-stream").unstarted(this::follow);
        this.watchdog = Thread.ofVirtual().name("parley-stream-watchdog").unstarted(this::watch);
    }

    /** Connects in the background; the first signal says whether it is open. */
    static LiveStream open(ParleyClient client) {
        LiveStream stream = new LiveStream(client);
        stream.reader.start();
        stream.watchdog.start();
        return stream;
    }

    /** The next signal, or null when none came within {@code wait}. */
    Signal next(Duration wait) throws InterruptedException {
        return signals.poll(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** A failure to report: a 403 says who may follow. */
    static RuntimeException reported(Failed failed) {
        return failed.failure() instanceof ParleyClient.Refused refused && refused.status() == 403
                ? refused.saying(FOR_STAFF) : failed.failure();
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        watchdog.interrupt();
        closeBody();
    }

    private void follow() {
        Reconnect reconnect = Reconnect.first();
        while (!closed) {
            Reconnect.Ending ending = Reconnect.Ending.DROPPED;
            RuntimeException failure = null;
            String why = "the server ended it";
            try {
                body = client.events("api/stream", lastEventId, SILENCE);
                heardAt = System.nanoTime();
                reconnect = reconnect.opened();
                signals.add(new Opened());
                if (read(body)) {
                    reconnect = reconnect.heard();
                }
            } catch (ParleyClient.Refused refused) {
                ending = Reconnect.Ending.refused(refused.status(), lastEventId != null);
                failure = refused;
                why = refused.code() + ": " + refused.getMessage();
            } catch (ParleyClient.Unreachable unreachable) {
                ending = Reconnect.Ending.UNREACHABLE;
                failure = unreachable;
                why = unreachable.getMessage();
            } catch (IOException e) {
                why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } finally {
                closeBody();
                body = null;
            }
            if (closed) {
                return;
            }
            Reconnect.Plan plan = reconnect.plan(ending);
            if (!plan.retry()) {
                signals.add(new Failed(failure));
                return;
            }
            if (plan.startOver()) {
                lastEventId = null;
                signals.add(new Reset("the server did not know where this follower stood: " + why));
            } else {
                signals.add(new Lost(why, plan.after()));
            }
            reconnect = reconnect.failed();
            try {
                Thread.sleep(plan.after());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads the stream until it ends; whether anything was heard. */
    private boolean read(InputStream in) throws IOException {
        ServerSentEvents events = new ServerSentEvents(lastEventId);
        boolean heard = false;
        Reader text = new InputStreamReader(in, StandardCharsets.UTF_8);
        char[] buffer = new char[8192];
        for (int read = text.read(buffer); read >= 0; read = text.read(buffer)) {
            heardAt = System.nanoTime();
            heard = true;
            for (ServerSentEvents.Event event : events.feed(CharBuffer.wrap(buffer, 0, read))) {
                signal(event);
            }
            lastEventId = events.lastEventId();
        }
        return heard;
    }

    private void signal(ServerSentEvents.Event event) {
        JsonNode data;
        try {
            data = ParleyClient.JSON.readTree(event.data());
        } catch (IOException e) {
            data = ParleyClient.JSON.getNodeFactory().textNode(event.data());
        }
        switch (event.name()) {
            case "session", "agent" -> signals.add(new Entry(event.id(), event.name(), data));
            case "reset" -> signals.add(new Reset(data.path("reason").asText("the server reset the stream")));
            default -> {
                // a kind of event this CLI does not know yet
            }
        }
    }

    /** Ends a connection that fell silent, so that {@link #follow()} resumes on a new one. */
    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                return;
            }
            if (System.nanoTime() - heardAt > SILENCE.toNanos()) {
                heardAt = System.nanoTime();
                closeBody();
            }
        }
    }

    private void closeBody() {
        InputStream in = body;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // closing what is already broken
            }
        }
    }
}
