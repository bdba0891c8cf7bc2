package io.parley.system.chat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import io.parley.chat.ChatBatchStore;
import io.parley.chat.ChatMessage;
import io.parley.session.Refusal;
import io.parley.system.Outcome;
import io.parley.system.SessionNotice;
import io.parley.system.store.SqlStates;
import io.smallrye.mutiny.Uni;

/**
 * Chat messages, stored before they are acknowledged or passed on, in group commits: while one batch is
 * being stored, the messages that arrive wait, and the next batch takes them all (up to {@link #MAX_BATCH}),
 * from every session, in one statement ({@link ChatBatchStore}). A quiet system stores each message at once;
 * a busy one pays one round trip for many. Numbers stay gap-free per session and a resend with the same
 * client id is answered as a duplicate; the stored messages are announced in the order they were numbered.
 */
@ApplicationScoped
public class ChatWriter {

    private static final Logger LOG = Logger.getLogger(ChatWriter.class);
    /** Messages at most in one statement: bounds its size and the wait of the first one in it. */
    static final int MAX_BATCH = 512;
    /** A batch that clashed with another replica's (a resend stored there meanwhile) is tried again. */
    private static final int RETRIES = 3;

    private final ChatBatchStore store;
    private final Event<SessionNotice> notices;
    private final Clock clock;
    private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    public ChatWriter(ChatBatchStore store, Event<SessionNotice> notices, Clock clock) {
        this.store = store;
        this.notices = notices;
        this.clock = clock;
    }

    /** A stored chat message; {@code duplicate} when it had been sent before with the same client id. */
    public record Posted(ChatMessage message, boolean duplicate) {
    }

    private record Waiting(ChatBatchStore.Pending pending, CompletableFuture<ChatBatchStore.Result> answer) {
    }

    /** A chat message from a leg: stored (once per client id) before it is acknowledged and passed on. */
    public Uni<Outcome<Posted>> post(UUID sessionId, String legId, String clientId, String text) {
        return store(sessionId, legId, clientId, text, false);
    }

    /**
     * A private note from a staff leg (the caller checks it is staff's): stored with the transcript like a message,
     * for staff only; a monitoring supervisor may write one too.
     */
    public Uni<Outcome<Posted>> note(UUID sessionId, String legId, String clientId, String text) {
        return store(sessionId, legId, clientId, text, true);
    }

    private Uni<Outcome<Posted>> store(UUID sessionId, String legId, String clientId, String text, boolean note) {
        UUID leg;
        try {
            leg = UUID.fromString(legId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Outcome.refused(Refusal.Code.NOT_A_MEMBER, "no leg " + legId));
        }
        CompletableFuture<ChatBatchStore.Result> answer = new CompletableFuture<>();
        queue.add(new Waiting(new ChatBatchStore.Pending(sessionId, leg, clientId, text, clock.instant(),
                note), answer));
        if (writing.compareAndSet(false, true)) {
            writeNext();
        }
        return Uni.createFrom().completionStage(answer).map(result -> switch (result) {
            case ChatBatchStore.Result.Stored stored -> Outcome.done(new Posted(stored.message(), stored.duplicate()));
            case ChatBatchStore.Result.NotInSession none -> Outcome.<Posted>refused(Refusal.Code.NOT_A_MEMBER,
                    "leg " + legId + " is not in an open session");
            case ChatBatchStore.Result.Muted muted -> Outcome.<Posted>refused(Refusal.Code.NOT_PERMITTED,
                    "a monitoring supervisor sends nothing; whisper or barge in to write");
        });
    }

    /** Stores what waits, one batch at a time, until nothing does. */
    private void writeNext() {
        List<Waiting> batch = new ArrayList<>();
        for (Waiting next = queue.poll(); next != null; next = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            writing.set(false);
            // A message queued between the poll and the reset must not wait for the next one.
            if (!queue.isEmpty() && writing.compareAndSet(false, true)) {
                writeNext();
            }
            return;
        }
        store.store(batch.stream().map(Waiting::pending).toList())
                .onFailure(ChatWriter::clashed).retry().atMost(RETRIES)
                .subscribe().with(results -> {
                    try {
                        announce(results);
                    } finally {
                        for (int i = 0; i < batch.size(); i++) {
                            batch.get(i).answer().complete(results.get(i));
                        }
                        writeNext();
                    }
                }, failure -> {
                    LOG.warnf("%d chat messages not stored: %s", batch.size(), failure.getMessage());
                    batch.forEach(waiting -> waiting.answer().completeExceptionally(failure));
                    writeNext();
                });
    }

    private void announce(List<ChatBatchStore.Result> results) {
        for (ChatBatchStore.Result result : results) {
            if (result instanceof ChatBatchStore.Result.Stored stored && !stored.duplicate()) {
                notices.fire(new SessionNotice.ChatPosted(stored.message()));
            }
        }
    }

    /** Another replica stored a resend meanwhile (unique client id), or two batches deadlocked: try again. */
    private static boolean clashed(Throwable failure) {
        boolean clashed = SqlStates.raced(failure);
        if (clashed) {
            LOG.debugf("A chat batch clashed (%s); storing it again", SqlStates.of(failure).orElseThrow());
        }
        return clashed;
    }
}
