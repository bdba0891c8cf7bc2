package io.parley.recording;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One page of an Ogg bitstream (RFC 3533): the 27-byte header, the segment table (lacing values) and
 * the packets, with the page's CRC-32 filled in.
 */
public final class OggPage {

    /** Header type flags. */
    public static final int CONTINUED = 0x01;
    public static final int FIRST = 0x02;
    public static final int LAST = 0x04;
    /** A page holds at most this many lacing values. */
    public static final int MAX_SEGMENTS = 255;
    private static final int HEADER_BYTES = 27;
    private static final int CRC_OFFSET = 22;
    private static final int[] CRC_TABLE = crcTable();

    private OggPage() {
    }

    /** The lacing values a packet of this size takes: one per 255 bytes, and one shorter (maybe 0) to end it. */
    public static int segments(int packetBytes) {
        return packetBytes / 255 + 1;
    }

    /** A page of whole packets; the caller keeps the segments within {@link #MAX_SEGMENTS}. */
    public static byte[] of(int flags, long granulePosition, int serial, int sequence, List<byte[]> packets) {
        int segments = packets.stream().mapToInt(packet -> segments(packet.length)).sum();
        if (segments > MAX_SEGMENTS) {
            throw new IllegalArgumentException(segments + " segments do not fit on one page");
        }
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        page.writeBytes(ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) flags)
                .putLong(granulePosition).putInt(serial).putInt(sequence).putInt(0).put((byte) segments).array());
        for (byte[] packet : packets) {
            for (int left = packet.length; left >= 0; left -= 255) {
                page.write(Math.min(left, 255));
                if (left < 255) {
                    break;
                }
            }
        }
        packets.forEach(page::writeBytes);
        byte[] bytes = page.toByteArray();
        ByteBuffer.wrap(bytes, CRC_OFFSET, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(crc(bytes));
        return bytes;
    }

    /**
     * Ogg's CRC-32: polynomial 0x04C11DB7, initial value 0, no reflection, no final XOR, computed over
     * the whole page with its CRC field zero.
     */
    public static int crc(byte[] page) {
        int crc = 0;
        for (byte b : page) {
            crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ (b & 0xFF)) & 0xFF];
        }
        return crc;
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }
}
