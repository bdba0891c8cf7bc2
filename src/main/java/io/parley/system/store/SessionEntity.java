package io.parley.system.store;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The stored form of a service-session's header; its legs are {@link LegEntity} rows. Queries read it as an
 * entity; a change reads and writes it as plain rows ({@link SessionStore}), never through an entity flush.
 */
@Entity
@Table(name = "service_session")
public class SessionEntity {

    @Id
    public UUID id;

    @Column(name = "service_id")
    public String serviceId;

    public String subject;

    public String state;

    public long version;

    /** The pending transfer as JSON, or null. */
    public String transfer;

    @Column(name = "room_key")
    public String roomKey;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "end_reason")
    public String endReason;

    @Column(name = "last_event_seq")
    public long lastEventSeq;

    /**
     * Written only by {@link io.parley.system.chat.ChatWriter}'s statements (under the row's lock), never by an entity
     * flush.
     */
    @Column(name = "last_chat_seq", updatable = false)
    public long lastChatSeq;

    /** The session's place in its service's queue as JSON, or null. */
    public String queue;

    @Column(name = "queued_since")
    public Instant queuedSince;
}
