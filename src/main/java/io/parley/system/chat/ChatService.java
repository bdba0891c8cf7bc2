package io.parley.system.chat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import io.parley.chat.ChatMessage;
import io.parley.chat.ChatRepository;
import io.parley.chat.TranscriptPage;
import io.parley.session.EndpointRef;
import io.parley.system.SessionNotice;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What a chat channel asks besides sending (which {@link ChatWriter} stores): typing passed on, read receipts
 * stored and passed on, and the messages after a number for a channel that (re)opens or a replica catching up.
 */
@ApplicationScoped
public class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class);

    private final ChatRepository chat;
    private final Event<SessionNotice> notices;
    private final Clock clock;

    public ChatService(ChatRepository chat, Event<SessionNotice> notices, Clock clock) {
        this.chat = chat;
        this.notices = notices;
        this.clock = clock;
    }

    public void typing(UUID sessionId, String legId, EndpointRef endpoint, boolean typing) {
        notices.fire(new SessionNotice.Typing(sessionId.toString(), legId, endpoint, typing));
    }

    /**
     * A read receipt: stored (the highest number each leg has read, for a page that reloads) and passed on
     * to the other legs. A receipt that cannot be stored is still passed on.
     */
    public Uni<Void> read(UUID sessionId, String legId, EndpointRef endpoint, long seq) {
        return Panache.withTransaction(() -> chat.markRead(sessionId, UUID.fromString(legId), seq, clock.instant()))
                .onFailure().invoke(failure -> LOG.warnf("Read receipt of leg %s not stored: %s", legId,
                        failure.getMessage()))
                .onFailure().recoverWithNull()
                .invoke(() -> notices.fire(new SessionNotice.Read(sessionId.toString(), legId, endpoint, seq)));
    }

    /** What a chat channel gets when it asks for the messages after {@code afterSeq}: those, and who read how far. */
    public record Replay(List<ChatMessage> messages, Map<String, Long> readMarks) {
    }

    /** The replay for a chat channel: a customer's never holds a supervisor's whisper. */
    public Uni<Replay> chatReplay(UUID sessionId, long afterSeq, boolean staff) {
        return Panache.withSession(() -> chat.after(sessionId, afterSeq, TranscriptPage.MOST_MESSAGES, staff)
                .flatMap(messages -> chat.readMarks(sessionId).map(marks -> new Replay(messages, marks))));
    }

    /** Every chat message after {@code afterSeq}, whispers too (the fan-out passes each to whom it is for). */
    public Uni<List<ChatMessage>> chatAfter(UUID sessionId, long afterSeq) {
        return Panache.withSession(() -> chat.after(sessionId, afterSeq, TranscriptPage.MOST_MESSAGES, true));
    }
}
