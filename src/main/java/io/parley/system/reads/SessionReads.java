package io.parley.system.reads;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.chat.ChatMessage;
import io.parley.chat.ChatRepository;
import io.parley.chat.TranscriptPage;
import io.parley.session.ReadAccess;
import io.parley.session.Refusal;
import io.parley.session.Requester;
import io.parley.session.ServiceSession;
import io.parley.session.SessionState;
import io.parley.system.Outcome;
import io.parley.system.store.LoggedEvent;
import io.parley.system.store.RoutingRepository;
import io.parley.system.store.SessionRepository;
import io.parley.system.store.SessionStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Reading sessions: rosters, lists, transcripts and event logs, each as far as {@link ReadAccess} lets the
 * requester. One read of the session decides; a CSR who is not in the session costs one more lookup (was
 * it offered the session?).
 */
@ApplicationScoped
public class SessionReads {

    private static final int LIST_LIMIT = 200;

    private final SessionRepository sessions;
    private final SessionStore store;
    private final RoutingRepository routing;
    private final ChatRepository chat;

    public SessionReads(SessionRepository sessions, SessionStore store, RoutingRepository routing,
            ChatRepository chat) {
        this.sessions = sessions;
        this.store = store;
        this.routing = routing;
        this.chat = chat;
    }

    /** A session with what its reader may read of it. */
    public record Readable(ServiceSession session, ReadAccess access) {
    }

    public Uni<Outcome<ServiceSession>> find(Requester by, UUID sessionId) {
        return Panache.withSession(() -> readable(by, sessionId)).map(outcome -> outcome.map(Readable::session));
    }

    /** Operators and supervisors list every session; a CSR those it is or was in or was offered; a customer its own. */
    public Uni<List<ServiceSession>> list(Requester by, Optional<String> serviceId, Optional<SessionState> state) {
        if (by.readsAll()) {
            return Panache.withSession(() -> sessions.list(serviceId, state, LIST_LIMIT));
        }
        return Panache.withSession(() -> by.endpoint().isCsr()
                ? sessions.listForAgent(by.endpoint().id(), LIST_LIMIT)
                : sessions.listFor(by.endpoint(), LIST_LIMIT))
                .map(all -> all.stream()
                        .filter(s -> serviceId.map(s.serviceId()::equals).orElse(true))
                        .filter(s -> state.map(st -> s.state() == st).orElse(true))
                        .toList());
    }

    /**
     * A page of the transcript after {@code afterSeq} (at most {@link TranscriptPage#MOST_MESSAGES}, saying
     * whether more follow); for a customer no longer in the session, until it left.
     */
    public Uni<Outcome<TranscriptPage<ChatMessage>>> transcript(Requester by, UUID sessionId, long afterSeq) {
        return Panache.withSession(() -> readable(by, sessionId).flatMap(outcome -> outcome.thenUni(
                readable -> chat.after(sessionId, afterSeq, TranscriptPage.MOST_MESSAGES, !by.endpoint().isCustomer())
                        .map(TranscriptPage::read)
                        .map(page -> Outcome.done(switch (readable.access()) {
                            case ReadAccess.Until until -> page.readableOnly(m -> !m.sentAt().isAfter(until.left()));
                            case ReadAccess.Everything everything -> page;
                            case ReadAccess.Forbidden forbidden -> new TranscriptPage<ChatMessage>(List.of(), false);
                            case ReadAccess.Hidden hidden -> new TranscriptPage<ChatMessage>(List.of(), false);
                        })))));
    }

    /** The session's event log: staff who may read the session (it names every endpoint and every decision). */
    public Uni<Outcome<List<LoggedEvent>>> events(Requester by, UUID sessionId, long afterSeq) {
        if (!by.readsAll() && !by.endpoint().isCsr()) {
            return Uni.createFrom().item(Outcome.refused(Refusal.Code.NOT_PERMITTED,
                    "the event log is for CSRs, supervisors and operators"));
        }
        return Panache.withSession(() -> readable(by, sessionId).flatMap(outcome -> outcome.thenUni(
                readable -> sessions.events(sessionId, afterSeq).map(Outcome::done))));
    }

    /**
     * The session and what {@code by} may read of it, or the refusal: {@code session-not-found} for a missing
     * or hidden session, {@code not-permitted} for staff who may not read it. Runs in the caller's session.
     */
    public Uni<Outcome<Readable>> readable(Requester by, UUID sessionId) {
        return store.read(sessionId).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(notFound(sessionId));
            }
            ServiceSession session = found.get().session();
            Uni<Boolean> offered = ReadAccess.asksWhetherOffered(by, session)
                    ? routing.wasOffered(sessionId, by.endpoint().id())
                    : Uni.createFrom().item(false);
            return offered.map(wasOffered -> decided(session, ReadAccess.of(by, session, wasOffered)));
        });
    }

    private static Outcome<Readable> decided(ServiceSession session, ReadAccess access) {
        return switch (access) {
            case ReadAccess.Hidden hidden -> notFound(session.id());
            case ReadAccess.Forbidden forbidden -> Outcome.refused(Refusal.Code.NOT_PERMITTED, forbidden.reason());
            case ReadAccess.Everything everything -> Outcome.done(new Readable(session, access));
            case ReadAccess.Until until -> Outcome.done(new Readable(session, access));
        };
    }

    private static Outcome<Readable> notFound(Object sessionId) {
        // Not "forbidden": a customer must not learn which session ids exist.
        return Outcome.refused(Refusal.Code.SESSION_NOT_FOUND, "no session " + sessionId);
    }
}
