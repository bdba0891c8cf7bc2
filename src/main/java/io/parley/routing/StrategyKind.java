package io.parley.routing;

import io.parley.session.WireName;

/** The routing strategies a service can name ({@code parley.services.<id>.routing.strategy}). */
public enum StrategyKind implements WireName {
    /** The CSR who finished a session (or became available) longest ago. */
    LONGEST_IDLE;

    public static StrategyKind fromWire(String value) {
        return WireName.parse(StrategyKind.class, value);
    }
}
