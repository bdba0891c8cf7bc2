package io.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.parley.transport.MutableClock;

/** One token bucket (its rate, refill and burst), and buckets by key (bounded, each key on its own). */
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

    // One bucket

    private int taken(TokenBucket bucket, int tries) {
        int taken = 0;
        for (int i = 0; i < tries; i++) {
            taken += bucket.take(clock.millis()) ? 1 : 0;
        }
        return taken;
    }

    @Test
    void aBurstPassesAtOnceAndTheNextFrameIsOverTheLimit() {
        TokenBucket bucket = new TokenBucket(TokenBucket.Rate.parse("3/s burst 10"), clock.millis());
        assertThat(taken(bucket, 10)).isEqualTo(10);
        assertThat(bucket.take(clock.millis())).isFalse();
    }

    @Test
    void theBucketRefillsAtItsRateToNoMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(TokenBucket.Rate.parse("4/s burst 2"), clock.millis());
        taken(bucket, 2);
        clock.advance(Duration.ofMillis(249));
        assertThat(bucket.take(clock.millis())).as("a quarter second less a millisecond").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(bucket.take(clock.millis())).isTrue();
        clock.advance(Duration.ofMinutes(10));
        assertThat(taken(bucket, 5)).as("an idle connection saves up one burst, not ten minutes").isEqualTo(2);
    }

    @Test
    void aSteadySenderAtTheRateIsNeverRefused() {
        TokenBucket bucket = new TokenBucket(TokenBucket.Rate.parse("50/s burst 1"), clock.millis());
        for (int frame = 0; frame < 1000; frame++) {
            assertThat(bucket.take(clock.millis())).as("frame %d", frame).isTrue();
            clock.advance(Duration.ofMillis(20));
        }
    }

    @Test
    void aClockThatGoesBackRefillsNothing() {
        TokenBucket bucket = new TokenBucket(TokenBucket.Rate.parse("1/s burst 1"), clock.millis());
        assertThat(bucket.take(clock.millis())).isTrue();
        assertThat(bucket.take(clock.millis() - 5_000)).isFalse();
    }

    @Test
    void aBucketSaysHowLongUntilItsNextToken() {
        TokenBucket bucket = new TokenBucket(TokenBucket.Rate.of(3, Duration.ofMinutes(1)), clock.millis());
        assertThat(bucket.untilNext(clock.millis())).isZero();
        taken(bucket, 3);
        assertThat(bucket.untilNext(clock.millis())).isEqualTo(Duration.ofSeconds(20));
        assertThat(bucket.isFull(clock.millis())).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(bucket.isFull(clock.millis())).isTrue();
    }

    @Test
    void ratesAreReadAsConfigurationWritesThem() {
        assertThat(TokenBucket.Rate.parse("5/s burst 20")).isEqualTo(new TokenBucket.Rate(5, 20));
        assertThat(TokenBucket.Rate.parse(" 2.5 / s ")).isEqualTo(new TokenBucket.Rate(2.5, 3));
        assertThat(TokenBucket.Rate.parse("30/m, burst 5")).isEqualTo(new TokenBucket.Rate(0.5, 5));
        assertThat(TokenBucket.Rate.parse("30/M")).isEqualTo(new TokenBucket.Rate(0.5, 1));
        assertThat(TokenBucket.Rate.of(30, Duration.ofMinutes(1))).isEqualTo(TokenBucket.Rate.parse("30/m burst 30"));
        for (String wrong : new String[] {"", "5", "5/h", "0/s", "-1/s", "5/s burst 0", "five per second"}) {
            assertThatThrownBy(() -> TokenBucket.Rate.parse(wrong)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
