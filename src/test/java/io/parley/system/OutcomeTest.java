package io.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.parley.session.Refusal;
import io.smallrye.mutiny.Uni;

/** An outcome carries its value on through map, flatMap and thenUni, and a refusal past all three unchanged. */
class OutcomeTest {

    private static final Refusal ENDED = Refusal.of(Refusal.Code.SESSION_ENDED, "it ended");

    @Test
    void aValueIsCarriedOnAndMayBeRefusedOnTheWay() {
        Outcome<Integer> two = Outcome.done(2);

        assertThat(two.map(n -> n * 10)).isEqualTo(Outcome.done(20));
        assertThat(two.flatMap(n -> Outcome.done("n=" + n))).isEqualTo(Outcome.done("n=2"));
        assertThat(two.<String>flatMap(n -> Outcome.refused(ENDED))).isEqualTo(Outcome.refused(ENDED));
        assertThat(two.thenUni(n -> Uni.createFrom().item(Outcome.done(n + 1))).await().atMost(Duration.ofSeconds(1)))
                .isEqualTo(Outcome.done(3));
    }

    @Test
    void aRefusalPassesEveryStepUnchangedAndRunsNone() {
        Outcome<Integer> refused = Outcome.refused(ENDED);
        boolean[] ran = {false};

        assertThat(refused.map(n -> ran[0] = true)).isEqualTo(Outcome.refused(ENDED));
        assertThat(refused.flatMap(n -> Outcome.done(ran[0] = true))).isEqualTo(Outcome.refused(ENDED));
        assertThat(refused.thenUni(n -> Uni.createFrom().item(Outcome.done(ran[0] = true))).await()
                .atMost(Duration.ofSeconds(1))).isEqualTo(Outcome.refused(ENDED));
        assertThat(ran[0]).isFalse();
    }
}
