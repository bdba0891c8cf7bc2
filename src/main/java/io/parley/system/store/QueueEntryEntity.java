package io.parley.system.store;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One wait in a service's queue: when it began and ended, and how (for the service's figures). */
@Entity
@Table(name = "queue_entry")
public class QueueEntryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "service_id")
    public String serviceId;

    public String subject;

    public String purpose;

    @Column(name = "entered_at")
    public Instant enteredAt;

    @Column(name = "left_at")
    public Instant leftAt;

    public String outcome;

    @Column(name = "answered_by")
    public String answeredBy;
}
