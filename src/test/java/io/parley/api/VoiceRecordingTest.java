package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.csr;
import static io.parley.support.Parley.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A service with {@code voice.record} records each leg's voice frames, as they come over the real voice
 * channel, to a playable file per leg: Ogg Opus for Opus frames, WAV for PCM. Staff list and download them.
 */
@QuarkusTest
class VoiceRecordingTest {

    private static final int OPUS_FRAMES = 60;
    private static final int PCM_FRAMES = 30;
    private static final long FIRST_OPUS_TIMESTAMP = 4_294_960_000L; // the timestamps wrap during the call
    private static final int PRE_SKIP = 312;

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    /** The 12-byte header of the voice channel, then the payload. */
    private static byte[] frame(long seq, long timestamp, int codec, byte[] payload) {
        return ByteBuffer.allocate(12 + payload.length).putInt((int) seq).putInt((int) timestamp).put((byte) codec)
                .put((byte) 0).putShort((short) 0).put(payload).array();
    }

    /** One 20 ms Opus packet: TOC 0xFC (CELT full band, 20 ms, one frame), then filler. */
    private static byte[] opusPacket(int i) {
        byte[] packet = new byte[40 + i % 30];
        Arrays.fill(packet, (byte) i);
        packet[0] = (byte) 0xFC;
        return packet;
    }

    /** 320 samples (20 ms at 16 kHz) of 16-bit little-endian PCM. */
    private static byte[] pcm(int i) {
        ByteBuffer samples = ByteBuffer.allocate(640).order(ByteOrder.LITTLE_ENDIAN);
        for (int s = 0; s < 320; s++) {
            samples.putShort((short) (1000 * Math.sin((i * 320 + s) / 10.0)));
        }
        return samples.array();
    }

    private String visitorToken;

    private Leg[] customerWithAlice(String service) {
        JsonPath started = Parley.visitorStarts(Map.of("service", service, "with", csr("alice")));
        visitorToken = started.getString("visitorToken");
        Leg customer = new Leg(started);
        Leg alice = new Leg(as("alice").body("{}").post("/api/sessions/{id}/legs", customer.sessionId)
                .then().statusCode(200).extract().jsonPath());
        return new Leg[] {customer, alice};
    }

