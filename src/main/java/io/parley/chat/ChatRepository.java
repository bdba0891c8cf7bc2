package io.parley.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The chat transcript as it is read back (replay, transcripts, offers), and read receipts. Callers run these
 * inside their own reactive session; messages are written by {@link ChatBatchStore}.
 */
@ApplicationScoped
public class ChatRepository implements PanacheRepositoryBase<ChatMessageEntity, Long> {

    /**
     * The leg has read every message up to {@code seq}: kept as the highest number it said (a receipt that
     * arrives late changes nothing).
     */
    public Uni<Void> markRead(UUID sessionId, UUID legId, long seq, Instant at) {
        return getSession().flatMap(s -> s.createNativeQuery("""
                insert into chat_read (leg_id, session_id, seq, read_at) values (?1, ?2, ?3, ?4)
                on conflict (leg_id) do update set seq = excluded.seq, read_at = excluded.read_at
                where chat_read.seq < excluded.seq""")
                .setParameter(1, legId).setParameter(2, sessionId).setParameter(3, seq).setParameter(4, at)
                .executeUpdate()).replaceWithVoid();
    }

    /** How far each leg of the session has read, by leg id. */
    public Uni<Map<String, Long>> readMarks(UUID sessionId) {
        return getSession().flatMap(s -> s.createSelectionQuery("from ChatReadEntity where sessionId = :session",
                ChatReadEntity.class).setParameter("session", sessionId).getResultList())
                .map(marks -> marks.stream().collect(Collectors.toMap(mark -> mark.legId.toString(),
                        mark -> mark.seq)));
    }

    /**
     * Messages after {@code afterSeq}, in order, at most {@code limit}: for {@code staff} every one, for a customer
     * those for everybody (never a supervisor's whisper).
     */
    public Uni<List<ChatMessage>> after(UUID sessionId, long afterSeq, int limit, boolean staff) {
        return find("sessionId = :session and seq > :after" + (staff ? "" : " and audience = 'all'"), Sort.by("seq"),
                Parameters.with("session", sessionId).and("after", afterSeq))
                .range(0, limit - 1)
                .list()
                .map(entities -> entities.stream().map(ChatMessageEntity::toMessage).toList());
    }

    /** The last {@code limit} messages for staff (whispers and notes too), in order: where a conversation stands. */
    public Uni<List<ChatMessage>> latest(UUID sessionId, int limit) {
        return find("sessionId = :session", Sort.by("seq").descending(), Parameters.with("session", sessionId))
                .range(0, limit - 1)
                .list()
                .map(entities -> entities.reversed().stream().map(ChatMessageEntity::toMessage).toList());
    }
}
