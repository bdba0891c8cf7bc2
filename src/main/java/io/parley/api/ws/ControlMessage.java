package io.parley.api.ws;

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
            @JsonSubTypes.Type(value = In.Leave.class, name = "leave")
    })
    public sealed interface In {

        /** The endpoint's channel states, e.g. {@code {"control": "connected", "chat": "connected"}}. */
        record LegState(Map<String, String> channels) implements In {
        }

        /** The endpoint leaves the session. */
        record Leave() implements In {
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
            @JsonSubTypes.Type(value = Out.Queue.class, name = "queue"),
            @JsonSubTypes.Type(value = ErrorFrame.class, name = "error")
    })
    public sealed interface Out permits Out.Welcome, Out.Roster, Out.Transfer, Out.Handover, Out.Ended, Out.Queue,
            ErrorFrame {

        record Welcome(String sessionId, String legId) implements Out {
        }

        /** The whole roster; a higher {@code session.version} replaces a lower one. */
        record Roster(SessionView session) implements Out {
        }

        /** Transfer progress: {@code started}, {@code completed} or {@code failed}, with the reason. */
        record Transfer(String state, String fromLegId, String toLegId, String reason) implements Out {
        }

        /**
         * To staff: a wait for whoever fits {@code subject} to join ({@code purpose} conference) or take
         * the customer (transfer) is over: {@code outcome} answered, timed-out, abandoned (the customer left) or
         * cancelled (called off, or the session ended).
         */
        record Handover(String purpose, String subject, String outcome, String reason) implements Out {
        }

        record Ended(String reason) implements Out {
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
