package io.parley.routing;

import java.time.Instant;
import java.util.Comparator;

import io.parley.session.Candidate;

/** Longest idle first: fair to CSRs, as mod_callcenter's and app_queue's default. */
public final class LongestIdle implements RoutingStrategy {

    @Override
    public StrategyKind kind() {
        return StrategyKind.LONGEST_IDLE;
    }

    @Override
    public Comparator<Candidate> order(SkillRequirement requirement, Instant now) {
        return Comparator.comparing(Candidate::idleSince);
    }
}
