package io.parley.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.parley.session.Decision;
import io.parley.session.EndpointRef;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.Queued;
import io.parley.session.Refusal;
import io.parley.session.Request;
import io.parley.session.Requester;
import io.parley.session.ServiceSession;
import io.parley.session.Situation;
import io.parley.session.Verdict;

/**
 * {@code subject-room}: one open session per subject. Asking for the subject joins the open room or
 * opens it; a customer alone with no CSR in the room brings in whoever fits; the room ends when empty.
 */
final class SubjectRoomBehaviour extends Behaviour {

    SubjectRoomBehaviour(ServiceDefinition definition) {
        super(definition);
    }

    @Override
    public boolean sessionsAreSubjectRooms() {
        return true;
    }

    @Override
    protected Verdict start(ServiceSession session, Request.Start start, Situation situation) {
        EndpointRef by = start.by().endpoint();
        if (start.subject() == null) {
            return Verdict.refuse(Refusal.Code.SUBJECT_REQUIRED, "a room is for a subject: name one");
        }
        Optional<Refusal> refusal = checkSubject(start.subject(), true);
        if (refusal.isPresent()) {
            return new Verdict.Refused(refusal.get());
        }
        List<Decision> decisions = new ArrayList<>();
        boolean opening = session.legs().isEmpty();
        StringBuilder explanation = new StringBuilder(by + (opening ? " opens" : " joins") + " the room for "
                + start.subject());
        ServiceSession view = session;
        if (!session.isMember(by)) {
            Optional<Refusal> full = roomFor(session, by, false);
            if (full.isPresent()) {
                return new Verdict.Refused(full.get());
            }
            decisions.add(new Decision.AddLeg(by, LegRole.of(by.kind()), LegState.JOINING));
        }
        if (start.with() != null) {
            Optional<Refusal> target = checkTarget(view, start.with(), situation)
                    .or(() -> roomFor(view, start.with(), false));
            if (target.isPresent()) {
                return new Verdict.Refused(target.get());
            }
            decisions.add(new Decision.AddLeg(start.with(), LegRole.of(start.with().kind()), LegState.INVITED));
            explanation.append(" with ").append(start.with());
        } else if (by.isCustomer() && session.activeLegsIn(LegRole.CSR).isEmpty() && session.queued().isEmpty()
                && roomFor(view, EndpointRef.csr("?"), false).isEmpty()) {
            decisions.add(new Decision.Enqueue(Queued.Purpose.SERVE, start.subject(), null, null,
                    "no CSR in the room"));
            explanation.append("; no CSR in the room: waiting for one");
        }
        return Verdict.allow(explanation.toString(), decisions);
    }

    @Override
    protected Verdict joinUninvited(ServiceSession session, Requester by) {
        return roomFor(session, by.endpoint(), false).<Verdict>map(Verdict.Refused::new)
                .orElseGet(() -> Verdict.allow(by.endpoint() + " joins the room",
                        new Decision.AddLeg(by.endpoint(), LegRole.of(by.endpoint().kind()), LegState.JOINING)));
    }

    @Override
    protected List<Decision> afterLegEnded(ServiceSession session, Leg ended, Situation situation) {
        // Operators observing and supervisors do not keep a room open that its parties have left.
        return session.activeLegs().stream().noneMatch(Leg::isParty) ? List.of(new Decision.EndSession("room empty"))
                : List.of();
    }
}
