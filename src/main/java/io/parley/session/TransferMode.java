package io.parley.session;

/**
 * Cold: the first CSR's leg is removed as soon as the second CSR's leg is connected. Warm: both stay
 * (a consultation) until the first CSR leaves.
 */
public enum TransferMode implements WireName {
    WARM,
    COLD;

    public static TransferMode fromWire(String value) {
        return WireName.parse(TransferMode.class, value);
    }
}
