package io.parley.system.offers;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.chat.ChatMessage;
import io.parley.chat.ChatRepository;
import io.parley.session.CustomerPage;
import io.parley.session.Queued;
import io.parley.system.store.SessionPageEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What an offer shows of its session besides the session itself: of the chat, a conference's or transfer's last
 * messages (as staff see them) or a customer's first few (its first message is among them); and the page the
 * customer started on. Read by the session's key, so an offer costs the same however many sessions there are.
 */
@ApplicationScoped
public class OfferContexts {

    /** How much of the conversation (its last messages) a conference's or transfer's offer carries. */
    static final int CONVERSATION_LIMIT = 50;
    /** How many of the first messages a customer's offer reads, for the customer's first one. */
    static final int OPENING_LIMIT = 5;

    /** An offer's context: the messages it shows, and the page the customer started on (or null). */
    public record OfferContext(List<ChatMessage> conversation, CustomerPage page) {

        public OfferContext {
            conversation = List.copyOf(conversation);
        }

        public static final OfferContext NONE = new OfferContext(List.of(), null);
    }

    private final ChatRepository chat;

    public OfferContexts(ChatRepository chat) {
        this.chat = chat;
    }

    /** Keeps the page a new session was started on, inside the caller's transaction. */
    public Uni<Void> remember(UUID sessionId, CustomerPage page, Instant at) {
        SessionPageEntity entity = new SessionPageEntity();
        entity.sessionId = sessionId;
        entity.url = page.url();
        entity.title = page.title();
        entity.at = at;
        return Panache.getSession().flatMap(s -> s.persist(entity));
    }

    /** The context of an offer made for {@code purpose}, inside the caller's reactive session. */
    public Uni<OfferContext> read(UUID sessionId, Queued.Purpose purpose) {
        if (purpose != Queued.Purpose.SERVE) {
            return chat.latest(sessionId, CONVERSATION_LIMIT).map(messages -> new OfferContext(messages, null));
        }
        return chat.after(sessionId, 0, OPENING_LIMIT, false).flatMap(messages -> Panache.getSession()
                .flatMap(s -> s.find(SessionPageEntity.class, sessionId))
                .map(page -> new OfferContext(messages, page == null ? null : page.toPage())));
    }
}
