package io.parley.api.ws;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.parley.api.SessionView;
import io.parley.transport.ConnectionDetails;

/** Messages on a signed-in agent's standing {@code endpoint} channel. */
public final class EndpointMessages {

    private EndpointMessages() {
    }

    /** From the console. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = In.Decline.class, name = "decline")
    })
    public sealed interface In {

        /** The agent declines an invitation. */
        record Decline(String sessionId, String legId) implements In {
        }
    }

    /** To the console. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Out.Hello.class, name = "hello"),
            @JsonSubTypes.Type(value = Out.Invitation.class, name = "invitation"),
            @JsonSubTypes.Type(value = ErrorFrame.class, name = "error")
    })
    public sealed interface Out permits Out.Hello, Out.Invitation, ErrorFrame {

        record Hello(String endpoint) implements Out {
        }

        /** An invitation into a session, with the connection details to join it by connecting. */
        record Invitation(SessionView session, String legId, ConnectionDetails connection) implements Out {
        }
    }
}
