package io.parley.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.parley.session.Decision;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.QueueOutcome;
import io.parley.session.Queued;
import io.parley.session.Refusal;
import io.parley.session.Request;
import io.parley.session.ServiceSession;
import io.parley.session.SessionState;
import io.parley.session.Supervision;
import io.parley.session.Verdict;

/**
 * Who may monitor, whisper, barge in and take over, the same in every behaviour: supervisors only, in the ways
 * the service allows; a supervisor already in the session as a CSR stays one. Pure: no I/O, no clock.
 */
final class Supervising {

    private Supervising() {
    }

    static Verdict supervise(ServiceDefinition definition, ServiceSession session, Request.Supervise request) {
        if (!request.by().supervisor()) {
            return Verdict.refuse(Refusal.Code.NOT_PERMITTED, "only a supervisor monitors, whispers or barges in");
        }
        Supervision mode = request.mode();
        if (!definition.allow().supervision().contains(mode)) {
            return Verdict.refuse(Refusal.Code.SUPERVISION_NOT_ALLOWED, "service " + definition.id()
                    + " does not allow " + mode.wire());
        }
        Optional<Leg> leg = session.activeLegOf(request.by().endpoint());
        if (leg.isPresent() && leg.get().role() != LegRole.SUPERVISOR) {
            return Verdict.refuse(Refusal.Code.ALREADY_IN_SESSION, request.by().endpoint() + " is in the session as "
                    + leg.get().role().wire());
        }
        String what = leg.isEmpty() ? "joins to " + mode.wire() : "switches from " + leg.get().supervision().wire()
                + " to " + mode.wire();
        return Verdict.allow("supervisor " + request.by().endpoint().id() + " " + what,
                new Decision.Supervise(request.by().endpoint(), mode));
    }

    /**
     * A supervisor who barged in takes the session over: its leg becomes the CSR's first (so the session is never
     * without one), then the CSRs there leave; a customer still waiting for a CSR is answered.
     */
    static Verdict takeOver(ServiceSession session, Request.TakeOver request) {
        Optional<Leg> found = session.activeLegOf(request.by().endpoint());
        if (found.isEmpty()) {
            return Verdict.refuse(Refusal.Code.NOT_A_MEMBER, request.by().endpoint() + " is not in this session");
        }
        Leg leg = found.get();
        if (leg.supervision() != Supervision.BARGE) {
            return Verdict.refuse(Refusal.Code.NOT_PERMITTED, "a supervisor barges in before taking over");
        }
        if (session.pendingTransfer().isPresent()) {
            return Verdict.refuse(Refusal.Code.TRANSFER_IN_PROGRESS, "a transfer is under way; take over after it");
        }
        if (session.queued().filter(Queued::forSecondCsr).isPresent()) {
            return Verdict.refuse(Refusal.Code.ROUTING_IN_PROGRESS,
                    "a second CSR is being found; call it off (cancel) first");
        }
        String reason = "taken over by " + request.by().endpoint();
        List<Decision> decisions = new ArrayList<>();
        decisions.add(new Decision.TakeOver(leg.id(), reason));
        session.activeLegsIn(LegRole.CSR).forEach(csr -> decisions.add(new Decision.EndLeg(csr.id(), LegState.LEFT,
                reason)));
        if (session.queued().isPresent()) {
            decisions.add(new Decision.Dequeue(QueueOutcome.ANSWERED, reason));
        }
        if (session.state() == SessionState.WAITING) {
            decisions.add(new Decision.SetState(SessionState.ACTIVE, reason));
        }
        return Verdict.allow("supervisor " + request.by().endpoint().id() + " takes the session over", decisions);
    }

    /** A supervisor the customer does not see acts unseen: it may not end the session. */
    static Optional<Refusal> mayEnd(ServiceSession session, Request.End request) {
        return session.activeLegOf(request.by().endpoint()).filter(Leg::hiddenFromCustomers)
                .map(leg -> Refusal.of(Refusal.Code.NOT_PERMITTED, "a supervisor who "
                        + leg.supervision().wire() + "s barges in before ending the session"));
    }
}
