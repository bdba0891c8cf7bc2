package io.parley.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.parley.session.CsrState;

/** The stored form of an {@link Agent}. Only changed columns are written, so concurrent changes to others stay. */
@Entity
@DynamicUpdate
@Table(name = "agent")
public class AgentEntity {

    @Id
    public String id;

    @Column(name = "display_name")
    public String displayName;

    @Convert(converter = SkillsConverter.class)
    public Map<String, Integer> skills;

    @Column(name = "max_sessions")
    public int maxSessions;

    @Enumerated(EnumType.STRING)
    public Presence presence;

    @Column(name = "presence_since")
    public Instant presenceSince;

    @Column(name = "idle_since")
    public Instant idleSince;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "wrap_up_until")
    public Instant wrapUpUntil;

    @Column(name = "missed_offers")
    public int missedOffers;

    @Column(name = "last_offered_at")
    public Instant lastOfferedAt;

    @Column(name = "talk_millis")
    public long talkMillis;

    /** The wire name of the state last announced. */
    public String state;

    /** When an operator took the agent out of the directory; null while it is in it. */
    @Column(name = "removed_at")
    public Instant removedAt;

    boolean listed() {
        return removedAt == null;
    }

    Agent toAgent() {
        return new Agent(id, displayName, skills, maxSessions, presence, presenceSince, idleSince, wrapUpUntil,
                missedOffers, lastOfferedAt, Duration.ofMillis(talkMillis), CsrState.fromWire(state));
    }
}
