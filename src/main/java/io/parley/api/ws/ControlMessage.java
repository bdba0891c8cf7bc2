package io.parley.api.ws;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.parley.api.SessionView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Leg messages on the {@code control} channel. */
// Native image: Jackson reads and writes these by reflection, outside REST return values.
@RegisterForReflection(ignoreNested = false)
public final class ControlMessage {

    private ControlMessage() {
    }

    /** From the endpoint. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = In.LegState.class, name = "leg-state"),
            @JsonSubTypes.Type(value = In.Leave.class, name = "leave"),
            @JsonSubTypes.Type(value = In.Renew.class, name = "renew")
    })
    public sealed interface In {

        /** The endpoint's channel states, e.g. {@code {"control": "connected", "chat": "connected"}}. */
        record LegState(Map<String, String> channels) implements In {
        }

        /** The endpoint leaves the session. */
        record Leave() implements In {
        }

        /** The endpoint asks for a fresh leg token before its own expires (answered {@code renewed}). */
        record Renew() implements In {
        }
    }

    /** To the endpoint. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Out.Welcome.class, name = "welcome"),
            @JsonSubTypes.Type(value = Out.Roster.class, name = "roster"),
            @JsonSubTypes.Type(value = Out.Transfer.class, name = "transfer"),
            @JsonSubTypes.Type(value = Out.Handover.class, name = "handover"),
            @JsonSubTypes.Type(value = Out.Ended.class, name = "session-ended"),
            @JsonSubTypes.Type(value = Out.LegEnded.class, name = "leg-ended"),
            @JsonSubTypes.Type(value = Out.Queue.class, name = "queue"),
            @JsonSubTypes.Type(value = Out.Renewed.class, name = "renewed"),
            @JsonSubTypes.Type(value = ErrorFrame.class, name = "error")
    })
    public sealed interface Out permits Out.Welcome, Out.Roster, Out.Transfer, Out.Handover, Out.Ended,
            Out.LegEnded, Out.Queue, Out.Renewed, ErrorFrame {

        /** The leg's channels stay open until {@code expiresAt} unless the endpoint renews before then. */
        record Welcome(String sessionId, String legId, Instant expiresAt) implements Out {
        }

        /**
         * A fresh leg token (for this leg's reconnects): every channel of the leg stays open until
         * {@code expiresAt}.
         */
        record Renewed(String token, Instant expiresAt) implements Out {
        }

        /** The whole roster; a higher {@code session.version} replaces a lower one. */
        record Roster(SessionView session) implements Out {
        }

        /**
         * Transfer progress: {@code started}, {@code completed} or {@code failed}, with the reason; a failure with
         * its code ({@code failure}: called-off, not-connected or second-gone).
         */
        record Transfer(String state, String fromLegId, String toLegId, String reason, String failure)
                implements Out {
        }

        /**
         * To staff: a wait for a second CSR to join ({@code purpose} conference) or take the customer (transfer),
         * the CSR named {@code to} (its name) or whoever fits {@code subject}, is over: {@code outcome} answered,
         * declined (the named CSR declined, did not answer or became unavailable: {@code reason} says which, with
         * the CSR's own words if it gave any), timed-out, abandoned (the customer left), called-off, or cancelled
         * (the session ended, or the CSR who asked left).
         */
        record Handover(String purpose, String subject, String outcome, String reason, String to) implements Out {
        }

        record Ended(String reason) implements Out {
        }

        /**
         * Someone's leg ended for a reason the service gave: who ({@code legId}, {@code name}, {@code role}), a stable
         * {@code code} ({@code signed-out}, {@code removed}, {@code left}, {@code failed}, {@code declined}) and the
         * reason in words.
         */
        record LegEnded(String legId, String name, String role, String code, String reason) implements Out {
        }

        /**
         * The session's place in its service's queue: {@code position} of {@code waiting} (0 once it no
         * longer waits), and an estimated wait in seconds (null when no CSR who fits is signed in).
         */
        record Queue(int position, int waiting, Long estimatedWaitSeconds, String purpose, String subject)
                implements Out {
        }
    }
}
