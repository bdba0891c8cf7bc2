package io.parley.session;

/** What an endpoint is: a customer's browser, a CSR's console, or the service system itself. */
public enum EndpointKind implements WireName {
    CUSTOMER,
    CSR,
    SYSTEM;

    /** Parses the wire name; throws {@link IllegalArgumentException} naming the accepted values. */
    public static EndpointKind fromWire(String value) {
        return WireName.parse(EndpointKind.class, value);
    }
}
