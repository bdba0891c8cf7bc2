package io.parley.routing;

import java.time.Instant;
import java.util.Comparator;

import io.parley.session.Candidate;

/** Fewest active sessions relative to capacity first (Rocket.Chat's load balancing); ties by longest idle. */
public final class LeastBusy implements RoutingStrategy {

    @Override
    public StrategyKind kind() {
        return StrategyKind.LEAST_BUSY;
    }

    @Override
    public Comparator<Candidate> order(SkillRequirement requirement, Instant now) {
        return Comparator.<Candidate>comparingDouble(c -> (double) c.activeSessions() / c.maxSessions())
                .thenComparing(Candidate::idleSince);
    }
}
