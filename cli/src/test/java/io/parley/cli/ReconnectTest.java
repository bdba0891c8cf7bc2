package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.parley.cli.Reconnect.Ending;
import io.parley.cli.Reconnect.Plan;

/** When and how a follower of the live stream connects again. */
class ReconnectTest {

    @Test
    void aDroppedStreamResumesAfterHalfASecondThenWaitsTwiceAsLongEachTimeUpToTenSeconds() {
        Reconnect reconnect = Reconnect.first().opened();
        StringBuilder waits = new StringBuilder();
        for (int attempt = 0; attempt < 7; attempt++) {
            Plan plan = reconnect.plan(Ending.DROPPED);
            assertThat(plan.retry()).isTrue();
            assertThat(plan.startOver()).as("it resumes where it stood").isFalse();
            waits.append(plan.after().toMillis()).append(' ');
            reconnect = reconnect.failed();
        }
        assertThat(waits.toString()).isEqualTo("500 1000 2000 4000 8000 10000 10000 ");
    }

    @Test
    void aStreamThatHeardSomethingIsTriedAgainSoonAfterItDrops() {
        Reconnect afterFailures = Reconnect.first().opened().failed().failed().failed();
        assertThat(afterFailures.plan(Ending.DROPPED).after()).isEqualTo(Duration.ofSeconds(4));
        assertThat(afterFailures.heard().plan(Ending.DROPPED).after()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aServerNeverReachedIsAWrongAddressButOneReachedBeforeIsWaitedFor() {
        assertThat(Reconnect.first().plan(Ending.UNREACHABLE).retry()).isFalse();
        Plan later = Reconnect.first().opened().failed().plan(Ending.UNREACHABLE);
        assertThat(later.retry()).isTrue();
        assertThat(later.after()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRefusalEndsTheFollowButADrainingReplicaIsWaitedFor() {
        assertThat(Reconnect.first().opened().plan(Ending.refused(403, true)).retry()).isFalse();
        assertThat(Reconnect.first().plan(Ending.refused(401, false)).retry()).isFalse();
        for (int status : new int[] {502, 503, 504}) {
            Plan plan = Reconnect.first().plan(Ending.refused(status, true));
            assertThat(plan.retry()).as("HTTP %d", status).isTrue();
            assertThat(plan.after()).isEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    void aPositionTheServerDoesNotKnowIsDroppedAndTheFollowStartsOverAtOnce() {
        Plan plan = Reconnect.first().opened().plan(Ending.refused(400, true));
        assertThat(plan.retry()).isTrue();
        assertThat(plan.startOver()).isTrue();
        assertThat(plan.after()).isZero();
        assertThat(Reconnect.first().opened().plan(Ending.refused(400, false)).retry())
                .as("a 400 to a stream opened from now is a refusal").isFalse();
    }
}
