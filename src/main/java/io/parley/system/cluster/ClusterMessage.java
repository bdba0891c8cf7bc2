package io.parley.system.cluster;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.parley.chat.ChatMessage;
import io.parley.session.Channel;
import io.parley.session.CsrState;
import io.parley.session.EndpointRef;
import io.parley.session.Offer;
import io.parley.session.OfferOutcome;
import io.parley.transport.Revocation;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one replica tells the others on the {@link ClusterBus}. Small on purpose (a notification holds
 * 8000 bytes): a change or a chat message is named, not carried, and a replica that holds connections of
 * the session reads it from the database it shares.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "t")
@JsonSubTypes({@JsonSubTypes.Type(value = ClusterMessage.Changed.class, name = "changed"),
        @JsonSubTypes.Type(value = ClusterMessage.Chat.class, name = "chat"),
        @JsonSubTypes.Type(value = ClusterMessage.Typing.class, name = "typing"),
        @JsonSubTypes.Type(value = ClusterMessage.Read.class, name = "read"),
        @JsonSubTypes.Type(value = ClusterMessage.Invited.class, name = "invited"),
        @JsonSubTypes.Type(value = ClusterMessage.Offered.class, name = "offered"),
        @JsonSubTypes.Type(value = ClusterMessage.OfferClosed.class, name = "offer-closed"),
        @JsonSubTypes.Type(value = ClusterMessage.AgentState.class, name = "agent-state"),
        @JsonSubTypes.Type(value = ClusterMessage.Revoked.class, name = "revoked"),
        @JsonSubTypes.Type(value = ClusterMessage.Relay.class, name = "relay"),
        @JsonSubTypes.Type(value = ClusterMessage.Audio.class, name = "audio"),
        @JsonSubTypes.Type(value = ClusterMessage.WhoHasControl.class, name = "who-has-control"),
        @JsonSubTypes.Type(value = ClusterMessage.HasControl.class, name = "has-control"),
        @JsonSubTypes.Type(value = ClusterMessage.WhoHasConsole.class, name = "who-has-console"),
        @JsonSubTypes.Type(value = ClusterMessage.WhoLeads.class, name = "who-leads"),
        @JsonSubTypes.Type(value = ClusterMessage.CatchUp.class, name = "catch-up")})
@RegisterForReflection(ignoreNested = false) // Native image: read and written by Jackson outside REST values.
public sealed interface ClusterMessage {

    /** How a message that says a session, an offer or an agent's state changed begins as sent (its type first). */
    List<String> CHANGE_OPENINGS = Stream.of("changed", "offered", "offer-closed", "agent-state")
            .map(type -> "{\"t\":\"" + type + "\"").toList();

    /**
     * Whether a message as sent says that a session, an offer or an agent's state changed, told without reading
     * it (voice frames pass here at 50 a second per leg).
     */
    public static boolean announcesChange(String text) {
        for (String opening : CHANGE_OPENINGS) {
            if (text.startsWith(opening)) {
                return true;
            }
        }
        return false;
    }

    /** A session changed; the progress a control channel shows travels along (transfers, the end). */
    record Changed(String session, List<Progress> progress) implements ClusterMessage {
    }

    /**
     * {@code type}: transfer-started, transfer-completed, transfer-failed (its {@code outcome} the failure's
     * code), ended, leg-ended (leg {@code fromLegId} ended for {@code reason}), or handover-ended (a conference's
     * or transfer's wait for a second CSR is over: with its purpose, subject, the CSR it named if any, and its
     * outcome).
     */
    record Progress(String type, String fromLegId, String toLegId, String reason, String purpose, String subject,
            String outcome, EndpointRef named) {

        Progress(String type, String fromLegId, String toLegId, String reason) {
            this(type, fromLegId, toLegId, reason, null, null, null, null);
        }
    }

    /**
     * Chat message {@code seq} of the session was stored: the message itself when it fits the channel (the replicas
     * that hold the session pass it on as it is), or null (they read it).
     */
    record Chat(String session, long seq, ChatMessage message) implements ClusterMessage {

        public Chat(String session, long seq) {
            this(session, seq, null);
        }

        /** Without the message's text: this goes to logs. */
        @Override
        public String toString() {
            return "Chat[session=" + session + ", seq=" + seq + (message == null ? "" : ", carried") + "]";
        }
    }

    record Typing(String session, String legId, EndpointRef endpoint, boolean typing) implements ClusterMessage {
    }

    record Read(String session, String legId, EndpointRef endpoint, long seq) implements ClusterMessage {
    }

    /** A running console was invited; {@code base} is where the request that invited it came in. */
    record Invited(String session, String legId, String agentId, String base) implements ClusterMessage {
    }

    record Offered(String session, String offerId, String agentId) implements ClusterMessage {
    }

    record OfferClosed(String session, Offer offer, OfferOutcome outcome, String reason) implements ClusterMessage {
    }

    record AgentState(String agentId, CsrState from, CsrState to, String reason, Instant at)
            implements ClusterMessage {
    }

    /**
     * Tokens were revoked (a console signed out, an operator signed an agent out or removed it): every replica
     * refuses them from now on and closes the sockets it holds that hold one.
     */
    record Revoked(Revocation revocation, String reason) implements ClusterMessage {
    }

    /** A page-push or voice control message from a leg, to the session's legs connected elsewhere. */
    record Relay(String session, String legId, Channel channel, String text) implements ClusterMessage {
    }

    /** A voice frame from a leg, to the session's legs connected elsewhere. */
    record Audio(String session, String legId, byte[] frame) implements ClusterMessage {
    }

    /**
     * Asked when a page-push channel opens here and this replica does not know who leads the session's page
     * push: a replica that knows passes the leader's {@code leader} (and last scroll) on again.
     */
    record WhoLeads(String session) implements ClusterMessage {
    }

    /** Asked when a leg's control channel closed here: does any replica hold it now? */
    record WhoHasControl(String question, String session, String legId) implements ClusterMessage {
    }

    /** The answer of a replica that holds what was asked about (a control channel, a console). */
    record HasControl(String question) implements ClusterMessage {
    }

    /** Asked when an agent let an offer expire: is its console connected to any replica? */
    record WhoHasConsole(String question, String agentId) implements ClusterMessage {
    }

    /** A replica was cut off from the others for a while: everybody catches their connections up. */
    record CatchUp() implements ClusterMessage {
    }
}
