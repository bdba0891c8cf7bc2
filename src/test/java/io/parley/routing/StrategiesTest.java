package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.parley.session.Candidate;
import io.parley.session.CsrState;
import io.parley.session.EndpointRef;

/** Each strategy orders the same table of CSRs its own way; eligibility is the same for all. */
class StrategiesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final SkillRequirement BILLING = new SkillRequirement(Map.of("billing", 3));

    private static Candidate csr(String id, int active, int max, int idleMinutes, Map<String, Integer> skills) {
        return Candidate.of(EndpointRef.csr(id), id, CsrState.AVAILABLE, skills, active, max,
                NOW.minusSeconds(60L * idleMinutes));
    }

    /** ada: busy 1/4, bo: 1/2, cy: 0/3 but recently idle, di: 2/2 (full), ed: no billing. */
    private static final List<Candidate> TEAM = List.of(
            csr("ada", 1, 4, 10, Map.of("billing", 9, "sales", 2)),
            csr("bo", 1, 2, 40, Map.of("billing", 4)),
            csr("cy", 0, 3, 1, Map.of("billing", 6)),
            csr("di", 2, 2, 90, Map.of("billing", 10)),
            csr("ed", 0, 3, 99, Map.of("sales", 9)));

    private static List<String> ranked(StrategyKind kind, List<String> order, SkillRequirement requirement) {
        return RoutingStrategies.of(kind, order).rank(TEAM, requirement, Set.of(), Set.of(), NOW).eligible().stream()
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
    void roundRobinGoesToWhoeverWasOfferedLeastRecently() {
        List<Candidate> team = List.of(
                offeredMinutesAgo(csr("ada", 0, 3, 10, Map.of("billing", 9)), 2),
                csr("bo", 0, 3, 40, Map.of("billing", 4)),
                offeredMinutesAgo(csr("cy", 0, 3, 1, Map.of("billing", 6)), 30));
        assertThat(ids(RoutingStrategies.of(StrategyKind.ROUND_ROBIN, List.of()).rank(team, BILLING, Set.of(),
                Set.of(), NOW).eligible())).as("bo was never offered; then the oldest offer").containsExactly("bo",
                        "cy", "ada");
    }

    @Test
    void leastTalkTimeGoesToWhoeverTalkedLeastThenLongestIdle() {
        List<Candidate> team = List.of(
                talked(csr("ada", 0, 3, 10, Map.of("billing", 9)), 30),
                talked(csr("bo", 0, 3, 40, Map.of("billing", 4)), 5),
                talked(csr("cy", 0, 3, 90, Map.of("billing", 6)), 5),
                talked(csr("di", 0, 3, 99, Map.of("sales", 6)), 0));
        assertThat(ids(RoutingStrategies.of(StrategyKind.LEAST_TALK_TIME, List.of()).rank(team, BILLING, Set.of(),
                Set.of(), NOW).eligible())).as("di lacks billing; bo and cy tie, cy idled longer")
                .containsExactly("cy", "bo", "ada");
    }

    @Test
    void ringAllOffersEveryEligibleCsrAtOnce() {
        RoutingStrategy ringAll = RoutingStrategies.of(StrategyKind.RING_ALL, List.of());
        assertThat(ringAll.offersEveryone()).isTrue();
        Ranking ranking = ringAll.rank(TEAM, BILLING, Set.of(), Set.of(), NOW);
        assertThat(ids(ranking.eligible())).containsExactly("bo", "ada", "cy");
        assertThat(ranking.explain(ranking.eligible())).startsWith("chose csr:bo, csr:ada, csr:cy by ring-all");
        assertThat(RoutingStrategies.of(StrategyKind.LONGEST_IDLE, List.of()).offersEveryone()).isFalse();
    }

    @Test
    void everyReasonToSkipIsNamed() {
        List<Candidate> team = List.of(
                state(csr("ann", 0, 3, 10, Map.of("billing", 9)), CsrState.AWAY),
                state(csr("ben", 0, 3, 10, Map.of("billing", 9)), CsrState.WRAP_UP),
                csr("cat", 0, 3, 10, Map.of("billing", 9)).withOffer(NOW),
                csr("dan", 0, 3, 10, Map.of("billing", 9)),
                csr("eli", 0, 3, 10, Map.of("billing", 9)),
                state(csr("fox", 3, 3, 10, Map.of("billing", 9)), CsrState.BUSY),
                csr("gus", 0, 3, 10, Map.of("billing", 9)));
        Ranking ranking = RoutingStrategies.of(StrategyKind.LONGEST_IDLE, List.of()).rank(team, BILLING,
                Set.of(EndpointRef.csr("dan")), Set.of(EndpointRef.csr("eli")), NOW);
        assertThat(ids(ranking.eligible())).containsExactly("gus");
        assertThat(ranking.skipped()).extracting(Skip::reason).containsExactly(Skip.Reason.AWAY, Skip.Reason.WRAP_UP,
                Skip.Reason.OFFERED, Skip.Reason.EXCLUDED, Skip.Reason.DECLINED, Skip.Reason.AT_CAPACITY);
        assertThat(ranking.explain()).contains("csr:cat (has another offer out)",
                "csr:eli (declined or did not answer)",
                "csr:ben (in wrap-up)");
    }

    private static List<String> ids(List<Candidate> candidates) {
        return candidates.stream().map(c -> c.endpoint().id()).toList();
    }

    private static Candidate offeredMinutesAgo(Candidate c, int minutes) {
        return new Candidate(c.endpoint(), c.displayName(), c.state(), c.skills(), c.activeSessions(), c.maxSessions(),
                c.idleSince(), NOW.minusSeconds(60L * minutes), c.talkTime(), false);
    }

    private static Candidate talked(Candidate c, int minutes) {
        return new Candidate(c.endpoint(), c.displayName(), c.state(), c.skills(), c.activeSessions(), c.maxSessions(),
                c.idleSince(), null, Duration.ofMinutes(minutes), false);
    }

    private static Candidate state(Candidate c, CsrState state) {
        return new Candidate(c.endpoint(), c.displayName(), state, c.skills(), c.activeSessions(), c.maxSessions(),
                c.idleSince(), null, c.talkTime(), false);
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
            Ranking ranking = random.rank(TEAM, BILLING, Set.of(), Set.of(), NOW);
            assertThat(ranking.eligible()).extracting(c -> c.endpoint().id())
                    .containsExactlyInAnyOrder("ada", "bo", "cy");
            firsts.add(ranking.best().orElseThrow().endpoint().id());
        }
        assertThat(firsts).as("every eligible CSR is chosen sometimes").containsExactlyInAnyOrder("ada", "bo", "cy");
    }
}
