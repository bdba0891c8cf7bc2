package io.parley.service;

import java.util.List;
import java.util.Optional;

import io.parley.routing.Ranking;
import io.parley.session.Candidate;
import io.parley.session.Decision;
import io.parley.session.EndpointRef;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.Refusal;
import io.parley.session.Request;
import io.parley.session.ServiceSession;
import io.parley.session.SessionState;
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
    protected Verdict start(ServiceSession session, Request.Start start, List<Candidate> candidates) {
        EndpointRef by = start.by().endpoint();
        if (by.isCsr()) {
            if (start.with() == null || !start.with().isCustomer()) {
                return Verdict.refuse(Refusal.Code.ENDPOINT_REQUIRED, "a CSR starts a routed session with a customer");
            }
            return checkSubject(start.subject(), false).<Verdict>map(Verdict.Refused::new).orElseGet(() ->
                    Verdict.allow(by + " opens a session with " + start.with(),
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
            return checkTarget(session, start.with(), candidates).<Verdict>map(Verdict.Refused::new)
                    .orElseGet(() -> Verdict.allow(by + " asks " + definition.id() + about + " for " + start.with(),
                            customer, new Decision.AddLeg(start.with(), LegRole.CSR, LegState.INVITED)));
        }
        Ranking ranking = rank(session, start.subject(), candidates);
        return ranking.best()
                .map(best -> Verdict.allow(by + " asks " + definition.id() + about + "; " + ranking.explain(),
                        customer, new Decision.AddLeg(best.endpoint(), LegRole.CSR, LegState.INVITED)))
                .orElseGet(() -> Verdict.allow(by + " asks " + definition.id() + about + " and waits; "
                        + ranking.explain(), customer, new Decision.SetState(SessionState.WAITING,
                                "no CSR available" + about + ": " + ranking.explain())));
    }

    @Override
    protected List<Decision> afterLegEnded(ServiceSession session, Leg ended, List<Candidate> candidates) {
        if (ended.role() == LegRole.CUSTOMER) {
            return List.of(new Decision.EndSession("customer left"));
        }
        if (ended.role() != LegRole.CSR || !session.activeLegsIn(LegRole.CSR).isEmpty()) {
            return List.of();
        }
        Ranking ranking = rank(session, session.subject(), candidates);
        return ranking.best()
                .<List<Decision>>map(best -> List.of(new Decision.AddLeg(best.endpoint(), LegRole.CSR,
                        LegState.INVITED)))
                .orElseGet(() -> List.of(new Decision.SetState(SessionState.WAITING,
                        "all CSRs left; waiting for a CSR: " + ranking.explain())));
    }
}
