package io.parley.recording;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opus packets as an Ogg Opus stream (RFC 7845): the OpusHead and OpusTags pages, then audio pages of
 * up to a second of packets, each with the granule position (48 kHz samples, pre-skip included) of the
 * last packet that ends on it; the last page is marked end-of-stream.
 */
public final class OggOpusTrack implements Track {

    /** The encoder delay libopus (and so browsers' encoders) report at 48 kHz, to be skipped on playback. */
    public static final int PRE_SKIP = 312;
    private static final int SAMPLE_RATE = 48_000;
    private static final int PACKETS_PER_PAGE = 50;
    /** What a packet whose duration cannot be read is taken to last: the 20 ms the channel carries. */
    private static final int DEFAULT_SAMPLES = 960;

    private final int serial;
    private final List<byte[]> pending = new ArrayList<>();
    private int pendingSegments;
    private int sequence;
    private boolean first = true;
    private long base;
    /** 48 kHz samples of every packet so far, filler included. */
    private long position;
    private long frames;
    private long bytes;

    OggOpusTrack(int serial) {
        this.serial = serial;
    }

    @Override
    public VoiceFrame.Codec codec() {
        return VoiceFrame.Codec.OPUS;
    }

    @Override
    public byte[] start() {
        byte[] head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN)
                .put("OpusHead".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 1)
                .putShort((short) PRE_SKIP).putInt(SAMPLE_RATE).putShort((short) 0).put((byte) 0).array();
        byte[] vendor = "Parley".getBytes(StandardCharsets.UTF_8);
        byte[] tags = ByteBuffer.allocate(8 + 4 + vendor.length + 4).order(ByteOrder.LITTLE_ENDIAN)
                .put("OpusTags".getBytes(StandardCharsets.US_ASCII)).putInt(vendor.length).put(vendor).putInt(0)
                .array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(OggPage.of(OggPage.FIRST, 0, serial, sequence++, List.of(head)));
        out.writeBytes(OggPage.of(0, 0, serial, sequence++, List.of(tags)));
        return counted(out.toByteArray());
    }

    @Override
    public byte[] add(VoiceFrame frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] packet = frame.payload();
        if (first) {
            base = frame.timestamp();
            first = false;
        }
        long offset = frame.samplesSince(base);
        long gap = offset - position;
        if (gap > 0 && gap <= (long) MAX_GAP_SECONDS * SAMPLE_RATE) {
            // Lost or silent (DTX) packets: the TOC byte alone, a frame of length zero, which the decoder conceals.
            byte[] filler = {(byte) (packet[0] & 0xFC)};
            int fillerSamples = samples(filler);
            for (long filled = 0; fillerSamples > 0 && filled + fillerSamples <= gap; filled += fillerSamples) {
                append(out, filler, fillerSamples);
            }
        }
        append(out, packet, samples(packet));
        frames++;
        return counted(out.toByteArray());
    }

    private void append(ByteArrayOutputStream out, byte[] packet, int samples) {
        int segments = OggPage.segments(packet.length);
        if (pending.size() == PACKETS_PER_PAGE || pendingSegments + segments > OggPage.MAX_SEGMENTS) {
            out.writeBytes(page(0));
        }
        pending.add(packet);
        pendingSegments += segments;
        position += samples;
    }

    private byte[] page(int flags) {
        byte[] page = OggPage.of(flags, PRE_SKIP + position, serial, sequence++, List.copyOf(pending));
        pending.clear();
        pendingSegments = 0;
        return page;
    }

    @Override
    public byte[] end() {
        return counted(pending.isEmpty() ? new byte[0] : page(OggPage.LAST));
    }

    @Override
    public Optional<byte[]> finalStart() {
        return Optional.empty();
    }

    @Override
    public long frames() {
        return frames;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    /** The granule position the last audio page has, or will have: pre-skip plus every packet's samples. */
    public long granulePosition() {
        return PRE_SKIP + position;
    }

    private byte[] counted(byte[] written) {
        bytes += written.length;
        return written;
    }

    /**
     * A packet's duration in 48 kHz samples from its TOC byte (RFC 6716 §3.1), or 20 ms when the packet
     * does not say (a code-3 packet without its frame count).
     */
    static int samples(byte[] packet) {
        int toc = Byte.toUnsignedInt(packet[0]);
        int config = toc >> 3;
        int frameSize;
        if (config < 12) {
            frameSize = new int[] {480, 960, 1920, 2880}[config % 4];
        } else if (config < 16) {
            frameSize = config % 2 == 0 ? 480 : 960;
        } else {
            frameSize = new int[] {120, 240, 480, 960}[config % 4];
        }
        int count = switch (toc & 0x03) {
            case 0 -> 1;
            case 1, 2 -> 2;
            default -> packet.length < 2 ? 0 : packet[1] & 0x3F;
        };
        int samples = frameSize * count;
        return samples <= 0 || samples > 5760 ? DEFAULT_SAMPLES : samples;
    }
}
