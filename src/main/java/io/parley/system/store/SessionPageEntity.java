package io.parley.system.store;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.parley.session.CustomerPage;

/** The stored form of the page a customer started a session on. */
@Entity
@Table(name = "session_page")
public class SessionPageEntity {

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    public String url;

    public String title;

    public Instant at;

    public CustomerPage toPage() {
        return new CustomerPage(url, title);
    }
}
