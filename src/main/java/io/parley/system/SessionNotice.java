package io.parley.system;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.parley.chat.ChatMessage;
import io.parley.session.CustomerPage;
import io.parley.session.EndpointRef;
import io.parley.session.Leg;
import io.parley.session.Offer;
import io.parley.session.OfferOutcome;
import io.parley.session.Queued;
import io.parley.session.ServiceSession;
import io.parley.session.SessionEvent;
import io.parley.transport.ConnectionDetails;

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

    /** A leg has read the chat up to sequence number {@code seq}. */
    record Read(String sessionId, String legId, EndpointRef endpoint, long seq) implements SessionNotice {
    }

    /**
     * A running endpoint (a CSR console) is invited: here are its connection details, issued for
     * {@code base}, where the request that invited it came in.
     */
    record Invited(ServiceSession session, Leg leg, ConnectionDetails details, URI base) implements SessionNotice {
        public String sessionId() {
            return session.id();
        }
    }

    /**
     * A session is offered to a CSR's console: accept or decline before {@code offer.expires()}. A
     * transfer's offer carries the conversation so far, any other the first few messages (the customer's first).
     */
    record Offered(ServiceSession session, Offer offer, Queued.Purpose purpose, String subject,
            List<ChatMessage> conversation, CustomerPage page) implements SessionNotice {
        public String sessionId() {
            return session.id();
        }
    }

    /** An offer closed: the console stops showing it. */
    record OfferClosed(String sessionId, Offer offer, OfferOutcome outcome, String reason) implements SessionNotice {
    }

    /**
     * Where a queued session stands: its position among the service's waiting sessions and an estimated
     * wait (null when no CSR who fits is signed in); {@code position} 0 when it no longer waits.
     */
    record QueueStatus(String sessionId, String serviceId, int position, int waiting, Duration estimatedWait,
            Queued.Purpose purpose, String subject) implements SessionNotice {
    }
}
