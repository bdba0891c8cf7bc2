package io.parley.system.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A voice frame as it crosses to another replica on a channel that carries bytes: the session's id and the
 * sending leg's id (each a length byte and its UTF-8 text), then the frame as it came, unchanged. No JSON and no
 * base64: a frame costs its own bytes and a few more. Pure; what cannot be read is empty, never an exception.
 *
 * @param session the session the frame belongs to
 * @param legId the leg that sent it
 * @param frame the frame (header and payload) as the client sent it
 */
record AudioEnvelope(String session, String legId, byte[] frame) {

    /** The first byte: what follows is a voice frame in this layout. */
    static final byte VOICE = 1;
    static final int MAX_ID = 255;

    /** The envelope's bytes; ids longer than {@link #MAX_ID} bytes cannot be written. */
    byte[] encode() {
        byte[] sessionBytes = session.getBytes(StandardCharsets.UTF_8);
        byte[] legBytes = legId.getBytes(StandardCharsets.UTF_8);
        if (sessionBytes.length > MAX_ID || legBytes.length > MAX_ID) {
            throw new IllegalArgumentException("ids are at most " + MAX_ID + " bytes");
        }
        return ByteBuffer.allocate(3 + sessionBytes.length + legBytes.length + frame.length).put(VOICE)
                .put((byte) sessionBytes.length).put(sessionBytes).put((byte) legBytes.length).put(legBytes)
                .put(frame).array();
    }

    static Optional<AudioEnvelope> decode(byte[] message) {
        if (message.length < 3 || message[0] != VOICE) {
            return Optional.empty();
        }
        int sessionLength = Byte.toUnsignedInt(message[1]);
        int legAt = 2 + sessionLength;
        if (legAt >= message.length) {
            return Optional.empty();
        }
        int legLength = Byte.toUnsignedInt(message[legAt]);
        int frameAt = legAt + 1 + legLength;
        if (frameAt > message.length) {
            return Optional.empty();
        }
        return Optional.of(new AudioEnvelope(new String(message, 2, sessionLength, StandardCharsets.UTF_8),
                new String(message, legAt + 1, legLength, StandardCharsets.UTF_8),
                Arrays.copyOfRange(message, frameAt, message.length)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AudioEnvelope that && session.equals(that.session) && legId.equals(that.legId)
                && Arrays.equals(frame, that.frame);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * session.hashCode() + legId.hashCode()) + Arrays.hashCode(frame);
    }

    @Override
    public String toString() {
        return "AudioEnvelope[session=" + session + ", legId=" + legId + ", " + frame.length + " bytes]";
    }
}
