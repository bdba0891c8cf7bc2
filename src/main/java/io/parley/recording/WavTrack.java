package io.parley.recording;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * PCM frames (signed 16-bit little-endian, mono, 16 kHz) as a WAV file: a 44-byte RIFF header, written
 * first with sizes of zero and again with the final sizes when the recording ends, then the samples.
 */
public final class WavTrack implements Track {

    public static final int HEADER_BYTES = 44;
    private static final int SAMPLE_RATE = 16_000;
    private static final int BYTES_PER_SAMPLE = 2;

    private boolean first = true;
    private long base;
    /** Samples written, silence included. */
    private long position;
    private long frames;
    private long bytes;

    WavTrack() {
    }

    @Override
    public VoiceFrame.Codec codec() {
        return VoiceFrame.Codec.PCM;
    }

    /** The RIFF/WAVE header of a mono 16-bit 16 kHz file with {@code dataBytes} of samples. */
    public static byte[] header(long dataBytes) {
        int data = (int) Math.min(dataBytes, 0xFFFF_FFFFL - 36);
        return ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * BYTES_PER_SAMPLE).putShort((short) BYTES_PER_SAMPLE)
                .putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data).array();
    }

    @Override
    public byte[] start() {
        return counted(header(0));
    }

    @Override
    public byte[] add(VoiceFrame frame) {
        if (first) {
            base = frame.timestamp();
            first = false;
        }
        long gap = frame.samplesSince(base) - position;
        int silence = gap > 0 && gap <= (long) MAX_GAP_SECONDS * SAMPLE_RATE ? (int) gap : 0;
        byte[] out = new byte[silence * BYTES_PER_SAMPLE + frame.payload().length];
        System.arraycopy(frame.payload(), 0, out, silence * BYTES_PER_SAMPLE, frame.payload().length);
        position += silence + frame.payload().length / BYTES_PER_SAMPLE;
        frames++;
        return counted(out);
    }

    @Override
    public byte[] end() {
        return new byte[0];
    }

    @Override
    public Optional<byte[]> finalStart() {
        return Optional.of(header(bytes - HEADER_BYTES));
    }

    @Override
    public long frames() {
        return frames;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    private byte[] counted(byte[] written) {
        bytes += written.length;
        return written;
    }
}
