package io.parley.system.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.session.Leg;
import io.parley.session.ServiceSession;
import io.smallrye.mutiny.Uni;

/**
 * Reads and writes a service-session (its header, its legs and its event log) for a change, in as few statements
 * as the change allows, on the caller's transaction: a change locks the header (one statement), reads the legs and
 * open offers (one), and writes header, legs and new log entries (one, however many of each). The rows are plain
 * SQL on the transaction's own connection rather than managed entities: nothing is hydrated, dirty-checked or
 * flushed per change, and the other writes of the change (offers, queue places, agents) still go through
 * Hibernate on the same connection, in the same transaction.
 *
 * <p>The lock and the read are two statements on purpose. PostgreSQL re-reads a row that {@code FOR UPDATE} waited
 * for, but a subquery of the same statement keeps the statement's snapshot: legs read with the lock could be
 * older than the header they come with. Read after the lock, they are what the previous writer committed.
 */
@ApplicationScoped
public class SessionStore {

    private static final TypeReference<List<List<Object>>> ROWS = new TypeReference<>() {
    };

    /** The header's columns, in the order {@link #header(Object[])} reads them; what a read adds comes after. */
    private static final int HEADER_COLUMNS = 14;
    private static final String HEADER = """
            s.id, s.service_id, s.subject, s.state, s.version, s.transfer, s.room_key, s.created_at, s.ended_at,
            s.end_reason, s.last_event_seq, s.last_chat_seq, s.queue, s.queued_since""";

    /** The legs in joining order and, for a queued session, its open offers: each a JSON array of rows. */
    private static final String LEGS_AND_OFFERS = """
            (select json_agg(json_build_array(l.id, l.position, l.endpoint_kind, l.endpoint_id, l.role, l.state,
                    l.channels, l.since, l.label, l.supervision, l.link_bound_at) order by l.position)::text
                from leg l where l.session_id = s.id),
            case when s.queue is not null then (select json_agg(json_build_array(o.id, o.agent_id, o.made_at,
                    o.expires_at) order by o.made_at, o.id)::text
                from offer o where o.session_id = s.id and o.state = 'open') end""";

    private static final String LOCK = "select " + HEADER + " from service_session s where s.id = $1 for update";
    private static final String LOCK_ROOM = "select " + HEADER
            + " from service_session s where s.room_key = $1 for update";
    private static final String LEGS = "select " + LEGS_AND_OFFERS + " from service_session s where s.id = $1";
    private static final String READ = "select " + HEADER + ", " + LEGS_AND_OFFERS
            + " from service_session s where s.id = $1";

    /**
     * The header (inserted for a new session, updated otherwise), the legs that are new or changed, and the new
     * log entries, in one statement. A second open room for a subject fails here, on the header's unique index.
     */
    private static final String WRITE = """
            with header as (
                insert into service_session (id, service_id, subject, state, version, transfer, room_key, created_at,
                    ended_at, end_reason, last_event_seq, queue, queued_since)
                values ($1::uuid, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9::timestamptz, $10, $11, $12,
                    $13::timestamptz)
                on conflict (id) do update set service_id = excluded.service_id, state = excluded.state,
                    version = excluded.version, transfer = excluded.transfer, room_key = excluded.room_key,
                    ended_at = excluded.ended_at, end_reason = excluded.end_reason,
                    last_event_seq = excluded.last_event_seq, queue = excluded.queue,
                    queued_since = excluded.queued_since),
            legs as (
                insert into leg (id, session_id, position, endpoint_kind, endpoint_id, role, state, channels, since,
                    label, supervision, link_bound_at)
                select l.id, $1::uuid, l.position, l.kind, l.endpoint, l.role, l.state, l.channels, l.since, l.label,
                    l.supervision, l.bound
                from unnest($14::uuid[], $15::int[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[],
                    $21::timestamptz[], $22::text[], $23::text[], $24::timestamptz[])
                    as l(id, position, kind, endpoint, role, state, channels, since, label, supervision, bound)
                on conflict (id) do update set role = excluded.role, state = excluded.state,
                    channels = excluded.channels, since = excluded.since, supervision = excluded.supervision,
                    link_bound_at = coalesce(leg.link_bound_at, excluded.link_bound_at))
            insert into session_event (session_id, seq, type, at, actor, payload)
            select $1::uuid, e.seq, e.type, $25::timestamptz, e.actor, e.payload
            from unnest($26::bigint[], $27::text[], $28::text[], $29::text[]) as e(seq, type, actor, payload)""";

