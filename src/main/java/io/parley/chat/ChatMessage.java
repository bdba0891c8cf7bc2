package io.parley.chat;

import java.time.Instant;
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

    /** A supervisor's whisper to the CSRs: for staff, and no note. */
    public boolean coaching() {
        return audience == Audience.STAFF && !note;
    }
}
