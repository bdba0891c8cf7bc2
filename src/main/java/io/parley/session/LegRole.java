package io.parley.session;

/** The part an endpoint plays in a session. */
public enum LegRole implements WireName {
    CUSTOMER,
    CSR,
    OBSERVER,
    /** A supervisor who monitors, whispers or barges (see {@link Supervision}); never counts as a CSR. */
    SUPERVISOR;

    /** The role an endpoint of this kind takes when it joins or is invited. */
    public static LegRole of(EndpointKind kind) {
        return switch (kind) {
            case CUSTOMER -> CUSTOMER;
            case CSR -> CSR;
            case SYSTEM -> OBSERVER;
        };
    }
}
