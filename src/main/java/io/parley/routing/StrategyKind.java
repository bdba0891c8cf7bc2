package io.parley.routing;

import io.parley.session.WireName;

/** The routing strategies a service can name ({@code parley.services.<id>.routing.strategy}). */
public enum StrategyKind implements WireName {
    /** The CSR who finished a session (or became available) longest ago. */
    LONGEST_IDLE,
    /** The CSR with the fewest active sessions relative to capacity; ties by longest idle. */
    LEAST_BUSY,
    /** The CSR with the highest levels in the required skills; ties by longest idle. */
    MOST_SKILLED,
    /** CSRs in the service's configured order ({@code routing.order}). */
    TOP_DOWN,
    /** Any CSR that fits, at random. */
    RANDOM;

    public static StrategyKind fromWire(String value) {
        return WireName.parse(StrategyKind.class, value);
    }
}
