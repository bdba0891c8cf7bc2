package io.parley.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.parley.transport.MutableClock;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * An address gets {@code starts-per-address-at-once} starts in a burst and the rest of its window's starts
 * evenly after (configuration read as the server reads it, time from a clock the test moves).
 */
class StartLimitsBurstTest {

    private static RequestLimitsConfig config(String perWindow, String atOnce) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(RequestLimitsConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValue("parley.limits.requests.starts-per-address", perWindow)
                .withDefaultValue("parley.limits.requests.starts-per-address-at-once", atOnce).build();
        return config.getConfigMapping(RequestLimitsConfig.class);
    }

    private static int startsAdmitted(StartLimits limits, String address) {
        int admitted = 0;
        try {
            for (; admitted < 100; admitted++) {
                limits.admitRate(Optional.empty(), address);
            }
        } catch (ProblemException refused) {
            assertThat(refused.problem().code()).isEqualTo("too-many-requests");
        }
        return admitted;
    }

    @Test
    void aFloodGetsTheBurstAtOnceAndThenTheWindowsRateEvenly() {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-03T00:00:00Z"));
        StartLimits limits = new StartLimits(config("30", "10"), clock, null);
        assertThat(startsAdmitted(limits, "198.51.100.7")).as("ten at once, not the window's thirty").isEqualTo(10);
        assertThat(limits.usedUp("198.51.100.7")).isPresent();
        assertThat(limits.usedUp("198.51.100.8")).as("another address is not held").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(startsAdmitted(limits, "198.51.100.7")).as("30 a minute: one every 2 s").isEqualTo(1);
        assertThatThrownBy(() -> limits.admitRate(Optional.empty(), "198.51.100.7"))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void aBurstNeverExceedsTheWindowsStarts() {
        StartLimits limits = new StartLimits(config("5", "10"),
                new MutableClock(java.time.Instant.parse("2026-12-03T00:00:00Z")), null);
        assertThat(startsAdmitted(limits, "198.51.100.9")).isEqualTo(5);
    }
}
