package io.parley.session;

/** Why a transfer failed, as a code beside the human reason: the pages tell these apart without reading prose. */
public enum TransferFailure implements WireName {
    /** A CSR in the session, or an operator, called it off. */
    CALLED_OFF,
    /** The second CSR did not connect within the service's transfer time-out. */
    NOT_CONNECTED,
    /** The second CSR's leg ended (it failed, left or was removed) before it connected. */
    SECOND_GONE
}
