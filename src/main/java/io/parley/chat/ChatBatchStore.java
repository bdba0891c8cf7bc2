package io.parley.chat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.session.EndpointKind;
import io.parley.session.EndpointRef;
import io.parley.session.WireName;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores many chat messages, of many sessions, in one SQL statement (one transaction, one round trip): the
 * group commit of the chat path. For each message it checks that its leg is active in the open session,
 * leaves out one sent before with the same client id (answering the stored one), numbers the new ones per
 * session after the session's last number, without gaps, and stores them. The sessions' rows are locked in
 * id order first, so batches from several replicas, and session changes, take turns without deadlock.
 *
 * <p>Why SQL here when the rest of the model is stored through Hibernate Reactive: this is the one path that
 * runs per message, and a statement over arrays does for a whole batch what the entity path does in seven
 * round trips per message (lock, legs, dedup, names, insert, update, commit).
 */
@ApplicationScoped
public class ChatBatchStore {

    /** A message to store: from the leg of the session, with the sender's id for it. */
    /** A message to store; {@code note}: a private note of staff (the caller has checked the sender is staff). */
    public record Pending(UUID sessionId, UUID legId, String clientId, String text, Instant sentAt, boolean note) {
    }

    /** What became of a pending message: stored (or stored before: {@code duplicate}), or refused. */
    public sealed interface Result {

        record Stored(ChatMessage message, boolean duplicate) implements Result {
        }

        /** The leg is not active in an open session (it left, was removed, or the session ended). */
        record NotInSession() implements Result {
        }

        /** The leg is a monitoring supervisor's: it sends nothing. */
        record Muted() implements Result {
        }
    }

    private static final String STORE = """
            with input as (
                select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[],
                    $6::boolean[]) with ordinality as i(session_id, leg_id, client_id, body, sent_at, note, ord)
            ),
            sender as (
                select i.*, l.endpoint_kind, l.endpoint_id, l.supervision,
                       case when i.note or l.supervision = 'whisper' then 'staff' else 'all' end as audience,
                       coalesce(a.display_name, case l.endpoint_kind when 'customer' then 'Customer'
                           when 'system' then 'Operator' else l.endpoint_id end) as sender_name,
                       min(i.ord) over (partition by i.session_id, l.endpoint_kind, l.endpoint_id, i.client_id)
                           as first_ord
                from input i
                join leg l on l.id = i.leg_id and l.session_id = i.session_id
                    and l.state in ('invited', 'joining', 'connected')
                left join agent a on l.endpoint_kind = 'csr' and a.id = l.endpoint_id
            ),
            sent_before as (
                select s.ord, m.seq, m.sender_name, m.body, m.sent_at, m.sender_leg, m.audience, m.note
                from sender s
                join chat_message m on m.session_id = s.session_id and m.sender_kind = s.endpoint_kind
                    and m.sender_id = s.endpoint_id and m.client_id = s.client_id
            ),
            fresh as (
                select s.* from sender s
                where s.ord = s.first_ord and (s.note or s.supervision is distinct from 'monitor')
                    and not exists (select 1 from sent_before b where b.ord = s.ord)
            ),
            locked as (
                select ss.id, ss.last_chat_seq from service_session ss
                where ss.id in (select distinct session_id from fresh) and ss.state <> 'ended'
                order by ss.id
                for update
            ),
            numbered as (
                select f.*, l.last_chat_seq + row_number() over (partition by f.session_id order by f.ord) as seq
                from fresh f join locked l on l.id = f.session_id
            ),
            bumped as (
                update service_session ss set last_chat_seq = n.top
                from (select session_id, max(seq) as top from numbered group by session_id) n
                where ss.id = n.session_id
                returning ss.id
            ),
            stored as (
                insert into chat_message (session_id, seq, client_id, sender_kind, sender_id, sender_leg,
                    sender_name, body, sent_at, audience, note)
                select session_id, seq, client_id, endpoint_kind, endpoint_id, leg_id, sender_name, body, sent_at,
                    audience, note
                from numbered
                where session_id in (select id from bumped)
                returning session_id, seq
            )
            select s.ord, s.session_id, n.seq, s.ord <> s.first_ord as duplicate, n.sender_name, n.body, n.sent_at,
                   s.endpoint_kind, s.endpoint_id, n.leg_id, s.client_id, n.audience, n.note
            from sender s
            join numbered n on n.session_id = s.session_id and n.endpoint_kind = s.endpoint_kind
                and n.endpoint_id = s.endpoint_id and n.client_id = s.client_id
            where exists (select 1 from stored t where t.session_id = n.session_id and t.seq = n.seq)
            union all
            select s.ord, s.session_id, b.seq, true, b.sender_name, b.body, b.sent_at, s.endpoint_kind, s.endpoint_id,
                   b.sender_leg, s.client_id, b.audience, b.note
            from sender s join sent_before b on b.ord = s.ord
            union all
            select s.ord, s.session_id, null, false, s.sender_name, s.body, s.sent_at, s.endpoint_kind, s.endpoint_id,
                   s.leg_id, s.client_id, s.audience, s.note
            from sender s
            where s.supervision = 'monitor' and not s.note
                and not exists (select 1 from sent_before b where b.ord = s.ord)
            """;

    private final Pool pool;

    public ChatBatchStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores the batch; answers a result for each pending message, in the same order. */
    public Uni<List<Result>> store(List<Pending> batch) {
        int size = batch.size();
        UUID[] sessions = new UUID[size];
        UUID[] legs = new UUID[size];
        String[] clientIds = new String[size];
        String[] bodies = new String[size];
        OffsetDateTime[] sentAt = new OffsetDateTime[size];
        Boolean[] notes = new Boolean[size];
        for (int i = 0; i < size; i++) {
            Pending pending = batch.get(i);
            sessions[i] = pending.sessionId();
            legs[i] = pending.legId();
            clientIds[i] = pending.clientId();
            bodies[i] = pending.text();
            sentAt[i] = pending.sentAt().atOffset(ZoneOffset.UTC);
            notes[i] = pending.note();
        }
        return pool.preparedQuery(STORE).execute(Tuple.of(sessions, legs, clientIds, bodies, sentAt, notes))
                .map(rows -> {
                    Map<Long, Result> byOrd = new HashMap<>();
                    for (Row row : rows) {
                        // A resend (before, or inside the batch) answers the stored one's number as a duplicate;
                        // a monitoring supervisor's message has none: it is not stored.
                        byOrd.put(row.getLong("ord"), row.getLong("seq") == null ? new Result.Muted()
                                : new Result.Stored(message(row), row.getBoolean("duplicate")));
                    }
                    List<Result> results = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        results.add(byOrd.getOrDefault((long) i + 1, new Result.NotInSession()));
                    }
                    return results;
                });
    }

    private static ChatMessage message(Row row) {
        return new ChatMessage(row.getUUID("session_id"), row.getLong("seq"), row.getString("client_id"),
                new EndpointRef(EndpointKind.fromWire(row.getString("endpoint_kind")), row.getString("endpoint_id")),
                row.getUUID("leg_id").toString(), row.getString("sender_name"), row.getString("body"),
                row.getOffsetDateTime("sent_at").toInstant(),
                WireName.parse(Audience.class, row.getString("audience")),
                row.getBoolean("note"));
    }
}
