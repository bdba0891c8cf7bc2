package io.parley.system.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.agent.Agent;
import io.parley.agent.AgentNames;
import io.parley.agent.AgentService;
import io.parley.agent.AgentStates;
import io.parley.agent.Presence;
import io.parley.agent.SkillsConverter;
import io.parley.session.Candidate;
import io.parley.session.CsrState;
import io.parley.session.EndpointRef;
import io.parley.session.Situation;
import io.smallrye.mutiny.Uni;

/**
 * The CSRs as routing sees them now (presence, load, skills, open offers), read for a decision: every CSR when a
 * decision picks among all of them, or only those a decision looks at. Runs inside the caller's reactive session.
 */
@ApplicationScoped
public class CsrSituations {

    private static final SkillsConverter SKILLS = new SkillsConverter();

    /** Agents of the directory among {@code $1}, with their load and whether an offer of theirs is open. */
    private static final String SCOPED = """
            select a.id, a.display_name, a.skills, a.max_sessions, a.presence, a.presence_since, a.idle_since,
                a.wrap_up_until, a.missed_offers, a.last_offered_at, a.talk_millis, a.state,
                (select count(distinct l.session_id) from leg l where l.endpoint_kind = 'csr' and l.role = 'csr'
                    and l.endpoint_id = a.id and l.state in ('invited', 'joining', 'connected')),
                exists (select 1 from offer o where o.agent_id = a.id and o.state = 'open')
            from agent a where a.id = any($1::text[]) and a.removed_at is null order by a.id""";

    private final AgentService agents;
    private final SessionRepository sessions;
    private final RoutingRepository routing;
    private final AgentNames names;
    private final Clock clock;

    public CsrSituations(AgentService agents, SessionRepository sessions, RoutingRepository routing,
            AgentNames names, Clock clock) {
        this.names = names;
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
     * The CSRs of {@code scope} as routing sees them now, in one statement: each agent's row with its count of
     * active sessions and whether it has an open offer, read by the indexes on agent id, active legs by endpoint
     * and open offers by agent: as many rows as the scope has CSRs (none for a scope without any), however many
     * agents, sessions and offers there are. Used per change, so plain SQL (see {@link TransactionSql}).
     */
    public Uni<Situation> of(Set<EndpointRef> scope) {
        String[] ids = scope.stream().filter(EndpointRef::isCsr).map(EndpointRef::id).toArray(String[]::new);
        if (ids.length == 0) {
            return Uni.createFrom().item(Situation.scoped(List.of(), scope, clock.instant()));
        }
        return TransactionSql.select(SCOPED, (Object) ids).map(rows -> {
            Instant now = clock.instant();
            List<Agent> found = new ArrayList<>();
            List<Candidate> candidates = new ArrayList<>();
            for (Object[] row : rows) {
                Agent agent = new Agent((String) row[0], (String) row[1], SKILLS.convertToEntityAttribute(
                        (String) row[2]), ((Number) row[3]).intValue(), Presence.valueOf((String) row[4]),
                        TransactionSql.instant(row[5]), TransactionSql.instant(row[6]), TransactionSql.instant(row[7]),
                        ((Number) row[8]).intValue(),
                        TransactionSql.instant(row[9]), Duration.ofMillis(((Number) row[10]).longValue()),
                        CsrState.fromWire(
                                (String) row[11]));
                found.add(agent);
                candidates.add(toCandidate(agent, ((Number) row[12]).intValue(), (Boolean) row[13], now));
            }
            names.rememberAll(found);
            return Situation.scoped(candidates, scope, now);
        });
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
