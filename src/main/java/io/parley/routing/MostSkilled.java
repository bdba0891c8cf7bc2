package io.parley.routing;

import java.time.Instant;
import java.util.Comparator;

import io.parley.session.Candidate;

/**
 * Highest levels in the required skills first (their sum; with no requirement, the best skill of all);
 * ties by longest idle.
 */
public final class MostSkilled implements RoutingStrategy {

    @Override
    public StrategyKind kind() {
        return StrategyKind.MOST_SKILLED;
    }

    @Override
    public Comparator<Candidate> order(SkillRequirement requirement, Instant now) {
        return Comparator.<Candidate>comparingInt(c -> -skill(c, requirement)).thenComparing(Candidate::idleSince);
    }

    private static int skill(Candidate candidate, SkillRequirement requirement) {
        if (requirement.minimumLevels().isEmpty()) {
            return candidate.skills().values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }
        return requirement.minimumLevels().keySet().stream().mapToInt(candidate::level).sum();
    }
}
