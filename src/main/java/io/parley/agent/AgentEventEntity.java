package io.parley.agent;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A change of an agent's state, kept for supervisors. */
@Entity
@Table(name = "agent_event")
public class AgentEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "agent_id")
    public String agentId;

    public Instant at;

    public String state;

    public String reason;
}