    /** Log entries for a session nothing else changes in (a refused request, a note). */
    private static final String APPEND = """
            with header as (update service_session set last_event_seq = $2 where id = $1::uuid)
            insert into session_event (session_id, seq, type, at, actor, payload)
            select $1::uuid, e.seq, e.type, $3::timestamptz, e.actor, e.payload
            from unnest($4::bigint[], $5::text[], $6::text[], $7::text[]) as e(seq, type, actor, payload)""";

    private final SessionMapping mapping;
    private final ObjectMapper json;

    public SessionStore(SessionMapping mapping, ObjectMapper json) {
        this.mapping = mapping;
        this.json = json;
    }

    /**
     * A session as loaded for a change: its header and legs as stored (the write compares against them) and the
     * model built from them.
     */
    public record Loaded(SessionEntity header, List<LegEntity> legs, ServiceSession session) {
    }

    /** One entry for the event log: what happened, who asked (or null), the details. */
    public record LogLine(String type, String actor, Map<String, Object> data) {
    }

    /** Loads the session and locks its row until the transaction ends: one writer per session at a time. */
    public Uni<Optional<Loaded>> lock(UUID id) {
        return lockedBy(LOCK, id);
    }

    /** The open room of a subject-room service for this subject, locked. */
    public Uni<Optional<Loaded>> lockOpenRoom(String serviceId, String subject) {
        return lockedBy(LOCK_ROOM, SessionMapping.roomKey(serviceId, subject));
    }

    private Uni<Optional<Loaded>> lockedBy(String lock, Object key) {
        return TransactionSql.select(lock, key).flatMap(headers -> {
            if (headers.isEmpty()) {
                return Uni.createFrom().item(Optional.empty());
            }
            SessionEntity header = header(headers.getFirst());
            return TransactionSql.select(LEGS, header.id).map(rows -> Optional.of(loaded(header, rows.getFirst(), 0)));
        });
    }

    /** The session as committed, header and legs from one snapshot; nothing locked. */
    public Uni<Optional<Loaded>> read(UUID id) {
        return TransactionSql.select(READ, id)
                .map(rows -> rows.stream().findFirst().map(row -> loaded(header(row), row, HEADER_COLUMNS)));
    }

    /** A new session, stored with its first change's {@link #write}. */
    public Loaded create(ServiceSession opened, boolean room) {
        SessionEntity header = new SessionEntity();
        header.id = UUID.fromString(opened.id());
        header.serviceId = opened.serviceId();
        header.subject = opened.subject();
        header.createdAt = opened.createdAt();
        header.roomKey = room ? SessionMapping.roomKey(opened.serviceId(), opened.subject()) : null;
        mapping.copyHeader(opened, header);
        return new Loaded(header, new ArrayList<>(), opened);
    }

