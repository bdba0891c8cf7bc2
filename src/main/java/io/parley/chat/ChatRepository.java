package io.parley.chat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

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

    /** Messages after {@code afterSeq}, in order, at most {@code limit}. */
    public Uni<List<ChatMessage>> after(UUID sessionId, long afterSeq, int limit) {
        return find("sessionId = :session and seq > :after", Sort.by("seq"),
                Parameters.with("session", sessionId).and("after", afterSeq))
                .range(0, limit - 1)
                .list()
                .map(entities -> entities.stream().map(ChatMessageEntity::toMessage).toList());
    }
}
