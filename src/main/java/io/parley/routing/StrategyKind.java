package io.parley.routing;

import io.parley.session.WireName;

/** The routing strategies a service can name ({@code parley.services.<id>.routing.strategy}). */
public enum StrategyKind implements WireName {
    /** The CSR who finished a session (or became available) longest ago. */
    LONGEST_IDLE,
    /** The CSR offered a session least recently, so that offers go round the team in turn. */
    ROUND_ROBIN,
    /** The CSR with the fewest active sessions relative to capacity; ties by longest idle. */
    LEAST_BUSY,
    /** The CSR with the least time in sessions so far; ties by longest idle. */
    LEAST_TALK_TIME,
    /** The CSR with the highest levels in the required skills; ties by longest idle. */
    MOST_SKILLED,
    /** CSRs in the service's configured order ({@code routing.order}). */
    TOP_DOWN,
    /** Every CSR that fits at once; the first to accept takes the session, the others' offers are withdrawn. */
    RING_ALL,
    /** Any CSR that fits, at random. */
    RANDOM;

    public static StrategyKind fromWire(String value) {
        return WireName.parse(StrategyKind.class, value);
    }
}