    /**
     * Writes the session's new state over what was loaded, and {@code lines} to its event log after what it
     * holds: one statement. The loaded rows are brought up to date, for a later write in the same transaction.
     */
    public Uni<Void> write(Loaded loaded, ServiceSession next, List<LogLine> lines, Instant at) {
        return Uni.createFrom().deferred(() -> {
            SessionEntity header = loaded.header();
            mapping.copyHeader(next, header);
            if (next.isEnded()) {
                header.roomKey = null;
            }
            List<LegEntity> changed = changedLegs(loaded, next);
            Object[] log = logColumns(header, lines);
            Object[] legs = legColumns(changed);
            Object[] params = new Object[29];
            params[0] = header.id;
            params[1] = header.serviceId;
            params[2] = header.subject;
            params[3] = header.state;
            params[4] = header.version;
            params[5] = header.transfer;
            params[6] = header.roomKey;
            params[7] = TransactionSql.time(header.createdAt);
            params[8] = TransactionSql.time(header.endedAt);
            params[9] = header.endReason;
            params[10] = header.lastEventSeq;
            params[11] = header.queue;
            params[12] = TransactionSql.time(header.queuedSince);
            System.arraycopy(legs, 0, params, 13, legs.length);
            params[24] = TransactionSql.time(at);
            System.arraycopy(log, 0, params, 25, log.length);
            return TransactionSql.update(WRITE, params);
        });
    }

    /** Appends entries to the event log of a session that is otherwise left as it is. */
    public Uni<Void> append(Loaded loaded, List<LogLine> lines, Instant at) {
        return Uni.createFrom().deferred(() -> {
            if (lines.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Object[] log = logColumns(loaded.header(), lines);
            return TransactionSql.update(APPEND,
                    new Object[] {loaded.header().id, loaded.header().lastEventSeq, TransactionSql.time(at), log[0],
                            log[1], log[2], log[3]});
        });
    }

    public Uni<Void> append(Loaded loaded, String type, String actor, Map<String, Object> data, Instant at) {
        return append(loaded, List.of(new LogLine(type, actor, data)), at);
    }

    // ----------------------------------------------------------------------------------------------

    /** The legs of {@code next} that are new or differ from their stored rows, the stored rows updated. */
    private List<LegEntity> changedLegs(Loaded loaded, ServiceSession next) {
        Map<UUID, LegEntity> stored = new HashMap<>();
        loaded.legs().forEach(leg -> stored.put(leg.id, leg));
        List<LegEntity> changed = new ArrayList<>();
        int position = loaded.legs().size();
        for (Leg leg : next.legs()) {
            LegEntity entity = stored.get(UUID.fromString(leg.id()));
            boolean added = entity == null;
            if (added) {
                entity = new LegEntity();
                entity.id = UUID.fromString(leg.id());
                entity.sessionId = loaded.header().id;
                entity.position = position++;
                entity.endpointKind = leg.endpoint().kind().wire();
                entity.endpointId = leg.endpoint().id();
                entity.label = leg.label();
                loaded.legs().add(entity);
            }
            // A supervisor switches mode, or takes the session over and is a CSR from then on.
            String role = leg.role().wire();
            String supervision = leg.supervision() == null ? null : leg.supervision().wire();
            String state = leg.state().wire();
            String channels = mapping.writeChannels(leg.channels());
            boolean differs = !role.equals(entity.role) || !Objects.equals(supervision, entity.supervision)
                    || !state.equals(entity.state) || !channels.equals(entity.channels)
                    || !leg.since().equals(entity.since) || entity.linkBoundPending;
            entity.role = role;
            entity.supervision = supervision;
            entity.state = state;
            entity.channels = channels;
            entity.since = leg.since();
            if (added || differs) {
                changed.add(entity);
                entity.linkBoundPending = false;
            }
        }
        return changed;
    }

    private static Object[] legColumns(List<LegEntity> legs) {
        int n = legs.size();
        UUID[] ids = new UUID[n];
        Integer[] positions = new Integer[n];
        String[] kinds = new String[n];
        String[] endpoints = new String[n];
        String[] roles = new String[n];
        String[] states = new String[n];
        String[] channels = new String[n];
        OffsetDateTime[] since = new OffsetDateTime[n];
        String[] labels = new String[n];
        String[] supervision = new String[n];
        OffsetDateTime[] bound = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            LegEntity leg = legs.get(i);
            ids[i] = leg.id;
            positions[i] = leg.position;
            kinds[i] = leg.endpointKind;
            endpoints[i] = leg.endpointId;
            roles[i] = leg.role;
            states[i] = leg.state;
            channels[i] = leg.channels;
            since[i] = TransactionSql.time(leg.since);
            labels[i] = leg.label;
            supervision[i] = leg.supervision;
            bound[i] = TransactionSql.time(leg.linkBoundAt);
        }
        return new Object[] {ids, positions, kinds, endpoints, roles, states, channels, since, labels, supervision,
                bound};
    }

