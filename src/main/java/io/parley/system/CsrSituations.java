package io.parley.system;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.agent.Agent;
import io.parley.agent.AgentService;
import io.parley.agent.AgentStates;
import io.parley.agent.Presence;
import io.parley.session.Candidate;
import io.parley.session.EndpointRef;
import io.parley.session.Situation;
import io.smallrye.mutiny.Uni;

/**
 * The CSRs as routing sees them now (presence, load, skills, open offers), read for a decision: every CSR when a
 * decision picks among all of them, or only those a decision looks at. Runs inside the caller's reactive session.
 */
@ApplicationScoped
public class CsrSituations {

    private final AgentService agents;
    private final SessionRepository sessions;
    private final RoutingRepository routing;
    private final Clock clock;

    public CsrSituations(AgentService agents, SessionRepository sessions, RoutingRepository routing, Clock clock) {
        this.agents = agents;
        this.sessions = sessions;
        this.routing = routing;
        this.clock = clock;
    }

    /** Every CSR as routing sees them now, inside the caller's reactive session. */
    public Uni<Situation> all() {
        return agents.listInSession().flatMap(all -> sessions.activeSessionsPerCsr().flatMap(active -> routing
                .openOffers().map(offers -> {
                    Instant now = clock.instant();
                    return new Situation(candidates(all, active, offers, now), now);
                })));
    }

    /**
     * The CSRs of {@code scope} as routing sees them now: three indexed reads of as many rows as the scope has
     * CSRs (none for a scope without any), however many agents, sessions and offers there are.
     */
    public Uni<Situation> of(Set<EndpointRef> scope) {
        List<String> ids = scope.stream().filter(EndpointRef::isCsr).map(EndpointRef::id).toList();
        return agents.listInSession(ids).flatMap(found -> sessions.activeSessionsPerCsr(ids).flatMap(active -> routing
                .openOffersOf(ids).map(offers -> {
                    Instant now = clock.instant();
                    return Situation.scoped(candidates(found, active, offers, now), scope, now);
                })));
    }

    private static List<Candidate> candidates(List<Agent> agents, Map<String, Integer> active,
            List<RoutingRepository.StoredOffer> offers, Instant now) {
        Set<String> offered = offers.stream().map(RoutingRepository.StoredOffer::agentId).collect(Collectors.toSet());
        return agents.stream().map(agent -> toCandidate(agent, active.getOrDefault(agent.id(), 0),
                offered.contains(agent.id()), now)).toList();
    }

    private static Candidate toCandidate(Agent agent, int activeSessions, boolean offered, Instant now) {
        return new Candidate(EndpointRef.csr(agent.id()), agent.displayName(), AgentStates.of(agent, activeSessions,
                now), agent.skills(), activeSessions, agent.maxSessions(), agent.idleSince(), agent.lastOfferedAt(),
                agent.talkTime(), offered, agent.presence() == Presence.AVAILABLE ? agent.presenceSince() : null);
    }
}
