package io.parley.system.store;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entry of a session's append-only event log. */
@Entity
@Table(name = "session_event")
public class SessionEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "session_id")
    public UUID sessionId;

    public long seq;

    public String type;

    public Instant at;

    /** Who made the request that caused the entry, or null for the system's own reactions. */
    public String actor;

    /** The entry's details as a JSON object. */
    public String payload;
}
