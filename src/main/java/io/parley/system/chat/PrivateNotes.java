package io.parley.system.chat;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.session.Leg;
import io.parley.session.Refusal;
import io.parley.session.Requester;
import io.parley.system.Outcome;
import io.parley.system.change.SessionTransaction;
import io.parley.system.store.SessionStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Private notes over REST: staff with a leg in the open session (a CSR, a supervisor in any mode, an operator
 * observing) write a note kept with the transcript for staff only. On a chat socket a note is a message marked
 * {@code note}; both are stored by the {@link ChatWriter}, in the same order as the chat.
 */
@ApplicationScoped
public class PrivateNotes {

    private final SessionStore sessions;
    private final ChatWriter writer;

    public PrivateNotes(SessionStore sessions, ChatWriter writer) {
        this.sessions = sessions;
        this.writer = writer;
    }

    public Uni<Outcome<ChatWriter.Posted>> write(Requester by, UUID sessionId, String clientId, String text) {
        if (by.endpoint().isCustomer()) {
            return Uni.createFrom().item(Outcome.refused(Refusal.Code.NOT_PERMITTED, "private notes are for staff"));
        }
        return Panache.withSession(() -> sessions.read(sessionId)).flatMap(found -> {
            Optional<Refusal> closed = SessionTransaction.openSession(found, sessionId);
            if (closed.isPresent()) {
                return Uni.createFrom().item(Outcome.<ChatWriter.Posted>refused(closed.get()));
            }
            Optional<Leg> leg = found.get().session().activeLegOf(by.endpoint());
            if (leg.isEmpty()) {
                return Uni.createFrom().item(Outcome.refused(Refusal.Code.NOT_A_MEMBER, by.endpoint()
                        + " is not in this session: join it (a supervisor: monitor it) to write a note"));
            }
            return writer.note(sessionId, leg.get().id(), clientId, text);
        });
    }
}
