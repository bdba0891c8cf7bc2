package io.parley.system.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.parley.session.EndpointRef;
import io.parley.session.ServiceSession;
import io.parley.session.SessionState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Stores service-sessions (header, legs) and their event logs. Every method runs inside the caller's
 * reactive session or transaction.
 */
@ApplicationScoped
public class SessionRepository {

    private static final List<String> ACTIVE_LEG_STATES = List.of("invited", "joining", "connected");

    private final SessionMapping mapping;

    public SessionRepository(SessionMapping mapping) {
        this.mapping = mapping;
    }

    public Uni<List<LoggedEvent>> events(UUID sessionId, long afterSeq) {
        return session().flatMap(s -> s.createSelectionQuery(
                "from SessionEventEntity where sessionId = :id and seq > :after order by seq", SessionEventEntity.class)
                .setParameter("id", sessionId)
                .setParameter("after", afterSeq)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new LoggedEvent(row.seq, row.type, row.at, row.actor,
                                mapping.readObject(row.payload)))
                        .toList());
    }

    /** Sessions, newest first, optionally of one service and in one state. */
    public Uni<List<ServiceSession>> list(Optional<String> serviceId, Optional<SessionState> state, int limit) {
        StringBuilder query = new StringBuilder("from SessionEntity where 1 = 1");
        serviceId.ifPresent(id -> query.append(" and serviceId = :service"));
        state.ifPresent(st -> query.append(" and state = :state"));
        query.append(" order by createdAt desc");
        return session().flatMap(s -> {
            Mutiny.SelectionQuery<SessionEntity> select = s.createSelectionQuery(query.toString(), SessionEntity.class);
            serviceId.ifPresent(id -> select.setParameter("service", id));
            state.ifPresent(st -> select.setParameter("state", st.wire()));
            return select.setMaxResults(limit).getResultList().flatMap(headers -> legsOf(s, headers));
        });
    }

    /** Every session that has not ended. */
    public Uni<List<ServiceSession>> open() {
        return session().flatMap(s -> s.createSelectionQuery("from SessionEntity where state <> 'ended'",
                SessionEntity.class).getResultList().flatMap(headers -> legsOf(s, headers)));
    }

    /** Sessions in which the endpoint has (or had) a leg, newest first. */
    public Uni<List<ServiceSession>> listFor(EndpointRef endpoint, int limit) {
        return session().flatMap(s -> s.createSelectionQuery("""
                from SessionEntity h where exists (from LegEntity l where l.sessionId = h.id
                and l.endpointKind = :kind and l.endpointId = :id) order by h.createdAt desc""", SessionEntity.class)
                .setParameter("kind", endpoint.kind().wire())
                .setParameter("id", endpoint.id())
                .setMaxResults(limit)
                .getResultList()
                .flatMap(headers -> legsOf(s, headers)));
    }

    /**
     * The customer's other sessions with the service, newest first: those in which one of {@code customers} had a
     * leg, or a leg staff labelled with one of {@code labels} (a customer reference such as an e-mail address).
     */
    public Uni<List<ServiceSession>> customerHistory(String serviceId, Collection<String> customers,
            Collection<String> labels, UUID except, int limit) {
        if (customers.isEmpty() && labels.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String matches = customers.isEmpty() ? "l.label in :labels"
                : labels.isEmpty() ? "l.endpointId in :customers"
                        : "(l.endpointId in :customers or l.label in :labels)";
        return session().flatMap(s -> {
            Mutiny.SelectionQuery<SessionEntity> select = s.createSelectionQuery("""
                    from SessionEntity h where h.serviceId = :service and h.id <> :except and exists (from LegEntity l
                    where l.sessionId = h.id and l.role = 'customer' and %s) order by h.createdAt desc"""
                    .formatted(matches), SessionEntity.class)
                    .setParameter("service", serviceId)
                    .setParameter("except", except);
            if (!customers.isEmpty()) {
                select.setParameter("customers", List.copyOf(customers));
            }
            if (!labels.isEmpty()) {
                select.setParameter("labels", List.copyOf(labels));
            }
            return select.setMaxResults(limit).getResultList().flatMap(headers -> legsOf(s, headers));
        });
    }

    /** Sessions an agent is or was in, or was offered, newest first. */
    public Uni<List<ServiceSession>> listForAgent(String agentId, int limit) {
        return session().flatMap(s -> s.createSelectionQuery("""
                from SessionEntity h where exists (from LegEntity l where l.sessionId = h.id
                and l.endpointKind = 'csr' and l.endpointId = :id)
                or exists (from OfferEntity o where o.sessionId = h.id and o.agentId = :id)
                order by h.createdAt desc""", SessionEntity.class)
                .setParameter("id", agentId)
                .setMaxResults(limit)
                .getResultList()
                .flatMap(headers -> legsOf(s, headers)));
    }

    /** The open sessions the CSR is in (an active leg) or has an open offer of, oldest first. */
    public Uni<List<UUID>> openSessionsOf(String agentId) {
        return session().flatMap(s -> s.createSelectionQuery("""
                select h.id from SessionEntity h where h.state <> 'ended' and (exists (from LegEntity l
                where l.sessionId = h.id and l.endpointKind = 'csr' and l.endpointId = :id and l.state in :active)
                or exists (from OfferEntity o where o.sessionId = h.id and o.agentId = :id and o.state = 'open'))
                order by h.createdAt""", UUID.class)
                .setParameter("id", agentId)
                .setParameter("active", ACTIVE_LEG_STATES)
                .getResultList());
    }

    /** A CSR's leg that was invited before {@code before} and has not connected: (session id, leg id). */
    public record StaleInvitation(UUID sessionId, String legId) {
    }

    public Uni<List<StaleInvitation>> staleCsrInvitations(Instant before) {
        return session().flatMap(s -> s.createSelectionQuery("""
                select l.sessionId, l.id from LegEntity l, SessionEntity h where h.id = l.sessionId
                and h.state <> 'ended' and l.endpointKind = 'csr' and l.state in ('invited', 'joining')
                and l.since <= :before""", Object[].class)
                .setParameter("before", before)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new StaleInvitation((UUID) row[0], row[1].toString()))
                        .toList());
    }

    /** An active leg of an open session whose control channel was last reported disconnected. */
    public record LostControl(UUID sessionId, String legId) {
    }

    /**
     * The active legs of open sessions whose control channel was last reported disconnected, by their partial index
     * ({@code leg_control_lost}, V16): as many rows as there are such legs, however many sessions are open.
     */
    public Uni<List<LostControl>> lostControl() {
        return session().flatMap(s -> s.createNativeQuery("""
                select l.session_id, l.id from leg l join service_session h on h.id = l.session_id
                where h.state <> 'ended' and l.state in ('invited', 'joining', 'connected')
                and (cast(l.channels as jsonb) ->> 'control') = 'disconnected'""", Object[].class)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new LostControl((UUID) row[0], row[1].toString())).toList());
    }

    /** How many sessions each CSR has an active CSR's leg in (supervising one is no load). */
    public Uni<Map<String, Integer>> activeSessionsPerCsr() {
        return session().flatMap(s -> s.createSelectionQuery("""
                select l.endpointId, count(distinct l.sessionId) from LegEntity l
                where l.endpointKind = 'csr' and l.role = 'csr' and l.state in :active group by l.endpointId""",
                Object[].class)
                .setParameter("active", ACTIVE_LEG_STATES)
                .getResultList())
                .map(SessionRepository::counts);
    }

    /** How many sessions each of the CSRs {@code ids} has an active leg in (by the active legs' index). */
    public Uni<Map<String, Integer>> activeSessionsPerCsr(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session().flatMap(s -> s.createSelectionQuery("""
                select l.endpointId, count(distinct l.sessionId) from LegEntity l
                where l.endpointKind = 'csr' and l.role = 'csr' and l.endpointId in :ids and l.state in :active
                group by l.endpointId""", Object[].class)
                .setParameter("ids", List.copyOf(ids))
                .setParameter("active", ACTIVE_LEG_STATES)
                .getResultList())
                .map(SessionRepository::counts);
    }

    private static Map<String, Integer> counts(List<Object[]> rows) {
        Map<String, Integer> counts = new HashMap<>();
        rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).intValue()));
        return counts;
    }

    private Uni<List<ServiceSession>> legsOf(Mutiny.Session s, List<SessionEntity> headers) {
        if (headers.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = headers.stream().map(h -> h.id).toList();
        return s.createSelectionQuery("from LegEntity where sessionId in :ids order by position", LegEntity.class)
                .setParameter("ids", ids)
                .getResultList()
                .flatMap(legs -> openOffers(s, headers).map(offers -> {
                    Map<UUID, List<LegEntity>> bySession = new LinkedHashMap<>();
                    legs.forEach(leg -> bySession.computeIfAbsent(leg.sessionId, k -> new ArrayList<>()).add(leg));
                    return headers.stream()
                            .map(h -> mapping.toModel(h, bySession.getOrDefault(h.id, List.of()),
                                    offers.getOrDefault(h.id, List.of())))
                            .toList();
                }));
    }

    /** The open offers of the sessions that are queued (only those can have any). */
    private Uni<Map<UUID, List<OfferEntity>>> openOffers(Mutiny.Session s, List<SessionEntity> headers) {
        List<UUID> queued = headers.stream().filter(h -> h.queue != null).map(h -> h.id).toList();
        if (queued.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return s.createSelectionQuery("from OfferEntity where sessionId in :ids and state = 'open' order by madeAt, id",
                OfferEntity.class)
                .setParameter("ids", queued)
                .getResultList()
                .map(rows -> {
                    Map<UUID, List<OfferEntity>> bySession = new HashMap<>();
                    rows.forEach(row -> bySession.computeIfAbsent(row.sessionId, k -> new ArrayList<>()).add(row));
                    return bySession;
                });
    }

    /** Open sessions waiting in a queue, longest waiting first. */
    /** A session waiting in a queue: which, and since when. */
    public record Waiting(UUID sessionId, String serviceId, Instant since) {
    }

    /**
     * The open sessions waiting since {@code before} or earlier, by the queued sessions' index: those that have
     * waited at least as long as the shortest queue time-out, not every one waiting.
     */
    public Uni<List<Waiting>> waitingSince(Instant before) {
        return session().flatMap(s -> s.createSelectionQuery("""
                select id, serviceId, queuedSince from SessionEntity
                where queuedSince is not null and queuedSince <= :before and state <> 'ended'""", Object[].class)
                .setParameter("before", before)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new Waiting((UUID) row[0], (String) row[1], (Instant) row[2]))
                        .toList());
    }

    public Uni<List<ServiceSession>> queued() {
        return session().flatMap(s -> s.createSelectionQuery(
                "from SessionEntity where queuedSince is not null and state <> 'ended' order by queuedSince, id",
                SessionEntity.class).getResultList().flatMap(headers -> legsOf(s, headers)));
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
