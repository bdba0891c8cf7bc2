package io.parley.system;

import io.parley.chat.ChatMessage;
import io.parley.session.EndpointRef;
import io.parley.session.Leg;
import io.parley.session.ServiceSession;
import io.parley.session.SessionEvent;
import io.parley.transport.ConnectionDetails;

import java.util.List;

/**
 * What the service system announces after a change is committed, for whoever fans it out to
 * connected endpoints (the WebSocket adapters observe these as CDI events).
 */
public sealed interface SessionNotice {

    String sessionId();

    /** The session changed: its new state and what changed. */
    record Changed(ServiceSession session, List<SessionEvent> events) implements SessionNotice {
        public String sessionId() {
            return session.id();
        }
    }

    /** A chat message was stored. */
    record ChatPosted(ChatMessage message) implements SessionNotice {
        public String sessionId() {
            return message.sessionId().toString();
        }
    }

    /** A leg started or stopped typing. */
    record Typing(String sessionId, String legId, EndpointRef endpoint, boolean typing) implements SessionNotice {
    }

    /** A running endpoint (a CSR console) is invited: here are its connection details. */
    record Invited(ServiceSession session, Leg leg, ConnectionDetails details) implements SessionNotice {
        public String sessionId() {
            return session.id();
        }
    }
}
