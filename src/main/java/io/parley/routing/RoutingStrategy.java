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
 * (available, spare capacity, no other offer out, the skills at the levels required, not in the session
 * and not passed over in this wait); a strategy only orders the eligible ones. Pure: the same candidates
 * give the same ranking.
 */
public interface RoutingStrategy {

    StrategyKind kind();

    /** The order among eligible CSRs for this requirement, best first (ties go to the lower id). */
    Comparator<Candidate> order(SkillRequirement requirement, Instant now);

    /** Whether an offer goes to every eligible CSR at once (ring-all) rather than to the best one. */
    default boolean offersEveryone() {
        return false;
    }

    /**
     * @param exclude CSRs who have (or had) a leg in the session
     * @param passed CSRs who declined or let an offer expire during this wait
     */
    default Ranking rank(List<Candidate> candidates, SkillRequirement requirement, Set<EndpointRef> exclude,
            Set<EndpointRef> passed, Instant now) {
        List<Candidate> eligible = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Skip skip = skipReason(candidate, requirement, exclude, passed);
            if (skip == null) {
                eligible.add(candidate);
            } else {
                skipped.add(skip);
            }
        }
        eligible.sort(order(requirement, now).thenComparing(c -> c.endpoint().id()));
        return new Ranking(kind().wire(), requirement, eligible, skipped);
    }

    private static Skip skipReason(Candidate candidate, SkillRequirement requirement, Set<EndpointRef> exclude,
            Set<EndpointRef> passed) {
        EndpointRef endpoint = candidate.endpoint();
        if (exclude.contains(endpoint)) {
            return new Skip(endpoint, Skip.Reason.EXCLUDED, "in the session");
        }
        if (passed.contains(endpoint)) {
            return new Skip(endpoint, Skip.Reason.DECLINED, "declined or did not answer");
        }
        switch (candidate.state()) {
            case OFFLINE -> {
                return new Skip(endpoint, Skip.Reason.OFFLINE, "offline");
            }
            case AWAY -> {
                return new Skip(endpoint, Skip.Reason.AWAY, "away");
            }
            case WRAP_UP -> {
                return new Skip(endpoint, Skip.Reason.WRAP_UP, "in wrap-up");
            }
            case AVAILABLE, BUSY -> {
                // Offered if it has room and meets the rest: busy means some sessions, not necessarily all it takes.
            }
        }
        if (!candidate.hasCapacity()) {
            return new Skip(endpoint, Skip.Reason.AT_CAPACITY,
                    "at capacity " + candidate.activeSessions() + "/" + candidate.maxSessions());
        }
        if (candidate.offered()) {
            return new Skip(endpoint, Skip.Reason.OFFERED, "has another offer out");
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
