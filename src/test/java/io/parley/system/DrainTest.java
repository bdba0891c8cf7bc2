package io.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** How far apart a drain closes its batches of connections. */
class DrainTest {

    private static Drain drain(int batchSize, Duration interval, Duration shutdownDelay) {
        return new Drain(new Drain.Config() {
            @Override
            public int batchSize() {
                return batchSize;
            }

            @Override
            public Duration batchInterval() {
                return interval;
            }
        }, Optional.ofNullable(shutdownDelay));
    }

    @Test
    void batchesKeepTheirIntervalWhenTheyAllCloseWithinTwoThirdsOfTheShutdownDelay() {
        // 11 batches, 100 ms apart: the last closes after 1 s, within 2 s of a 3 s delay.
        assertThat(drain(100, Duration.ofMillis(100), Duration.ofSeconds(3)).batchInterval(11))
                .isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void manyBatchesCloseCloserTogetherSoThatTheLastIsNotCutOffByTheStop() {
        // 101 batches in 2 s: 20 ms apart, instead of 100 ms (10 s, long after the process stopped).
        assertThat(drain(100, Duration.ofMillis(100), Duration.ofSeconds(3)).batchInterval(101))
                .isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void withoutAShutdownDelayOrWithOneBatchTheConfiguredIntervalStands() {
        assertThat(drain(100, Duration.ofMillis(100), null).batchInterval(500)).isEqualTo(Duration.ofMillis(100));
        assertThat(drain(100, Duration.ofMillis(100), Duration.ofSeconds(3)).batchInterval(1))
                .isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aBatchHoldsAtLeastOneConnection() {
        assertThat(drain(0, Duration.ofMillis(100), null).batchSize()).isEqualTo(1);
    }
}