    /** The new entries' columns, numbered after the header's counter, which they advance. */
    private Object[] logColumns(SessionEntity header, List<LogLine> lines) {
        int n = lines.size();
        Long[] seqs = new Long[n];
        String[] types = new String[n];
        String[] actors = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            seqs[i] = ++header.lastEventSeq;
            types[i] = lines.get(i).type();
            actors[i] = lines.get(i).actor();
            payloads[i] = mapping.write(lines.get(i).data());
        }
        return new Object[] {seqs, types, actors, payloads};
    }

    private static SessionEntity header(Object[] row) {
        SessionEntity header = new SessionEntity();
        header.id = (UUID) row[0];
        header.serviceId = (String) row[1];
        header.subject = (String) row[2];
        header.state = (String) row[3];
        header.version = ((Number) row[4]).longValue();
        header.transfer = (String) row[5];
        header.roomKey = (String) row[6];
        header.createdAt = TransactionSql.instant(row[7]);
        header.endedAt = TransactionSql.instant(row[8]);
        header.endReason = (String) row[9];
        header.lastEventSeq = ((Number) row[10]).longValue();
        header.lastChatSeq = ((Number) row[11]).longValue();
        header.queue = (String) row[12];
        header.queuedSince = TransactionSql.instant(row[13]);
        return header;
    }

    /** The header with the legs and open offers found in {@code row} from column {@code at} on. */
    private Loaded loaded(SessionEntity header, Object[] row, int at) {
        List<LegEntity> legs = new ArrayList<>();
        for (List<Object> leg : rows((String) row[at])) {
            LegEntity entity = new LegEntity();
            entity.id = UUID.fromString((String) leg.get(0));
            entity.sessionId = header.id;
            entity.position = ((Number) leg.get(1)).intValue();
            entity.endpointKind = (String) leg.get(2);
            entity.endpointId = (String) leg.get(3);
            entity.role = (String) leg.get(4);
            entity.state = (String) leg.get(5);
            entity.channels = (String) leg.get(6);
            entity.since = jsonInstant(leg.get(7));
            entity.label = (String) leg.get(8);
            entity.supervision = (String) leg.get(9);
            entity.linkBoundAt = jsonInstant(leg.get(10));
            legs.add(entity);
        }
        List<OfferEntity> offers = new ArrayList<>();
        for (List<Object> offer : rows((String) row[at + 1])) {
            OfferEntity entity = new OfferEntity();
            entity.id = UUID.fromString((String) offer.get(0));
            entity.sessionId = header.id;
            entity.agentId = (String) offer.get(1);
            entity.madeAt = jsonInstant(offer.get(2));
            entity.expiresAt = jsonInstant(offer.get(3));
            offers.add(entity);
        }
        return new Loaded(header, legs, mapping.toModel(header, legs, offers));
    }

    private List<List<Object>> rows(String column) {
        if (column == null) {
            return List.of();
        }
        try {
            return json.readValue(column, ROWS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable rows: " + column, e);
        }
    }

    /** A {@code timestamptz} as PostgreSQL writes it in JSON (ISO 8601 with an offset). */
    private static Instant jsonInstant(Object value) {
        return value == null ? null : OffsetDateTime.parse((String) value).toInstant();
    }
}
