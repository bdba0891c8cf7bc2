package io.parley.routing;

import java.util.List;
import java.util.random.RandomGenerator;

/** The strategy for a kind. */
public final class RoutingStrategies {

    private RoutingStrategies() {
    }

    /**
     * @param order the configured order of CSR ids, for {@code top-down}
     */
    public static RoutingStrategy of(StrategyKind kind, List<String> order) {
        return switch (kind) {
            case LONGEST_IDLE -> new LongestIdle();
            case LEAST_BUSY -> new LeastBusy();
            case MOST_SKILLED -> new MostSkilled();
            case TOP_DOWN -> new TopDown(order);
            case RANDOM -> new RandomPick(RandomGenerator::getDefault);
            case ROUND_ROBIN -> new RoundRobin();
            case LEAST_TALK_TIME -> new LeastTalkTime();
            case RING_ALL -> new RingAll();
        };
    }
}
