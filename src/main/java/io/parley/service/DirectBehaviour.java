package io.parley.service;

import java.util.List;

import io.parley.session.Decision;
import io.parley.session.EndpointRef;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.Refusal;
import io.parley.session.Request;
import io.parley.session.ServiceSession;
import io.parley.session.Situation;
import io.parley.session.Verdict;

/** {@code direct}: an endpoint names the other endpoint; the session ends when one side is left alone. */
final class DirectBehaviour extends Behaviour {

    DirectBehaviour(ServiceDefinition definition) {
        super(definition);
    }

    @Override
    protected Verdict start(ServiceSession session, Request.Start start, Situation situation) {
        EndpointRef by = start.by().endpoint();
        if (start.with() == null) {
            return Verdict.refuse(Refusal.Code.ENDPOINT_REQUIRED, "service " + definition.id()
                    + " connects two named endpoints: name the other one (with)");
        }
        if (start.with().equals(by)) {
            return Verdict.refuse(Refusal.Code.ALREADY_IN_SESSION, "a session with oneself is no session");
        }
        return mayName(start.by(), start.with()).or(() -> checkSubject(start.subject(), false))
                .or(() -> checkTarget(session, start.with(), situation))
                .<Verdict>map(Verdict.Refused::new)
                .orElseGet(() -> Verdict.allow(by + " opens a session with " + start.with(),
                        new Decision.AddLeg(by, LegRole.of(by.kind()), LegState.JOINING),
                        new Decision.AddLeg(start.with(), LegRole.of(start.with().kind()), LegState.INVITED)));
    }

    @Override
    protected List<Decision> afterLegEnded(ServiceSession session, Leg ended, Situation situation) {
        long parties = session.activeLegs().stream().filter(Leg::isParty).count();
        return parties < 2 ? List.of(new Decision.EndSession("the other side left")) : List.of();
    }
}