    @Test
    void eachLegsVoiceIsRecordedToAPlayableFileListedForStaff() {
        Leg[] legs = customerWithAlice("recorded");
        Leg customer = legs[0];
        Leg alice = legs[1];
        try (WsClient customerVoice = WsClient.connect(customer.url("voice"), customer.token);
                WsClient aliceVoice = WsClient.connect(alice.url("voice"), alice.token)) {
            customerVoice.await("ready");
            aliceVoice.await("ready");
            for (int i = 0; i < OPUS_FRAMES; i++) {
                customerVoice.sendBinary(frame(i, (FIRST_OPUS_TIMESTAMP + 960L * i) & 0xFFFF_FFFFL, 1,
                        opusPacket(i)));
                if (i < PCM_FRAMES) {
                    aliceVoice.sendBinary(frame(i, 320L * i, 2, pcm(i)));
                }
            }
            // Malformed: shorter than the header. Relayed as ever, never recorded; an empty frame is refused.
            customerVoice.sendBinary(new byte[] {0, 0, 0, 1, 0});
            customerVoice.sendBinary(new byte[0]);
            assertThat(customerVoice.await("error").path("code").asText()).isEqualTo("frame-too-large");
            for (int i = 0; i < OPUS_FRAMES + 1; i++) {
                aliceVoice.awaitBinary();
            }
            for (int i = 0; i < PCM_FRAMES; i++) {
                customerVoice.awaitBinary();
            }
        }
        as("alice").body("{}").post("/api/sessions/{id}/end", customer.sessionId).then().statusCode(200);

        JsonPath listed = as("alice").get("/api/sessions/{id}/recordings", customer.sessionId).then()
                .statusCode(200).extract().jsonPath();
        assertThat(listed.getList("$")).hasSize(2);
        Map<String, Object> opus = listed.getMap("find { it.legId == '" + customer.legId + "' }");
        Map<String, Object> wav = listed.getMap("find { it.legId == '" + alice.legId + "' }");
        assertThat(opus).containsEntry("codec", "opus").containsEntry("file", customer.legId + "-1.opus")
                .containsEntry("frames", OPUS_FRAMES).containsKey("startedAt");
        assertThat((String) opus.get("endpoint")).startsWith("customer:");
        assertThat(opus.get("endedAt")).as("closed when the session ended").isNotNull();
        assertThat(wav).containsEntry("codec", "pcm").containsEntry("file", alice.legId + "-1.wav")
                .containsEntry("frames", PCM_FRAMES).containsEntry("endpoint", "csr:alice");

        Response ogg = operator().get("/api/sessions/{id}/recordings/{file}", customer.sessionId, opus.get("file"));
        assertThat(ogg.statusCode()).isEqualTo(200);
        assertThat(ogg.contentType()).startsWith("audio/ogg");
        byte[] oggBytes = ogg.asByteArray();
        assertThat(oggBytes.length).isEqualTo(((Number) opus.get("bytes")).intValue());
        assertThat(new String(oggBytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("OggS");
        List<Page> pages = Page.all(oggBytes);
        assertThat(pages.get(0).body()).startsWith("OpusHead".getBytes(StandardCharsets.US_ASCII));
        assertThat(pages.get(1).body()).startsWith("OpusTags".getBytes(StandardCharsets.US_ASCII));
        assertThat(pages).allSatisfy(page -> assertThat(page.crcHolds()).as("CRC of page %d", page.sequence())
                .isTrue());
        Page last = pages.get(pages.size() - 1);
        assertThat(last.flags() & 0x04).as("end of stream").isNotZero();
        long lastTimestamp = FIRST_OPUS_TIMESTAMP + 960L * (OPUS_FRAMES - 1);
        assertThat(last.granule()).isEqualTo(PRE_SKIP + (lastTimestamp - FIRST_OPUS_TIMESTAMP) + 960);
        assertThat(pages.stream().skip(2).mapToInt(Page::packets).sum()).isEqualTo(OPUS_FRAMES);

        Response wave = as("alice").get("/api/sessions/{id}/recordings/{file}", customer.sessionId, wav.get("file"));
        assertThat(wave.statusCode()).isEqualTo(200);
        assertThat(wave.contentType()).startsWith("audio/wav");
        byte[] wavBytes = wave.asByteArray();
        ByteBuffer header = ByteBuffer.wrap(wavBytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wavBytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(header.getInt(40)).as("data size").isEqualTo(2 * 320 * PCM_FRAMES);
        assertThat(header.getInt(4)).isEqualTo(36 + 2 * 320 * PCM_FRAMES);
        assertThat(wavBytes).hasSize(44 + 2 * 320 * PCM_FRAMES);
        assertThat(Arrays.copyOfRange(wavBytes, 44, 44 + 640)).isEqualTo(pcm(0));

        List<String> events = awaitEvents(customer.sessionId, "recording-started", 2);
        assertThat(events).containsExactlyInAnyOrder(customer.legId + "-1.opus", alice.legId + "-1.wav");
        // Once closed, the list comes from the descriptions beside the files, and says the same.
        Parley.pause(Duration.ofMillis(200));
        assertThat(as("alice").get("/api/sessions/{id}/recordings", customer.sessionId).then().statusCode(200)
                .extract().jsonPath().getList("$")).isEqualTo(listed.getList("$"));
    }

    @Test
    void recordingsAreForTheSessionsCsrsAndOperatorsAndOnlyListedFilesAreServed() {
        Leg[] legs = customerWithAlice("recorded");
        Leg customer = legs[0];
        try (WsClient customerVoice = WsClient.connect(customer.url("voice"), customer.token)) {
            customerVoice.await("ready");
            customerVoice.sendBinary(frame(1, 0, 2, pcm(0)));
        }
        awaitEvents(customer.sessionId, "recording-started", 1);
        String file = customer.legId + "-1.wav";
        as("alice").get("/api/sessions/{id}/recordings", customer.sessionId).then().statusCode(200)
                .body("file", equalTo(List.of(file)));

        Parley.visitor(visitorToken).get("/api/sessions/{id}/recordings", customer.sessionId).then()
                .statusCode(403).body("code", equalTo("not-permitted"));
        Parley.visitor(visitorToken).get("/api/sessions/{id}/recordings/{file}", customer.sessionId, file).then()
                .statusCode(403).body("code", equalTo("not-permitted"));
        as("bob").get("/api/sessions/{id}/recordings", customer.sessionId).then()
                .statusCode(403).body("code", equalTo("not-permitted"));
        operator().get("/api/sessions/{id}/recordings", UUID.randomUUID()).then()
                .statusCode(404).body("code", equalTo("session-not-found"));
        operator().get("/api/sessions/{id}/recordings/{file}", customer.sessionId, "nobody-1.wav").then()
                .statusCode(404).contentType(Problem.MEDIA_TYPE).body("code", equalTo("recording-not-found"));
        // On disk beside the recording, but not a recording: never served.
        assertThat(Path.of("target/recordings", customer.sessionId, file + ".json")).exists();
        operator().get("/api/sessions/{id}/recordings/{file}", customer.sessionId, file + ".json").then()
                .statusCode(404).body("code", equalTo("recording-not-found"));
        operator().urlEncodingEnabled(false)
                .get("/api/sessions/" + customer.sessionId + "/recordings/..%2F..%2F..%2Fpom.xml").then()
                .statusCode(404);
        operator().get("/api/sessions/{id}/recordings/{file}", customer.sessionId, file).then().statusCode(200);
    }

    @Test
    void aServiceWithoutRecordingWritesNothing() {
        Leg[] legs = customerWithAlice("callback");
        Leg customer = legs[0];
        try (WsClient customerVoice = WsClient.connect(customer.url("voice"), customer.token);
                WsClient aliceVoice = WsClient.connect(legs[1].url("voice"), legs[1].token)) {
            customerVoice.await("ready");
            aliceVoice.await("ready");
            customerVoice.sendBinary(frame(1, 0, 1, opusPacket(1)));
            aliceVoice.awaitBinary();
        }
        operator().get("/api/services/callback").then().statusCode(200).body("voice.record", equalTo(false));
        operator().get("/api/services/recorded").then().statusCode(200).body("voice.record", equalTo(true));
        as("alice").body("{}").post("/api/sessions/{id}/end", customer.sessionId).then().statusCode(200);
        operator().get("/api/sessions/{id}/recordings", customer.sessionId).then().statusCode(200)
                .body("size()", equalTo(0));
        assertThat(Path.of("target/recordings", customer.sessionId)).doesNotExist();
    }

    /** The session's event log entries of this type, once there are {@code count} (they are written after). */
    private static List<String> awaitEvents(String sessionId, String type, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> found = List.of();
        while (System.nanoTime() < deadline) {
            found = operator().get("/api/sessions/{id}/events", sessionId).then().statusCode(200).extract()
                    .jsonPath().getList("findAll { it.type == '" + type + "' }.data.file", String.class);
            if (found.size() >= count) {
                return found;
            }
            Parley.pause(Duration.ofMillis(50));
        }
        throw new AssertionError("expected " + count + " " + type + " events, found " + found);
    }

    // ----------------------------------------------------------------------------------------------

    /** An Ogg page read back, its CRC checked the slow way (RFC 3533: polynomial 0x04C11DB7, no reflection). */
    record Page(int flags, long granule, int sequence, int packets, byte[] body, boolean crcHolds) {

        static List<Page> all(byte[] stream) {
            List<Page> pages = new ArrayList<>();
            int at = 0;
            while (at < stream.length) {
                assertThat(new String(stream, at, 4, StandardCharsets.US_ASCII)).isEqualTo("OggS");
                ByteBuffer header = ByteBuffer.wrap(stream, at, 27).slice().order(ByteOrder.LITTLE_ENDIAN);
                int segments = Byte.toUnsignedInt(stream[at + 26]);
                int bodyBytes = 0;
                int packets = 0;
                for (int i = 0; i < segments; i++) {
                    int lacing = Byte.toUnsignedInt(stream[at + 27 + i]);
                    bodyBytes += lacing;
                    packets += lacing < 255 ? 1 : 0;
                }
                int end = at + 27 + segments + bodyBytes;
                byte[] page = Arrays.copyOfRange(stream, at, end);
                int stored = ByteBuffer.wrap(page, 22, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                Arrays.fill(page, 22, 26, (byte) 0);
                pages.add(new Page(stream[at + 5], header.getLong(6), header.getInt(18), packets,
                        Arrays.copyOfRange(stream, at + 27 + segments, end), stored == crc(page)));
                at = end;
            }
            return pages;
        }

        private static int crc(byte[] data) {
            int crc = 0;
            for (byte b : data) {
                crc ^= (b & 0xFF) << 24;
                for (int bit = 0; bit < 8; bit++) {
                    crc = (crc & 0x8000_0000) != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1;
                }
            }
            return crc;
        }
    }
}
