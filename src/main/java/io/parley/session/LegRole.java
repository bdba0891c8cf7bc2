package io.parley.session;

/** The part an endpoint plays in a session. */
public enum LegRole implements WireName {
    CUSTOMER,
    CSR,
    OBSERVER;

    /** The role an endpoint of this kind takes when it joins or is invited. */
    public static LegRole of(EndpointKind kind) {
        return switch (kind) {
            case CUSTOMER -> CUSTOMER;
            case CSR -> CSR;
            case SYSTEM -> OBSERVER;
        };
    }
}
