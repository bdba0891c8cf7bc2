package io.parley.system.change;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.parley.agent.StateChange;
import io.parley.session.Leg;
import io.parley.session.LegState;
import io.parley.session.ServiceSession;
import io.parley.session.SessionEvent;
import io.parley.system.Outcome;
import io.parley.system.SessionNotice;
import io.parley.system.SystemConfig;

/**
 * Tells the rest of the service what a committed change did: the change itself (fan-out, routing, the replicas,
 * deadlines follow it), an invitation with connection details for each CSR a change invited, each offer made or
 * closed, and the agents' state changes it caused. Never before the commit: what is announced is stored.
 */
@ApplicationScoped
public class ChangeAnnouncer {

    private final Event<SessionNotice> notices;
    private final Event<StateChange> agentNotices;
    private final ConnectionIssuer issuer;
    private final SystemConfig config;

    public ChangeAnnouncer(Event<SessionNotice> notices, Event<StateChange> agentNotices, ConnectionIssuer issuer,
            SystemConfig config) {
        this.notices = notices;
        this.agentNotices = agentNotices;
        this.issuer = issuer;
        this.config = config;
    }

    /**
     * Announces a committed change (its transfer deadlines are armed by
     * {@link io.parley.system.deadlines.TransferDeadlines}, which follows the announcements) and sends invitations
     * to running consoles; {@code base} is where the request reached this service, or null for the configured
     * public URL.
     */
    public Outcome<Change> afterCommit(Outcome<Change> outcome, URI base) {
        if (!(outcome instanceof Outcome.Done<Change> done) || done.value().events().isEmpty()) {
            return outcome;
        }
        Change change = done.value();
        ServiceSession session = change.session();
        URI reachedAt = base != null ? base : config.publicUrl();
        notices.fire(new SessionNotice.Changed(session, change.events()));
        for (Leg leg : change.addedLegs()) {
            if (leg.state() == LegState.INVITED && leg.endpoint().isCsr() && session.leg(leg.id())
                    .filter(Leg::isActive).isPresent()) {
                notices.fire(new SessionNotice.Invited(session, leg, issuer.details(reachedAt, session, leg),
                        reachedAt));
            }
        }
        // Offers have notices of their own (an agent's console hears of its offers, not of the session).
        for (SessionEvent event : change.events()) {
            if (event instanceof SessionEvent.OfferMade made
                    && session.queued().flatMap(q -> q.offer(made.offer().id())).isPresent()) {
                notices.fire(new SessionNotice.Offered(session, made.offer(), made.purpose(), made.subject(),
                        change.offerContext().conversation(), change.offerContext().page()));
            } else if (event instanceof SessionEvent.OfferClosed closed) {
                notices.fire(new SessionNotice.OfferClosed(session.id(), closed.offer(), closed.outcome(),
                        closed.reason()));
            }
        }
        change.agentChanges().forEach(agentNotices::fire);
        return outcome;
    }
}
