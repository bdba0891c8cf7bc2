package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Requirements relax as the wait grows, step by step, and only for the subjects a step names. */
class EscalationTest {

    private static final SkillRequirement EXPERT = new SkillRequirement(Map.of("billing", 7));
    private static final List<Escalation> STEPS = List.of(
            new Escalation(Duration.ofSeconds(60), Map.of("billing", new SkillRequirement(Map.of("billing", 5)))),
            new Escalation(Duration.ofSeconds(180), Map.of("billing", new SkillRequirement(Map.of("billing", 3)))),
            new Escalation(Duration.ofSeconds(30), Map.of("pricing", SkillRequirement.NONE)));

    @Test
    void theLatestStepReachedForTheSubjectApplies() {
        record Row(long waitedSeconds, int level) {
        }
        for (Row row : List.of(new Row(0, 7), new Row(59, 7), new Row(60, 5), new Row(179, 5), new Row(180, 3),
                new Row(3600, 3))) {
            assertThat(Escalation.requirement(STEPS, "billing", EXPERT, Duration.ofSeconds(row.waitedSeconds()))
                    .minimumLevels()).as("after %ss", row.waitedSeconds()).containsEntry("billing", row.level());
        }
    }

    @Test
    void subjectsNoStepNamesKeepTheirRequirement() {
        SkillRequirement orders = new SkillRequirement(Map.of("sales", 4));
        assertThat(Escalation.requirement(STEPS, "orders", orders, Duration.ofHours(1))).isEqualTo(orders);
        assertThat(Escalation.requirement(STEPS, null, SkillRequirement.NONE, Duration.ofHours(1)))
                .isEqualTo(SkillRequirement.NONE);
        assertThat(Escalation.requirement(STEPS, "pricing", orders, Duration.ofSeconds(30)))
                .isEqualTo(SkillRequirement.NONE);
    }
}
