package io.parley.system.change;

import java.util.List;

import io.parley.agent.StateChange;
import io.parley.session.Leg;
import io.parley.session.ServiceSession;
import io.parley.session.SessionEvent;
import io.parley.system.offers.OfferContexts;

/**
 * A change that was decided, stored and committed.
 *
 * @param created the request opened a new session (rather than acting on an existing one)
 * @param addedLegs legs the change added (joining requester, invited endpoints)
 * @param explanation the service instance's account of what it decided and why
 * @param agentChanges agents whose state the change set (away after unanswered offers)
 * @param offerContext what the offers the change made show of the session (the chat, the customer's page)
 */
public record Change(ServiceSession session, List<SessionEvent> events, List<Leg> addedLegs, boolean created,
        String explanation, List<StateChange> agentChanges, OfferContexts.OfferContext offerContext) {

    public Change {
        events = List.copyOf(events);
        addedLegs = List.copyOf(addedLegs);
        agentChanges = List.copyOf(agentChanges);
        offerContext = offerContext == null ? OfferContexts.OfferContext.NONE : offerContext;
    }
}
