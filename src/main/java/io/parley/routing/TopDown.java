package io.parley.routing;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.parley.session.Candidate;

/**
 * CSRs in a fixed order, the first that fits taking the session (app_queue's and mod_callcenter's
 * top-down); CSRs not in the order come after, longest idle first.
 */
public final class TopDown implements RoutingStrategy {

    private final List<String> order;

    public TopDown(List<String> order) {
        this.order = List.copyOf(order);
    }

    @Override
    public StrategyKind kind() {
        return StrategyKind.TOP_DOWN;
    }

    @Override
    public Comparator<Candidate> order(SkillRequirement requirement, Instant now) {
        return Comparator.<Candidate>comparingInt(c -> {
            int place = order.indexOf(c.endpoint().id());
            return place < 0 ? Integer.MAX_VALUE : place;
        }).thenComparing(Candidate::idleSince);
    }
}
