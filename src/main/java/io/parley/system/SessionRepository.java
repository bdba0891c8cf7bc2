package io.parley.system;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.session.Channel;
import io.parley.session.ChannelState;
import io.parley.session.EndpointKind;
import io.parley.session.EndpointRef;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.Offer;
import io.parley.session.PendingTransfer;
import io.parley.session.Queued;
import io.parley.session.ServiceSession;
import io.parley.session.SessionState;
import io.parley.session.Supervision;
import io.parley.session.TransferMode;
import io.parley.session.WireName;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Stores service-sessions (header, legs) and their event logs. Every method runs inside the caller's
 * reactive session or transaction.
 */
@ApplicationScoped
public class SessionRepository {

    private static final List<String> ACTIVE_LEG_STATES = List.of("invited", "joining", "connected");
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public SessionRepository(ObjectMapper json) {
        this.json = json;
    }

    /** A session as loaded: its stored rows and the model built from them. */
    public record Loaded(SessionEntity header, List<LegEntity> legs, ServiceSession session) {
    }

    /** Loads the session and locks its row until the transaction ends: one writer per session at a time. */
    public Uni<Optional<Loaded>> lock(UUID id) {
        return session().flatMap(s -> s.find(SessionEntity.class, id, LockMode.PESSIMISTIC_WRITE))
                .flatMap(this::withLegs);
    }

    public Uni<Optional<Loaded>> read(UUID id) {
        return session().flatMap(s -> s.find(SessionEntity.class, id)).flatMap(this::withLegs);
    }

    /** The open room of a subject-room service for this subject, locked. */
    public Uni<Optional<Loaded>> lockOpenRoom(String serviceId, String subject) {
        return session().flatMap(s -> s.createSelectionQuery("from SessionEntity where roomKey = :key",
                SessionEntity.class)
                .setParameter("key", roomKey(serviceId, subject))
                .setLockMode(LockMode.PESSIMISTIC_WRITE)
                .getSingleResultOrNull())
                .flatMap(this::withLegs);
    }

    /** Stores a new session's header (its legs come with {@link #save}). */
    public Uni<Loaded> create(ServiceSession opened, boolean room) {
        SessionEntity header = new SessionEntity();
        header.id = UUID.fromString(opened.id());
        header.serviceId = opened.serviceId();
        header.subject = opened.subject();
        header.createdAt = opened.createdAt();
        header.roomKey = room ? roomKey(opened.serviceId(), opened.subject()) : null;
        copyHeader(opened, header);
        return session().flatMap(s -> s.persist(header)).replaceWith(new Loaded(header, new ArrayList<>(), opened));
    }

    /** Writes the session's new state over what was loaded. */
    public Uni<Void> save(Loaded loaded, ServiceSession next) {
        copyHeader(next, loaded.header());
        if (next.isEnded()) {
            loaded.header().roomKey = null;
        }
        Map<UUID, LegEntity> stored = new HashMap<>();
        loaded.legs().forEach(leg -> stored.put(leg.id, leg));
        List<LegEntity> added = new ArrayList<>();
        int position = loaded.legs().size();
        for (Leg leg : next.legs()) {
            LegEntity entity = stored.get(UUID.fromString(leg.id()));
            if (entity == null) {
                entity = new LegEntity();
                entity.id = UUID.fromString(leg.id());
                entity.sessionId = loaded.header().id;
                entity.position = position++;
                entity.endpointKind = leg.endpoint().kind().wire();
                entity.endpointId = leg.endpoint().id();
                entity.label = leg.label();
                added.add(entity);
            }
            // A supervisor switches mode, or takes the session over and is a CSR from then on.
            entity.role = leg.role().wire();
            entity.supervision = leg.supervision() == null ? null : leg.supervision().wire();
            entity.state = leg.state().wire();
            entity.channels = writeChannels(leg.channels());
            entity.since = leg.since();
        }
        loaded.legs().addAll(added);
        return added.isEmpty() ? Uni.createFrom().voidItem() : session().flatMap(s -> s.persistAll(added.toArray()));
    }

    /** One entry for the event log: what happened, who asked (or null), the details. */
    public record LogLine(String type, String actor, Map<String, Object> data) {
    }

    /** Appends an entry to the session's event log; the header's counter gives it the next number. */
    public Uni<Void> append(SessionEntity header, String type, String actor, Map<String, Object> data, Instant at) {
        return appendAll(header, List.of(new LogLine(type, actor, data)), at);
    }

    /** Appends entries to the session's event log in order, written together. */
    public Uni<Void> appendAll(SessionEntity header, List<LogLine> lines, Instant at) {
        Object[] events = new Object[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            SessionEventEntity event = new SessionEventEntity();
            event.sessionId = header.id;
            event.seq = ++header.lastEventSeq;
            event.type = lines.get(i).type();
            event.at = at;
            event.actor = lines.get(i).actor();
            event.payload = write(lines.get(i).data());
            events[i] = event;
        }
        return events.length == 0 ? Uni.createFrom().voidItem() : session().flatMap(s -> s.persistAll(events));
    }

