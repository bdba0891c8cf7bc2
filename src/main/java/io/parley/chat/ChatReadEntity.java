package io.parley.chat;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How far one leg has read its session's chat (written by {@link ChatRepository#markRead}). */
@Entity
@Table(name = "chat_read")
public class ChatReadEntity {

    @Id
    @Column(name = "leg_id")
    public UUID legId;

    @Column(name = "session_id")
    public UUID sessionId;

    public long seq;

    @Column(name = "read_at")
    public Instant readAt;
}
