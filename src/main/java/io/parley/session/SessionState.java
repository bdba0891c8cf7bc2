package io.parley.session;

/** A session is {@code waiting} while its customer is queued for a CSR, {@code active}, then {@code ended}. */
public enum SessionState implements WireName {
    WAITING,
    ACTIVE,
    ENDED;

    public static SessionState fromWire(String value) {
        return WireName.parse(SessionState.class, value);
    }
}
