package io.parley.api.ws;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.parley.api.SessionView;
import io.parley.transport.ConnectionDetails;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Messages on a signed-in agent's standing {@code endpoint} channel. */
// Native image: Jackson reads and writes these by reflection, outside REST return values.
@RegisterForReflection(ignoreNested = false)
public final class EndpointMessages {

    private EndpointMessages() {
    }

    /** From the console. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = In.Decline.class, name = "decline"),
            @JsonSubTypes.Type(value = In.AcceptOffer.class, name = "accept-offer"),
            @JsonSubTypes.Type(value = In.DeclineOffer.class, name = "decline-offer"),
            @JsonSubTypes.Type(value = In.Renew.class, name = "renew")
    })
    public sealed interface In {

        /** The agent declines an invitation. */
        record Decline(String sessionId, String legId) implements In {
        }

        /** The agent accepts an offer; the invitation follows. */
        record AcceptOffer(String offerId) implements In {
        }

        /**
         * The agent declines an offer, saying why if it likes ({@code reason}, at most 200 characters); it goes to
         * the next agent who fits, or a conference or transfer asked of this agent by name ends.
         */
        record DeclineOffer(String offerId, String reason) implements In {
        }

        /** The console renews its standing channel with a fresh endpoint token (answered {@code renewed}). */
        record Renew(String token) implements In {
        }
    }

    /** To the console. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Out.Hello.class, name = "hello"),
            @JsonSubTypes.Type(value = Out.Invitation.class, name = "invitation"),
            @JsonSubTypes.Type(value = Out.Offer.class, name = "offer"),
            @JsonSubTypes.Type(value = Out.OfferClosed.class, name = "offer-closed"),
            @JsonSubTypes.Type(value = Out.AgentState.class, name = "agent-state"),
            @JsonSubTypes.Type(value = Out.Renewed.class, name = "renewed"),
            @JsonSubTypes.Type(value = ErrorFrame.class, name = "error")
    })
    public sealed interface Out permits Out.Hello, Out.Invitation, Out.Offer, Out.OfferClosed, Out.AgentState,
            Out.Renewed, ErrorFrame {

        /** The console's standing channel stays open until {@code expiresAt} unless it renews before then. */
        record Hello(String endpoint, Instant expiresAt) implements Out {
        }

        /** An invitation into a session, with the connection details to join it by connecting. */
        record Invitation(SessionView session, String legId, ConnectionDetails connection) implements Out {
        }

        /**
         * A session offered to the agent: accept or decline before {@code expires}. {@code purpose} is
         * {@code serve}, {@code conference} or {@code transfer}; a conference or transfer carries the conversation
         * so far, the name of the agent who asks ({@code askedBy}), whether it asks this agent by name
         * ({@code named}: declining ends it) and the note it left ({@code note}, or null); any other offer the
         * customer's {@code firstMessage} when they wrote one while waiting, and the {@code page} they started on
         * (or null). {@code waitingSince}: when the session's wait began. Offers go to agents' consoles only (the
         * endpoint channel).
         */
        record Offer(String offerId, String purpose, String service, String serviceName, String subject,
                String customer, SessionView session, Instant expires, long secondsLeft,
                List<ChatMessages.Out.Message> conversation, ChatMessages.Out.Message firstMessage,
                Instant waitingSince, String askedBy, boolean named, String note, Page page) implements Out {
        }

        /** The page a customer started on: its address and title, as the widget told them. */
        record Page(String url, String title) {
        }

        /** The offer is no longer open: accepted, declined, expired or withdrawn (taken by another agent). */
        record OfferClosed(String offerId, String sessionId, String outcome, String reason) implements Out {
        }

        /** The agent's state changed: available, busy, wrap-up, away or offline. */
        /** The standing channel stays open until {@code expiresAt}. */
        record Renewed(Instant expiresAt) implements Out {
        }

        record AgentState(String state, String reason, Instant at) implements Out {
        }
    }
}
