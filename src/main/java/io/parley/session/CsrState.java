package io.parley.session;

/**
 * A CSR's state as routing and supervisors see it. {@code available}, {@code away} and
 * {@code offline} follow the presence the CSR set; {@code busy} (at capacity) and {@code wrap-up} (the
 * after-session time, during which no offers arrive) follow from the sessions the CSR is in.
 */
public enum CsrState implements WireName {
    AVAILABLE,
    BUSY,
    WRAP_UP,
    AWAY,
    OFFLINE;

    public static CsrState fromWire(String value) {
        return WireName.parse(CsrState.class, value);
    }

    /** Whether routing may offer this CSR a session. */
    public boolean takesOffers() {
        return this == AVAILABLE;
    }
}
