package io.parley.chat;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.parley.session.EndpointKind;
import io.parley.session.EndpointRef;
import io.parley.session.WireName;

/** The stored form of a {@link ChatMessage}. */
@Entity
@Table(name = "chat_message")
public class ChatMessageEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "session_id")
    public UUID sessionId;

    public long seq;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "sender_kind")
    public String senderKind;

    @Column(name = "sender_id")
    public String senderId;

    @Column(name = "sender_leg")
    public UUID senderLeg;

    @Column(name = "sender_name")
    public String senderName;

    public String body;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** {@code all}, or {@code staff} for a supervisor's whisper and a private note. */
    public String audience;

    /** A private note of staff. */
    public boolean note;

    ChatMessage toMessage() {
        return new ChatMessage(sessionId, seq, clientId,
                new EndpointRef(EndpointKind.fromWire(senderKind), senderId), senderLeg.toString(), senderName, body,
                sentAt, WireName.parse(Audience.class, audience), note);
    }
}
