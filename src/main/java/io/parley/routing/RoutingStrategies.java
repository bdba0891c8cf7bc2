package io.parley.routing;

/** The strategy for a kind. */
public final class RoutingStrategies {

    private RoutingStrategies() {
    }

    public static RoutingStrategy of(StrategyKind kind) {
        return switch (kind) {
            case LONGEST_IDLE -> new LongestIdle();
        };
    }
}
