package io.parley.api.ws;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.parley.chat.ChatMessage;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Messages on the {@code chat} channel. */
// Native image: Jackson reads and writes these by reflection, outside REST return values.
@RegisterForReflection(ignoreNested = false)
public final class ChatMessages {

    /** The longest chat message, in characters. */
    public static final int MAX_TEXT = ChatMessage.MAX_TEXT;

    private ChatMessages() {
    }

    /** From the endpoint. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = In.Send.class, name = "message"),
            @JsonSubTypes.Type(value = In.Typing.class, name = "typing"),
            @JsonSubTypes.Type(value = In.History.class, name = "history"),
            @JsonSubTypes.Type(value = In.Read.class, name = "read")
    })
    public sealed interface In {

        /**
         * A message; {@code clientId} makes a resend harmless. {@code note}: a private note of staff, kept with the
         * transcript for staff only (never a customer's).
         */
        record Send(String clientId, String text, Boolean note) implements In {

            boolean isNote() {
                return Boolean.TRUE.equals(note);
            }
        }

        record Typing(boolean typing) implements In {
        }

        /** Everything after sequence number {@code after} (0 for all), e.g. after a reconnect. */
        record History(long after) implements In {
        }

        /** A read receipt: the endpoint has shown every message up to sequence number {@code seq}. */
        record Read(long seq) implements In {
        }
    }

    /** To the endpoint. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Out.Ack.class, name = "ack"),
            @JsonSubTypes.Type(value = Out.Message.class, name = "message"),
            @JsonSubTypes.Type(value = Out.Typing.class, name = "typing"),
            @JsonSubTypes.Type(value = Out.History.class, name = "history"),
            @JsonSubTypes.Type(value = Out.Read.class, name = "read"),
            @JsonSubTypes.Type(value = ErrorFrame.class, name = "error")
    })
    public sealed interface Out permits Out.Ack, Out.Message, Out.Typing, Out.History, Out.Read, ErrorFrame {

        /** The message is stored as number {@code seq}; {@code duplicate} when it had been stored before. */
        record Ack(String clientId, long seq, boolean duplicate) implements Out {
        }

        /**
         * A message of the transcript. {@code clientId} is only set on the copy sent back to its sender;
         * {@code coaching} only on a supervisor's whisper, {@code note} only on a private note (only staff get
         * either).
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        record Message(long seq, String legId, String role, String name, String text, Instant at, String clientId,
                Boolean coaching, Boolean note) implements Out {
            static Message of(ChatMessage message, boolean own) {
                return new Message(message.seq(), message.senderLegId(), message.sender().kind().wire(),
                        message.senderName(), message.text(), message.sentAt(), own ? message.clientId() : null,
                        message.coaching() ? Boolean.TRUE : null, message.note() ? Boolean.TRUE : null);
            }
        }

        record Typing(String legId, String role, boolean typing) implements Out {
        }

        /**
         * The messages asked for, and how far each leg has read ({@code readMarks}: leg id to sequence number).
         * {@code more}: there are later ones; ask again after the last of these.
         */
        record History(List<Message> messages, Map<String, Long> readMarks, boolean more) implements Out {
        }

        /** Leg {@code legId} has read every message up to {@code seq}. */
        record Read(String legId, String role, long seq) implements Out {
        }
    }
}
