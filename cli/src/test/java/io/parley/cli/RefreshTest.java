package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** When a watched list or the wallboard is shown again. */
class RefreshTest {

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    @Test
    void changesThatComeTogetherAreShownOnceTheSettleTimeAfterTheFirst() {
        Refresh refresh = new Refresh(Duration.ofMillis(250), null, ms(0));
        assertThat(refresh.due(ms(1000))).as("nothing changed").isFalse();
        refresh.changed(ms(1000));
        refresh.changed(ms(1100));
        refresh.changed(ms(1200));
        assertThat(refresh.due(ms(1249))).isFalse();
        assertThat(refresh.untilDue(ms(1200))).isEqualTo(Duration.ofMillis(50));
        assertThat(refresh.due(ms(1250))).as("a steady flow of changes does not hold the view back").isTrue();
        refresh.shown(ms(1260));
        assertThat(refresh.due(ms(5000))).isFalse();
    }

    @Test
    void aQuietViewIsShownAgainAtLeastAsOftenAsAsked() {
        Refresh refresh = new Refresh(Duration.ofMillis(500), Duration.ofSeconds(5), ms(0));
        assertThat(refresh.untilDue(ms(1000))).isEqualTo(Duration.ofSeconds(4));
        assertThat(refresh.due(ms(4999))).isFalse();
        assertThat(refresh.due(ms(5000))).isTrue();
        refresh.shown(ms(5000));
        refresh.changed(ms(9800));
        assertThat(refresh.untilDue(ms(9800))).as("the sooner of the two").isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void withoutChangesOrAPeriodTheWatcherJustWaits() {
        Refresh refresh = new Refresh(Duration.ofMillis(250), null, ms(0));
        assertThat(refresh.untilDue(ms(0))).isEqualTo(Duration.ofMinutes(1));
    }
}
