package io.parley.system.reads;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.chat.ChatMessage;
import io.parley.chat.ChatRepository;
import io.parley.chat.TranscriptPage;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.Refusal;
import io.parley.session.Requester;
import io.parley.session.ServiceSession;
import io.parley.system.Outcome;
import io.parley.system.store.SessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A returning customer's earlier conversations with the service, for the staff who may read the session it is in
 * now: found by its visitor id (the same visitor token) or by the reference staff named it with. Staff read an
 * earlier one's transcript through the session they are serving, whoever served the earlier one; nobody else
 * reads more than before.
 */
@ApplicationScoped
public class CustomerHistory {

    /** Earlier sessions listed at most. */
    static final int MOST = 20;

    private final SessionReads reads;
    private final SessionRepository sessions;
    private final ChatRepository chat;

    public CustomerHistory(SessionReads reads, SessionRepository sessions, ChatRepository chat) {
        this.reads = reads;
        this.sessions = sessions;
        this.chat = chat;
    }

    /** The customer's earlier sessions with the service, newest first. Two indexed reads after the session's. */
    public Uni<Outcome<List<ServiceSession>>> of(Requester by, UUID sessionId) {
        if (by.endpoint().isCustomer()) {
            return Uni.createFrom().item(Outcome.refused(Refusal.Code.NOT_PERMITTED,
                    "a customer's history is for staff"));
        }
        return Panache.withSession(() -> reads.readable(by, sessionId).flatMap(outcome -> outcome.thenUni(
                readable -> earlier(readable.session()).map(Outcome::done))));
    }

    /** An earlier session's transcript, staff's view, when it is in the history of the session {@code by} reads. */
    public Uni<Outcome<TranscriptPage<ChatMessage>>> transcript(Requester by, UUID sessionId, UUID earlierId,
            long afterSeq) {
        return of(by, sessionId).flatMap(outcome -> outcome.thenUni(history -> history.stream()
                .anyMatch(earlier -> earlier.id().equals(earlierId.toString()))
                        ? Panache.withSession(() -> chat.after(earlierId, afterSeq, TranscriptPage.MOST_MESSAGES, true))
                                .map(messages -> Outcome.done(TranscriptPage.read(messages)))
                        : Uni.createFrom().item(Outcome.<TranscriptPage<ChatMessage>>refused(
                                Refusal.Code.SESSION_NOT_FOUND, "no earlier session " + earlierId
                                        + " of this customer"))));
    }

    private Uni<List<ServiceSession>> earlier(ServiceSession session) {
        List<Leg> customers = session.legs().stream().filter(leg -> leg.role() == LegRole.CUSTOMER).toList();
        Set<String> ids = customers.stream().map(leg -> leg.endpoint().id()).collect(Collectors.toSet());
        Set<String> labels = customers.stream().map(Leg::label).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return sessions.customerHistory(session.serviceId(), ids, labels, UUID.fromString(session.id()), MOST);
    }
}
