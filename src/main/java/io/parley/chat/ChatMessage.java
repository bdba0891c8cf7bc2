package io.parley.chat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.parley.session.EndpointRef;

/**
 * One chat message of a session's transcript.
 *
 * @param seq the per-session sequence number, 1, 2, 3…, that orders the transcript and drives replay
 * @param clientId the sender's id for the message; a resend with the same id is not stored twice
 * @param audience who the message is for: everybody, or staff only (a supervisor's whisper, a private note)
 * @param note a private note of staff (kept with the transcript, for staff only)
 */
public record ChatMessage(UUID sessionId, long seq, String clientId, EndpointRef sender, String senderLegId,
        String senderName, String text, Instant sentAt, Audience audience, boolean note) {

    /** The longest chat message, note or canned reply, in characters. */
    public static final int MAX_TEXT = 4000;

    /** The longest client id of a message. */
    public static final int MAX_CLIENT_ID = 64;

    /** Why a message's text cannot be stored, if it cannot: empty, blank or longer than {@link #MAX_TEXT}. */
    public static Optional<String> textProblem(String text) {
        return text == null || text.isBlank() || text.length() > MAX_TEXT
                ? Optional.of("text: 1 to " + MAX_TEXT + " characters") : Optional.empty();
    }

    /** Why a client id cannot be used, if it cannot: blank or longer than {@link #MAX_CLIENT_ID}. */
    public static Optional<String> clientIdProblem(String clientId) {
        return clientId == null || clientId.isBlank() || clientId.length() > MAX_CLIENT_ID
                ? Optional.of("clientId: 1 to " + MAX_CLIENT_ID + " characters") : Optional.empty();
    }

    /** A supervisor's whisper to the CSRs: for staff, and no note. */
    public boolean coaching() {
        return audience == Audience.STAFF && !note;
    }
}
