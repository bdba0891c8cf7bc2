package io.parley.routing;

import java.time.Instant;
import java.util.Comparator;

import io.parley.session.Candidate;

/**
 * Every CSR that fits is offered the session at once; the first to accept takes it and the other
 * offers are withdrawn (app_queue's ringall). The order, longest idle first, is only the order in which
 * the offers are listed.
 */
public final class RingAll implements RoutingStrategy {

    @Override
    public StrategyKind kind() {
        return StrategyKind.RING_ALL;
    }

    @Override
    public boolean offersEveryone() {
        return true;
    }

    @Override
    public Comparator<Candidate> order(SkillRequirement requirement, Instant now) {
        return Comparator.comparing(Candidate::idleSince);
    }
}
