package io.parley.agent;

import io.parley.session.WireName;

/** Whether a CSR takes new sessions: {@code available}, {@code away} (signed in, not taking any), {@code offline}. */
public enum Presence implements WireName {
    AVAILABLE,
    AWAY,
    OFFLINE;

    public static Presence fromWire(String value) {
        return WireName.parse(Presence.class, value);
    }
}
