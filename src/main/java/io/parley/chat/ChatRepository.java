package io.parley.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.session.EndpointRef;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The chat transcript. Callers run these inside their own reactive session; the service system
 * serializes writes per session, so sequence numbers come out gap-free and in order.
 */
@ApplicationScoped
public class ChatRepository implements PanacheRepositoryBase<ChatMessageEntity, Long> {

    /** The message this sender already sent with this client id, if any. */
    public Uni<Optional<ChatMessage>> findSent(UUID sessionId, EndpointRef sender, String clientId) {
        return find("sessionId = :session and senderKind = :kind and senderId = :sender and clientId = :client",
                Parameters.with("session", sessionId).and("kind", sender.kind().wire()).and("sender", sender.id())
                        .and("client", clientId))
                .firstResult()
                .map(entity -> Optional.ofNullable(entity).map(ChatMessageEntity::toMessage));
    }

    public Uni<ChatMessage> append(ChatMessage message) {
        ChatMessageEntity entity = new ChatMessageEntity();
        entity.sessionId = message.sessionId();
        entity.seq = message.seq();
        entity.clientId = message.clientId();
        entity.senderKind = message.sender().kind().wire();
        entity.senderId = message.sender().id();
        entity.senderLeg = UUID.fromString(message.senderLegId());
        entity.senderName = message.senderName();
        entity.body = message.text();
        entity.sentAt = message.sentAt();
        return persist(entity).replaceWith(message);
    }

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

    /** Messages after {@code afterSeq}, in order, at most {@code limit}. */
    public Uni<List<ChatMessage>> after(UUID sessionId, long afterSeq, int limit) {
        return find("sessionId = :session and seq > :after", Sort.by("seq"),
                Parameters.with("session", sessionId).and("after", afterSeq))
                .range(0, limit - 1)
                .list()
                .map(entities -> entities.stream().map(ChatMessageEntity::toMessage).toList());
    }
}
