package io.parley.system.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class AudioEnvelopeTest {

    @Test
    void aFrameCrossesByteForByteWithItsSessionAndLeg() {
        byte[] frame = new byte[92];
        new Random(7).nextBytes(frame);
        AudioEnvelope sent = new AudioEnvelope("0b8e5a4e-2c1f-4f57-9d55-2f1f0b6d8a11", "leg-ä1", frame);
        byte[] bytes = sent.encode();
        assertThat(bytes).hasSize(3 + 36 + "leg-ä1".getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 92);
        assertThat(AudioEnvelope.decode(bytes)).contains(sent);
    }

    @Test
    void anIdLongerThanItsLengthByteCannotBeWritten() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new AudioEnvelope(
                "s".repeat(AudioEnvelope.MAX_ID + 1), "l", new byte[1]).encode());
    }

    @Test
    void anEmptyFrameCrossesToo() {
        AudioEnvelope sent = new AudioEnvelope("s", "l", new byte[0]);
        assertThat(AudioEnvelope.decode(sent.encode())).contains(sent);
    }

    @Test
    void bytesThatAreNotAnEnvelopeAreNothingAndNeverAnException() {
        byte[] whole = new AudioEnvelope("session", "leg", new byte[] {1, 2, 3}).encode();
        for (int length = 0; length < 1 + 1 + 7 + 1 + 3; length++) {
            assertThat(AudioEnvelope.decode(java.util.Arrays.copyOf(whole, length))).as("cut at %d", length)
                    .isEmpty();
        }
        byte[] otherKind = whole.clone();
        otherKind[0] = 2;
        assertThat(AudioEnvelope.decode(otherKind)).isEmpty();
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            AudioEnvelope.decode(junk);
        }
    }
}