    public Uni<List<LoggedEvent>> events(UUID sessionId, long afterSeq) {
        return session().flatMap(s -> s.createSelectionQuery(
                "from SessionEventEntity where sessionId = :id and seq > :after order by seq", SessionEventEntity.class)
                .setParameter("id", sessionId)
                .setParameter("after", afterSeq)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new LoggedEvent(row.seq, row.type, row.at, row.actor, readObject(row.payload)))
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
                            .map(h -> toModel(h, bySession.getOrDefault(h.id, List.of()),
                                    offers.getOrDefault(h.id, List.of())))
                            .toList();
                }));
    }

    private Uni<Optional<Loaded>> withLegs(SessionEntity header) {
        if (header == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return session().flatMap(s -> s.createSelectionQuery("from LegEntity where sessionId = :id order by position",
                LegEntity.class)
                .setParameter("id", header.id)
                .getResultList()
                .flatMap(legs -> openOffers(s, List.of(header)).map(offers -> Optional.of(new Loaded(header,
                        new ArrayList<>(legs), toModel(header, legs, offers.getOrDefault(header.id, List.of())))))));
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
    public Uni<List<ServiceSession>> queued() {
        return session().flatMap(s -> s.createSelectionQuery(
                "from SessionEntity where queuedSince is not null and state <> 'ended' order by queuedSince, id",
                SessionEntity.class).getResultList().flatMap(headers -> legsOf(s, headers)));
    }

    private ServiceSession toModel(SessionEntity header, List<LegEntity> legs, List<OfferEntity> offers) {
        List<Leg> model = legs.stream()
                .map(leg -> new Leg(leg.id.toString(),
                        new EndpointRef(EndpointKind.fromWire(leg.endpointKind), leg.endpointId),
                        WireName.parse(LegRole.class, leg.role), WireName.parse(LegState.class, leg.state),
                        readChannels(leg.channels), leg.since, leg.label,
                        leg.supervision == null ? null : WireName.parse(Supervision.class, leg.supervision)))
                .toList();
        return new ServiceSession(header.id.toString(), header.serviceId, header.subject,
                SessionState.fromWire(header.state), model, readTransfer(header.transfer), readQueue(header.queue,
                        offers),
                header.version, header.createdAt, header.endedAt, header.endReason);
    }

    private void copyHeader(ServiceSession session, SessionEntity header) {
        header.state = session.state().wire();
        header.version = session.version();
        header.transfer = session.pendingTransfer().map(this::writeTransfer).orElse(null);
        header.serviceId = session.serviceId();
        header.queue = session.queued().map(this::writeQueue).orElse(null);
        header.queuedSince = session.queued().map(Queued::since).orElse(null);
        header.endedAt = session.endedAt();
        header.endReason = session.endReason();
    }

    private String writeChannels(Map<Channel, ChannelState> channels) {
        Map<String, String> wire = new LinkedHashMap<>();
        channels.forEach((channel, state) -> wire.put(channel.wire(), state.wire()));
        return write(wire);
    }

    private Map<Channel, ChannelState> readChannels(String column) {
        Map<Channel, ChannelState> channels = new EnumMap<>(Channel.class);
        read(column, STRING_MAP).forEach((channel, state) -> channels.put(Channel.fromWire(channel),
                ChannelState.fromWire(state)));
        return channels;
    }

    private String writeTransfer(PendingTransfer transfer) {
        return write(Map.of("fromLegId", transfer.fromLegId(), "toLegId", transfer.toLegId(), "mode",
                transfer.mode().wire(), "deadline", transfer.deadline().toString()));
    }

    private PendingTransfer readTransfer(String column) {
        if (column == null) {
            return null;
        }
        Map<String, String> fields = read(column, STRING_MAP);
        return new PendingTransfer(fields.get("fromLegId"), fields.get("toLegId"),
                TransferMode.fromWire(fields.get("mode")), Instant.parse(fields.get("deadline")));
    }

    private String writeQueue(Queued queue) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("purpose", queue.purpose().wire());
        fields.put("subject", queue.subject());
        fields.put("since", queue.since().toString());
        fields.put("fromLegId", queue.fromLegId());
        fields.put("mode", queue.mode() == null ? null : queue.mode().wire());
        Map<String, String> passed = new TreeMap<>();
        queue.passed().forEach((csr, at) -> passed.put(csr.toString(), at.toString()));
        fields.put("passedAt", passed);
        if (queue.forNamedCsr()) {
            fields.put("named", queue.named().toString());
        }
        if (queue.note() != null) {
            fields.put("note", queue.note());
        }
        return write(fields);
    }

    private Queued readQueue(String column, List<OfferEntity> offers) {
        if (column == null) {
            return null;
        }
        Map<String, Object> fields = readObject(column);
        Instant since = Instant.parse((String) fields.get("since"));
        Map<EndpointRef, Instant> passed = new LinkedHashMap<>();
        if (fields.get("passedAt") instanceof Map<?, ?> passedAt) {
            passedAt.forEach((csr, at) -> passed.put(EndpointRef.parse((String) csr), Instant.parse((String) at)));
        } else if (fields.get("passed") instanceof List<?> before) {
            // Stored before the times were: passed over since the wait began.
            before.forEach(csr -> passed.put(EndpointRef.parse((String) csr), since));
        }
        Object mode = fields.get("mode");
        return new Queued(WireName.parse(Queued.Purpose.class, (String) fields.get("purpose")),
                (String) fields.get("subject"), since,
                (String) fields.get("fromLegId"), mode == null ? null : TransferMode.fromWire((String) mode), passed,
                offers.stream().map(row -> new Offer(row.id.toString(), EndpointRef.csr(row.agentId), row.madeAt,
                        row.expiresAt)).toList(),
                fields.get("named") instanceof String named ? EndpointRef.parse(named) : null,
                (String) fields.get("note"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store as JSON: " + value, e);
        }
    }

    private Map<String, Object> readObject(String column) {
        return read(column, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    private <T> T read(String column, TypeReference<T> type) {
        try {
            return json.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + column, e);
        }
    }

    private static String roomKey(String serviceId, String subject) {
        return serviceId + "/" + subject;
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
