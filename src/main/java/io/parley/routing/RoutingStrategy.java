package io.parley.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.parley.session.Candidate;
import io.parley.session.EndpointRef;

/**
 * Picks CSRs for a request. Which CSRs are eligible is decided once, here, for every strategy
 * (available, spare capacity, the skills at the levels required, not excluded); a strategy only orders
 * the eligible ones. Pure: the same candidates give the same ranking.
 */
public interface RoutingStrategy {

    StrategyKind kind();

    /** The order among eligible CSRs for this requirement, best first (ties go to the lower id). */
    Comparator<Candidate> order(SkillRequirement requirement, Instant now);

    default Ranking rank(List<Candidate> candidates, SkillRequirement requirement, Set<EndpointRef> exclude,
            Instant now) {
        List<Candidate> eligible = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Skip skip = skipReason(candidate, requirement, exclude);
            if (skip == null) {
                eligible.add(candidate);
            } else {
                skipped.add(skip);
            }
        }
        eligible.sort(order(requirement, now).thenComparing(c -> c.endpoint().id()));
        return new Ranking(kind().wire(), eligible, skipped);
    }

    private static Skip skipReason(Candidate candidate, SkillRequirement requirement, Set<EndpointRef> exclude) {
        EndpointRef endpoint = candidate.endpoint();
        if (exclude.contains(endpoint)) {
            return new Skip(endpoint, Skip.Reason.EXCLUDED, "already in the session");
        }
        if (!candidate.available()) {
            return new Skip(endpoint, Skip.Reason.UNAVAILABLE, "not available");
        }
        if (!candidate.hasCapacity()) {
            return new Skip(endpoint, Skip.Reason.AT_CAPACITY,
                    "at capacity " + candidate.activeSessions() + "/" + candidate.maxSessions());
        }
        for (Map.Entry<String, Integer> need : requirement.minimumLevels().entrySet()) {
            int level = candidate.level(need.getKey());
            if (level == 0) {
                return new Skip(endpoint, Skip.Reason.MISSING_SKILL, "no " + need.getKey() + " skill");
            }
            if (level < need.getValue()) {
                return new Skip(endpoint, Skip.Reason.SKILL_TOO_LOW,
                        need.getKey() + " " + level + " < " + need.getValue());
            }
        }
        return null;
    }
}
