package io.parley.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frame headers, Ogg pages and WAV headers: what a recording's bytes are, checked without a server. */
class RecordingFormatsTest {

    /** One 20 ms CELT full-band packet (TOC config 31, one frame) with some payload. */
    private static byte[] opusPacket(int size) {
        byte[] packet = new byte[size];
        Arrays.fill(packet, (byte) 0x55);
        packet[0] = (byte) 0xFC;
        return packet;
    }

    private static VoiceFrame opus(long seq, long timestamp, int size) {
        return new VoiceFrame(seq, timestamp, VoiceFrame.Codec.OPUS, 0, opusPacket(size));
    }

    /** The Ogg CRC bit by bit, straight from RFC 3533's description, to check the table-driven one. */
    private static int bitwiseCrc(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000_0000) != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1;
            }
        }
        return crc;
    }

    @Test
    void theOggCrcIsCrc32WithoutReflectionOrInversion() {
        // POSIX cksum (same polynomial, initial 0, no reflection) checks "123456789" as 0x765E7680 after
        // inverting its result; Ogg does not invert, so its check value is the complement.
        assertThat(OggPage.crc("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(~0x765E7680)
                .isEqualTo(0x89A1897F);
        byte[] page = OggPage.of(OggPage.FIRST, 0, 0x1234, 0,
                List.of("OpusHead...".getBytes(StandardCharsets.US_ASCII)));
        assertThat(readCrc(page)).isEqualTo(bitwiseCrc(zeroCrc(page)));
    }

    @Test
    void aPageHasTheOggHeaderLacingValuesAndPackets() {
        byte[] big = new byte[600];
        byte[] page = OggPage.of(OggPage.LAST, 123_456_789_012L, 42, 7, List.of(new byte[] {1, 2, 3}, big,
                new byte[255]));
        ByteBuffer header = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(page, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("OggS");
        assertThat(page[4]).isZero();
        assertThat(page[5]).isEqualTo((byte) OggPage.LAST);
        assertThat(header.getLong(6)).isEqualTo(123_456_789_012L);
        assertThat(header.getInt(14)).isEqualTo(42);
        assertThat(header.getInt(18)).isEqualTo(7);
        // 3 -> [3]; 600 -> [255, 255, 90]; 255 -> [255, 0]
        assertThat(page[26]).isEqualTo((byte) 6);
        assertThat(Arrays.copyOfRange(page, 27, 33)).containsExactly(3, (byte) 255, (byte) 255, 90, (byte) 255, 0);
        assertThat(page).hasSize(27 + 6 + 3 + 600 + 255);
        assertThat(readCrc(page)).isEqualTo(bitwiseCrc(zeroCrc(page)));
    }

    @Test
    void anOpusTrackIsHeadTagsThenAudioPagesWithGranulePositionsFromTheTimestamps() {
        Track track = Track.of(VoiceFrame.Codec.OPUS, 99);
        byte[] start = track.start();
        List<byte[]> audio = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            audio.add(track.add(opus(i, 1_000 + 960L * i, 80)));
        }
        audio.add(track.end());
        List<Page> pages = Page.all(concat(start, concat(audio.toArray(byte[][]::new))));
        assertThat(pages.get(0).flags()).isEqualTo(OggPage.FIRST);
        assertThat(pages.get(0).body()).startsWith("OpusHead".getBytes(StandardCharsets.US_ASCII));
        assertThat(ByteBuffer.wrap(pages.get(0).body()).order(ByteOrder.LITTLE_ENDIAN).getShort(10))
                .isEqualTo((short) OggOpusTrack.PRE_SKIP);
        assertThat(pages.get(1).body()).startsWith("OpusTags".getBytes(StandardCharsets.US_ASCII));
        assertThat(pages.get(1).granule()).isZero();
        // 120 packets: pages of 50, 50 and the last 20, marked end of stream.
        assertThat(pages).hasSize(5);
        assertThat(pages.stream().map(Page::sequence)).containsExactly(0, 1, 2, 3, 4);
        assertThat(pages.stream().map(Page::serial)).containsOnly(99);
        assertThat(pages.get(2).granule()).isEqualTo(OggOpusTrack.PRE_SKIP + 50 * 960);
        assertThat(pages.get(4).flags()).isEqualTo(OggPage.LAST);
        assertThat(pages.get(4).granule()).isEqualTo(OggOpusTrack.PRE_SKIP + 120 * 960);
        assertThat(pages).allMatch(Page::crcHolds);
        assertThat(track.frames()).isEqualTo(120);
        assertThat(track.bytes()).isEqualTo(pages.stream().mapToLong(page -> page.bytes().length).sum());
    }

    @Test
    void opusinfoAcceptsAnOpusTrackWhenItIsInstalled(@TempDir Path dir) throws Exception {
        Optional<Path> opusinfo = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(bin -> Path.of(bin, "opusinfo")).filter(Files::isExecutable).findFirst();
        assumeTrue(opusinfo.isPresent(), "opusinfo is not installed");
        Track track = Track.of(VoiceFrame.Codec.OPUS, 7);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(track.start());
        for (int i = 0; i < 200; i++) {
            if (i % 40 != 39) { // every 40th packet lost
                file.writeBytes(track.add(opus(i, 960L * i, 20 + i % 100)));
            }
        }
        file.writeBytes(track.end());
        Path opus = Files.write(dir.resolve("track.opus"), file.toByteArray());
        Process run = new ProcessBuilder(opusinfo.get().toString(), opus.toString()).redirectErrorStream(true)
                .start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor()).as(output).isZero();
        assertThat(output).doesNotContainIgnoringCase("warning").doesNotContainIgnoringCase("error")
                // Up to packet 198 (199 was lost): 199 × 20 ms less the pre-skip, gaps filled.
                .contains("Pre-skip: " + OggOpusTrack.PRE_SKIP).contains("Playback length: 0m:03.973s");
    }

    @Test
    void lostOpusPacketsAreFilledSoTheGranulePositionFollowsTheTimestamps() {
        Track track = Track.of(VoiceFrame.Codec.OPUS, 1);
        track.start();
        track.add(opus(1, 4_294_966_336L, 60)); // 960 before the timestamps wrap
        track.add(opus(2, 960, 60)); // the packet at 0 was lost
        byte[] last = track.end();
        Page page = Page.all(last).get(0);
        assertThat(page.granule()).isEqualTo(OggOpusTrack.PRE_SKIP + 3 * 960);
        assertThat(page.segments()).as("the two packets and a one-byte filler").isEqualTo(3);
        assertThat(page.body()).hasSize(60 + 1 + 60);
        assertThat(track.frames()).isEqualTo(2);
    }

    @Test
    void thePacketDurationComesFromTheOpusTocByte() {
        assertThat(OggOpusTrack.samples(new byte[] {(byte) 0xFC})).isEqualTo(960); // CELT 20 ms
        assertThat(OggOpusTrack.samples(new byte[] {(byte) 0x08})).isEqualTo(960); // SILK NB 20 ms
        assertThat(OggOpusTrack.samples(new byte[] {(byte) 0xF9, 0})).isEqualTo(1920); // two 20 ms frames
        assertThat(OggOpusTrack.samples(new byte[] {(byte) 0xEB, 3})).isEqualTo(720); // three 5 ms frames
        assertThat(OggOpusTrack.samples(new byte[] {(byte) 0x03})).isEqualTo(960); // count missing: 20 ms
    }

    @Test
    void aWavTrackHasTheFinalSizesInItsHeaderAndSilenceForGaps() {
        Track track = Track.of(VoiceFrame.Codec.PCM, 0);
        assertThat(track.start()).hasSize(WavTrack.HEADER_BYTES);
        byte[] samples = new byte[640];
        Arrays.fill(samples, (byte) 1);
        track.add(new VoiceFrame(1, 0, VoiceFrame.Codec.PCM, 0, samples));
        byte[] second = track.add(new VoiceFrame(2, 640, VoiceFrame.Codec.PCM, 0, samples)); // 320 lost
        assertThat(second).hasSize(2 * 320 + 640);
        assertThat(Arrays.copyOfRange(second, 0, 640)).containsOnly(0);
        assertThat(track.end()).isEmpty();
        byte[] header = track.finalStart().orElseThrow();
        ByteBuffer wav = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(header, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(wav.getInt(4)).isEqualTo(36 + 3 * 640);
        assertThat(new String(header, 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
        assertThat(wav.getShort(20)).isEqualTo((short) 1); // PCM
        assertThat(wav.getShort(22)).isEqualTo((short) 1); // mono
        assertThat(wav.getInt(24)).isEqualTo(16_000);
        assertThat(wav.getInt(28)).isEqualTo(32_000);
        assertThat(wav.getShort(34)).isEqualTo((short) 16);
        assertThat(new String(header, 36, 4, StandardCharsets.US_ASCII)).isEqualTo("data");
        assertThat(wav.getInt(40)).isEqualTo(3 * 640);
        assertThat(track.bytes()).isEqualTo(44 + 3 * 640);
    }

    @Test
    void aFrameIsItsTwelveByteHeaderAndAPayload() {
        VoiceFrame frame = opus(0xFFFF_FFF0L, 0xFFFF_FFFEL, 5);
        byte[] bytes = frame.toBytes();
        assertThat(bytes).hasSize(17);
        VoiceFrame parsed = VoiceFrame.parse(bytes).orElseThrow();
        assertThat(parsed.seq()).isEqualTo(0xFFFF_FFF0L);
        assertThat(parsed.timestamp()).isEqualTo(0xFFFF_FFFEL);
        assertThat(parsed.codec()).isEqualTo(VoiceFrame.Codec.OPUS);
        assertThat(parsed.payload()).isEqualTo(frame.payload());

        assertThat(VoiceFrame.parse(new byte[5])).as("shorter than the header").isEmpty();
        assertThat(VoiceFrame.parse(Arrays.copyOf(bytes, 12))).as("no payload").isEmpty();
        bytes[8] = 9;
        assertThat(VoiceFrame.parse(bytes)).as("unknown codec").isEmpty();
        bytes[8] = 2;
        assertThat(VoiceFrame.parse(bytes)).as("half a PCM sample").isEmpty();
    }

    // ----------------------------------------------------------------------------------------------

    /** A page read back from bytes, as a player would. */
    record Page(int flags, long granule, int serial, int sequence, int segments, byte[] body, byte[] bytes) {

        boolean crcHolds() {
            return readCrc(bytes) == bitwiseCrc(zeroCrc(bytes));
        }

        static List<Page> all(byte[] stream) {
            List<Page> pages = new ArrayList<>();
            int at = 0;
            while (at < stream.length) {
                ByteBuffer header = ByteBuffer.wrap(stream, at, stream.length - at).slice()
                        .order(ByteOrder.LITTLE_ENDIAN);
                assertThat(new String(stream, at, 4, StandardCharsets.US_ASCII)).isEqualTo("OggS");
                int segments = Byte.toUnsignedInt(stream[at + 26]);
                int bodyBytes = 0;
                for (int i = 0; i < segments; i++) {
                    bodyBytes += Byte.toUnsignedInt(stream[at + 27 + i]);
                }
                int end = at + 27 + segments + bodyBytes;
                pages.add(new Page(stream[at + 5], header.getLong(6), header.getInt(14), header.getInt(18), segments,
                        Arrays.copyOfRange(stream, at + 27 + segments, end), Arrays.copyOfRange(stream, at, end)));
                at = end;
            }
            return pages;
        }
    }

    private static int readCrc(byte[] page) {
        return ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN).getInt(22);
    }

    private static byte[] zeroCrc(byte[] page) {
        byte[] copy = page.clone();
        Arrays.fill(copy, 22, 26, (byte) 0);
        return copy;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(part -> part.length).sum());
        Arrays.stream(parts).forEach(all::put);
        return all.array();
    }
}
