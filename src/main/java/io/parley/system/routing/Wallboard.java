package io.parley.system.routing;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.service.ServiceCatalogue;
import io.parley.session.CsrState;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.ServiceSession;
import io.parley.system.store.CsrSituations;
import io.parley.system.store.SessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * What the floor sees at once: every service's figures, every agent with its state and the sessions it is in, and
 * who waits. A supervisor's wallboard loads it, then again as the live stream says something changed.
 */
@ApplicationScoped
public class Wallboard {

    /** Every staff leg in an open session: whose, which session, of what, since when, and as what. */
    private static final String STAFF_LEGS = """
            select l.endpoint_id, s.id::text as session_id, s.service_id, s.subject, l.since, l.role, l.supervision
            from leg l join service_session s on s.id = l.session_id
            where l.endpoint_kind = 'csr' and l.state in ('invited', 'joining', 'connected') and s.state <> 'ended'
            order by l.since""";

    /** A session an agent (or supervisor) is in: {@code role} csr or supervisor, with the supervision mode. */
    public record Engaged(String session, String service, String subject, Instant since, String role,
            String supervision) {
    }

    public record AgentOnBoard(String id, String name, CsrState state, int activeSessions, int maxSessions,
            List<Engaged> sessions) {
    }

    /** A customer waiting: the session, for what, since when, and the reference staff labelled it with. */
    public record Waiting(String session, String service, String subject, String purpose, Instant since,
            String customer) {
    }

    public record Board(Instant at, List<ServiceStats.Stats> services, List<AgentOnBoard> agents,
            List<Waiting> waiting) {
    }

    private final ServiceStats stats;
    private final CsrSituations situations;
    private final ServiceCatalogue catalogue;
    private final SessionRepository sessions;
    private final Pool pool;
    private final Clock clock;

    public Wallboard(ServiceStats stats, CsrSituations situations, ServiceCatalogue catalogue,
            SessionRepository sessions,
            Pool pool, Clock clock) {
        this.stats = stats;
        this.situations = situations;
        this.catalogue = catalogue;
        this.sessions = sessions;
        this.pool = pool;
        this.clock = clock;
    }

    /** The waiting sessions and the agents are read once, for the figures and for the lists. */
    public Uni<Board> now() {
        Instant at = clock.instant();
        return Panache.withSession(() -> sessions.queued().flatMap(queued -> situations.all().flatMap(
                situation -> stats.figures(catalogue.all(), queued, situation).flatMap(services -> staffLegs()
                        .map(engaged -> new Board(at, services, situation.csrs().stream()
                                .map(csr -> new AgentOnBoard(csr.endpoint().id(), csr.displayName(), csr.state(),
                                        csr.activeSessions(), csr.maxSessions(),
                                        engaged.getOrDefault(csr.endpoint().id(), List.of())))
                                .toList(),
                                queued.stream().map(Wallboard::waiting).toList()))))));
    }

    private Uni<Map<String, List<Engaged>>> staffLegs() {
        return pool.query(STAFF_LEGS).execute().map(rows -> {
            Map<String, List<Engaged>> byAgent = new HashMap<>();
            for (Row row : rows) {
                OffsetDateTime since = row.getOffsetDateTime("since");
                byAgent.computeIfAbsent(row.getString("endpoint_id"), id -> new ArrayList<>()).add(new Engaged(
                        row.getString("session_id"), row.getString("service_id"), row.getString("subject"),
                        since.toInstant(), row.getString("role"), row.getString("supervision")));
            }
            return byAgent;
        });
    }

    private static Waiting waiting(ServiceSession session) {
        String customer = session.legs().stream().filter(leg -> leg.role() == LegRole.CUSTOMER).map(Leg::label)
                .filter(label -> label != null).findFirst().orElse(null);
        return new Waiting(session.id(), session.serviceId(), session.queue().subject(),
                session.queue().purpose().wire(), session.queue().since(), customer);
    }
}
