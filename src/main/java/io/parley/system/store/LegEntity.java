package io.parley.system.store;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

/** The stored form of a leg; a change reads and writes it as plain rows ({@link SessionStore}). */
@Entity
@Table(name = "leg")
public class LegEntity {

    @Id
    public UUID id;

    @Column(name = "session_id")
    public UUID sessionId;

    /** Order of joining within the session. */
    public int position;

    @Column(name = "endpoint_kind")
    public String endpointKind;

    @Column(name = "endpoint_id")
    public String endpointId;

    public String role;

    public String state;

    /** Channel states as a JSON object {channel: state}. */
    public String channels;

    public Instant since;

    /** What an inviter called the customer it named, or null. */
    public String label;

    /** How a supervisor's leg is in the session (monitor, whisper, barge); null for other roles. */
    public String supervision;

    /** When the leg's join link was first opened (bound to that browser), or null. */
    @Column(name = "link_bound_at")
    public Instant linkBoundAt;
    /** Set when {@link #linkBoundAt} was set in this change and is still to be written. */
    @Transient
    public boolean linkBoundPending;

    /** The first browser opened the leg's join link at {@code at}: written with the change. */
    public void bindLink(Instant at) {
        linkBoundAt = at;
        linkBoundPending = true;
    }
}
