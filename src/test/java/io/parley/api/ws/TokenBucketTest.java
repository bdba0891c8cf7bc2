package io.parley.api.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.parley.transport.MutableClock;

class TokenBucketTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

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
    void ratesAreReadAsConfigurationWritesThem() {
        assertThat(TokenBucket.Rate.parse("5/s burst 20")).isEqualTo(new TokenBucket.Rate(5, 20));
        assertThat(TokenBucket.Rate.parse(" 2.5 / s ")).isEqualTo(new TokenBucket.Rate(2.5, 3));
        assertThat(TokenBucket.Rate.parse("30/m, burst 5")).isEqualTo(new TokenBucket.Rate(0.5, 5));
        assertThat(TokenBucket.Rate.parse("30/M")).isEqualTo(new TokenBucket.Rate(0.5, 1));
        for (String wrong : new String[] {"", "5", "5/h", "0/s", "-1/s", "5/s burst 0", "five per second"}) {
            assertThatThrownBy(() -> TokenBucket.Rate.parse(wrong)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
