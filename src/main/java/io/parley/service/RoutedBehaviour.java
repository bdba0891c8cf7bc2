package io.parley.service;

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
import io.parley.session.ServiceSession;
import io.parley.session.SessionState;
import io.parley.session.Situation;
import io.parley.session.Verdict;

/**
 * {@code routed}: a customer asks about a subject; the service picks the best CSR by its routing
 * strategy, or the session waits; the session ends when the customer leaves, and looks for another CSR
 * when every CSR has left.
 */
final class RoutedBehaviour extends Behaviour {

    RoutedBehaviour(ServiceDefinition definition) {
        super(definition);
    }

    @Override
    protected Verdict start(ServiceSession session, Request.Start start, Situation situation) {
        EndpointRef by = start.by().endpoint();
        if (by.isCsr()) {
            if (start.with() == null || !start.with().isCustomer()) {
                return Verdict.refuse(Refusal.Code.ENDPOINT_REQUIRED, "a CSR starts a routed session with a customer");
            }
            return checkSubject(start.subject(), false).<Verdict>map(Verdict.Refused::new)
                    .orElseGet(() -> Verdict.allow(by + " opens a session with " + start.with(),
                            new Decision.AddLeg(by, LegRole.CSR, LegState.JOINING),
                            new Decision.AddLeg(start.with(), LegRole.CUSTOMER, LegState.INVITED)));
        }
        Optional<Refusal> refusal = checkSubject(start.subject(), true);
        if (refusal.isPresent()) {
            return new Verdict.Refused(refusal.get());
        }
        Decision customer = new Decision.AddLeg(by, LegRole.of(by.kind()), LegState.JOINING);
        String about = start.subject() == null ? "" : " about " + start.subject();
        if (start.with() != null) {
            if (!start.with().isCsr()) {
                return Verdict.refuse(Refusal.Code.ONLY_CSRS, "a routed session is with a CSR, not " + start.with());
            }
            return checkTarget(session, start.with(), situation).<Verdict>map(Verdict.Refused::new)
                    .orElseGet(() -> Verdict.allow(by + " asks " + definition.id() + about + " for " + start.with(),
                            customer, new Decision.AddLeg(start.with(), LegRole.CSR, LegState.INVITED)));
        }
        return Verdict.allow(by + " asks " + definition.id() + about, customer,
                new Decision.SetState(SessionState.WAITING, "waiting for a CSR" + about),
                new Decision.Enqueue(Queued.Purpose.SERVE, start.subject(), null, null, by + " asks " + definition.id()
                        + about));
    }

    @Override
    protected List<Decision> afterLegEnded(ServiceSession session, Leg ended, Situation situation) {
        if (ended.role() == LegRole.CUSTOMER) {
            return List.of(new Decision.EndSession("customer left"));
        }
        if (ended.role() != LegRole.CSR || !session.activeLegsIn(LegRole.CSR).isEmpty()) {
            return List.of();
        }
        Decision waiting = new Decision.SetState(SessionState.WAITING, "all CSRs left; waiting for a CSR");
        if (session.queued().isPresent()) {
            // The queue entry (a transfer or conference being routed) turns into the customer's own wait.
            return List.of(waiting);
        }
        return List.of(waiting, new Decision.Enqueue(Queued.Purpose.SERVE, session.subject(), null, null,
                "all CSRs left"));
    }
}
