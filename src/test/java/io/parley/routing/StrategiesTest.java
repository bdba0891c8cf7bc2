package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.parley.session.Candidate;
import io.parley.session.EndpointRef;

/** Each strategy orders the same table of CSRs its own way; eligibility is the same for all. */
class StrategiesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final SkillRequirement BILLING = new SkillRequirement(Map.of("billing", 3));

    private static Candidate csr(String id, int active, int max, int idleMinutes, Map<String, Integer> skills) {
        return new Candidate(EndpointRef.csr(id), id, true, skills, active, max, NOW.minusSeconds(60L * idleMinutes));
    }

    /** ada: busy 1/4, bo: 1/2, cy: 0/3 but recently idle, di: 2/2 (full), ed: no billing. */
    private static final List<Candidate> TEAM = List.of(
            csr("ada", 1, 4, 10, Map.of("billing", 9, "sales", 2)),
            csr("bo", 1, 2, 40, Map.of("billing", 4)),
            csr("cy", 0, 3, 1, Map.of("billing", 6)),
            csr("di", 2, 2, 90, Map.of("billing", 10)),
            csr("ed", 0, 3, 99, Map.of("sales", 9)));

    private static List<String> ranked(StrategyKind kind, List<String> order, SkillRequirement requirement) {
        return RoutingStrategies.of(kind, order).rank(TEAM, requirement, Set.of(), NOW).eligible().stream()
                .map(c -> c.endpoint().id()).toList();
    }

    @Test
    void eachStrategyOrdersTheEligibleCsrs() {
        assertThat(ranked(StrategyKind.LONGEST_IDLE, List.of(), BILLING)).containsExactly("bo", "ada", "cy");
        assertThat(ranked(StrategyKind.LEAST_BUSY, List.of(), BILLING)).containsExactly("cy", "ada", "bo");
        assertThat(ranked(StrategyKind.MOST_SKILLED, List.of(), BILLING)).containsExactly("ada", "cy", "bo");
        assertThat(ranked(StrategyKind.TOP_DOWN, List.of("cy", "di", "ada"), BILLING))
                .as("di is full; bo is not in the order and comes last").containsExactly("cy", "ada", "bo");
    }

    @Test
    void mostSkilledWithoutARequirementTakesEachCsrsBestSkill() {
        assertThat(ranked(StrategyKind.MOST_SKILLED, List.of(), SkillRequirement.NONE))
                .as("ada and ed tie at 9; ed has idled longer").containsExactly("ed", "ada", "cy", "bo");
    }

    @Test
    void randomPicksAmongTheEligibleOnly() {
        Set<String> firsts = new HashSet<>();
        SplittableRandom seeds = new SplittableRandom(42);
        RoutingStrategy random = new RandomPick(() -> seeds.split());
        for (int i = 0; i < 200; i++) {
            Ranking ranking = random.rank(TEAM, BILLING, Set.of(), NOW);
            assertThat(ranking.eligible()).extracting(c -> c.endpoint().id())
                    .containsExactlyInAnyOrder("ada", "bo", "cy");
            firsts.add(ranking.best().orElseThrow().endpoint().id());
        }
        assertThat(firsts).as("every eligible CSR is chosen sometimes").containsExactlyInAnyOrder("ada", "bo", "cy");
    }
}
