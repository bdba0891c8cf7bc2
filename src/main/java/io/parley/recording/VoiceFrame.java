package io.parley.recording;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * One audio frame as a client sends it on the {@code voice} channel: a 12-byte big-endian header
 * ({@code uint32 seq}, {@code uint32 timestamp}, {@code uint8 codec}, {@code uint8 flags},
 * {@code uint16 reserved}), then the payload.
 *
 * @param seq the sender's sequence number
 * @param timestamp in samples at the codec's clock rate (48 kHz for Opus, the PCM sample rate for PCM)
 * @param payload one Opus packet, or PCM samples (signed 16-bit little-endian, mono)
 */
public record VoiceFrame(long seq, long timestamp, Codec codec, int flags, byte[] payload) {

    /** The size of the header before the payload. */
    public static final int HEADER_BYTES = 12;

    /** The payload's coding, by its number in the header. */
    public enum Codec {
        /** One Opus packet (RFC 6716); timestamps at 48 kHz. Recorded as Ogg Opus. */
        OPUS(1, 48_000, "opus", "opus", "audio/ogg"),
        /** PCM, signed 16-bit little-endian, mono, 16 kHz. Recorded as WAV. */
        PCM(2, 16_000, "pcm", "wav", "audio/wav");

        private final int number;
        private final int clockRate;
        private final String wire;
        private final String extension;
        private final String mediaType;

        Codec(int number, int clockRate, String wire, String extension, String mediaType) {
            this.number = number;
            this.clockRate = clockRate;
            this.wire = wire;
            this.extension = extension;
            this.mediaType = mediaType;
        }

        public int number() {
            return number;
        }

        public int clockRate() {
            return clockRate;
        }

        public String wire() {
            return wire;
        }

        /** The extension of the file a recording in this codec is written to. */
        public String extension() {
            return extension;
        }

        public String mediaType() {
            return mediaType;
        }

        public static Optional<Codec> of(int number) {
            return Arrays.stream(values()).filter(codec -> codec.number == number).findFirst();
        }
    }

    /**
     * The frame, or empty when it is not one: shorter than its header, no payload, an unknown codec, or
     * PCM that is not whole 16-bit samples.
     */
    public static Optional<VoiceFrame> parse(byte[] frame) {
        if (frame.length <= HEADER_BYTES) {
            return Optional.empty();
        }
        ByteBuffer header = ByteBuffer.wrap(frame, 0, HEADER_BYTES);
        long seq = Integer.toUnsignedLong(header.getInt());
        long timestamp = Integer.toUnsignedLong(header.getInt());
        int number = Byte.toUnsignedInt(header.get());
        int flags = Byte.toUnsignedInt(header.get());
        byte[] payload = Arrays.copyOfRange(frame, HEADER_BYTES, frame.length);
        return Codec.of(number)
                .filter(codec -> codec != Codec.PCM || payload.length % 2 == 0)
                .map(codec -> new VoiceFrame(seq, timestamp, codec, flags, payload));
    }

    /** The header and payload as a client writes them. */
    public byte[] toBytes() {
        return ByteBuffer.allocate(HEADER_BYTES + payload.length).putInt((int) seq).putInt((int) timestamp)
                .put((byte) codec.number()).put((byte) flags).putShort((short) 0).put(payload).array();
    }

    /** Samples from {@code start} to this frame's timestamp, modulo 2^32 (timestamps wrap). */
    long samplesSince(long start) {
        return (timestamp - start) & 0xFFFF_FFFFL;
    }
}
