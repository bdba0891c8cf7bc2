package io.parley.routing;

import java.time.Instant;
import java.util.Comparator;

import io.parley.session.Candidate;

/** The CSR with the least time in sessions so far first (app_queue's fewest-calls by time); ties by longest idle. */
public final class LeastTalkTime implements RoutingStrategy {

    @Override
    public StrategyKind kind() {
        return StrategyKind.LEAST_TALK_TIME;
    }

    @Override
    public Comparator<Candidate> order(SkillRequirement requirement, Instant now) {
        return Comparator.comparing(Candidate::talkTime).thenComparing(Candidate::idleSince);
    }
}
