package io.parley.system.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BinaryBatchTest {

    @Test
    void messagesPackedTogetherComeApartAsTheyWereInOrder() {
        List<byte[]> messages = List.of(new byte[] {1, 2, 3}, new byte[0], new byte[300]);
        List<byte[]> unpacked = BinaryBatch.unpack(BinaryBatch.pack(messages)).orElseThrow();
        assertThat(unpacked).hasSize(3);
        for (int i = 0; i < messages.size(); i++) {
            assertThat(unpacked.get(i)).isEqualTo(messages.get(i));
        }
        assertThat(BinaryBatch.unpack(new byte[0])).hasValueSatisfying(none -> assertThat(none).isEmpty());
    }

    @Test
    void aBatchCutShortOrClaimingMoreThanItHoldsIsNothingAndNeverAnException() {
        byte[] whole = BinaryBatch.pack(List.of(new byte[] {9, 9}, new byte[] {7}));
        for (int length = 1; length < whole.length; length++) {
            if (length != 6) {
                assertThat(BinaryBatch.unpack(Arrays.copyOf(whole, length))).as("cut at %d", length).isEmpty();
            }
        }
        assertThat(BinaryBatch.unpack(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff})).isEmpty();
        assertThat(BinaryBatch.unpack(new byte[] {0x7f, 0, 0, 0, 1})).isEmpty();
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            byte[] junk = new byte[random.nextInt(40)];
            random.nextBytes(junk);
            BinaryBatch.unpack(junk);
        }
    }
}
