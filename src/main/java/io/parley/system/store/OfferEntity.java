package io.parley.system.store;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The stored form of an offer, open or closed (state {@code open} or an {@code OfferOutcome}'s wire name). */
@Entity
@Table(name = "offer")
public class OfferEntity {

    static final String OPEN = "open";

    @Id
    public UUID id;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "service_id")
    public String serviceId;

    @Column(name = "agent_id")
    public String agentId;

    public String purpose;

    public String subject;

    public String state;

    public String reason;

    @Column(name = "made_at")
    public Instant madeAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "closed_at")
    public Instant closedAt;
}
