package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.parley.session.Candidate;
import io.parley.session.CsrState;
import io.parley.session.EndpointRef;

class LongestIdleTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static Candidate csr(String id, boolean available, int active, int max, int idleMinutes,
            Map<String, Integer> skills) {
        return Candidate.of(EndpointRef.csr(id), id, available ? CsrState.AVAILABLE : CsrState.OFFLINE, skills, active,
                max,
                NOW.minusSeconds(60L * idleMinutes));
    }

    private static final List<Candidate> TEAM = List.of(
            csr("ada", true, 0, 2, 5, Map.of("sales", 8)),
            csr("ben", true, 1, 2, 50, Map.of("sales", 3)),
            csr("cyd", false, 0, 2, 90, Map.of("sales", 9)),
            csr("dee", true, 2, 2, 80, Map.of("sales", 9)),
            csr("eve", true, 0, 2, 70, Map.of("billing", 9)),
            csr("fay", true, 0, 2, 50, Map.of("sales", 6)));

    private final RoutingStrategy strategy = RoutingStrategies.of(StrategyKind.LONGEST_IDLE, List.of());

    private static List<String> ids(List<Candidate> candidates) {
        return candidates.stream().map(c -> c.endpoint().id()).toList();
    }

    @Test
    void ordersEligibleCsrsByIdleTimeThenId() {
        Ranking ranking = strategy.rank(TEAM, new SkillRequirement(Map.of("sales", 1)), Set.of(), Set.of(), NOW);
        assertThat(ids(ranking.eligible())).containsExactly("ben", "fay", "ada");
    }

    @Test
    void skipsWithAReasonForEach() {
        Ranking ranking = strategy.rank(TEAM, new SkillRequirement(Map.of("sales", 5)),
                Set.of(EndpointRef.csr("fay")), Set.of(), NOW);
        assertThat(ids(ranking.eligible())).containsExactly("ada");
        assertThat(ranking.skipped()).extracting(Skip::reason).containsExactly(Skip.Reason.SKILL_TOO_LOW,
                Skip.Reason.OFFLINE, Skip.Reason.AT_CAPACITY, Skip.Reason.MISSING_SKILL, Skip.Reason.EXCLUDED);
        assertThat(ranking.explain()).startsWith("chose csr:ada by longest-idle (needs sales>=5); skipped csr:ben"
                + " (sales 3 < 5), csr:cyd (offline), csr:dee (at capacity 2/2)");
    }

    @Test
    void noRequirementMeansAnyFreeCsr() {
        assertThat(ids(strategy.rank(TEAM, SkillRequirement.NONE, Set.of(), Set.of(), NOW).eligible()))
                .containsExactly("eve", "ben", "fay", "ada");
    }

    @Test
    void nobodyFitsExplainsWhy() {
        Ranking ranking = strategy.rank(TEAM, new SkillRequirement(Map.of("legal", 1)), Set.of(), Set.of(), NOW);
        assertThat(ranking.best()).isEmpty();
        assertThat(ranking.explain()).startsWith("no CSR fits: skipped csr:ada (no legal skill)");
        assertThat(strategy.rank(List.of(), SkillRequirement.NONE, Set.of(), Set.of(), NOW).explain())
                .isEqualTo("there are no CSRs");
    }
}
