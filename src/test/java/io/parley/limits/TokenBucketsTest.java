package io.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.parley.transport.MutableClock;

class TokenBucketsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

    @Test
    void aKeyMayBurstItsCapacityThenWaitsForTheNextToken() {
        TokenBuckets buckets = new TokenBuckets(3, Duration.ofMinutes(1), 100, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("203.0.113.7").allowed()).isTrue();
        }
        TokenBuckets.Admission refused = buckets.take("203.0.113.7");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(refused.retryAfterSeconds()).isEqualTo(20);
        clock.advance(Duration.ofSeconds(20));
        assertThat(buckets.take("203.0.113.7").allowed()).isTrue();
        assertThat(buckets.take("203.0.113.7").allowed()).isFalse();
    }

    @Test
    void oneKeyEmptyingItsBucketLeavesTheOthersAlone() {
        TokenBuckets buckets = new TokenBuckets(1, Duration.ofMinutes(1), 100, clock);
        assertThat(buckets.take("flooder").allowed()).isTrue();
        assertThat(buckets.take("flooder").allowed()).isFalse();
        assertThat(buckets.take("bystander").allowed()).isTrue();
    }

    @Test
    void checkingDoesNotTakeAndResetRefills() {
        TokenBuckets buckets = new TokenBuckets(1, Duration.ofMinutes(1), 100, clock);
        assertThat(buckets.check("bob@203.0.113.7").allowed()).isTrue();
        assertThat(buckets.check("bob@203.0.113.7").allowed()).isTrue();
        buckets.take("bob@203.0.113.7");
        assertThat(buckets.check("bob@203.0.113.7").allowed()).isFalse();
        buckets.reset("bob@203.0.113.7");
        assertThat(buckets.check("bob@203.0.113.7").allowed()).isTrue();
    }

    @Test
    void memoryStaysBoundedHoweverManyAddressesCome() {
        TokenBuckets buckets = new TokenBuckets(5, Duration.ofMinutes(1), 1_000, clock);
        for (int i = 0; i < 100_000; i++) {
            buckets.take("10.0." + (i >> 8 & 255) + "." + (i & 255) + "/" + i);
        }
        assertThat(buckets.size()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void bucketsThatFilledUpAgainAreDropped() {
        TokenBuckets buckets = new TokenBuckets(2, Duration.ofSeconds(10), 1_000, clock);
        for (int i = 0; i < 500; i++) {
            buckets.take("idle-" + i);
        }
        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 500; i++) {
            buckets.take("busy-" + i);
        }
        assertThat(buckets.size()).as("every idle bucket went as new ones came").isEqualTo(500);
    }
}
