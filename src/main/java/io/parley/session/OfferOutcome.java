package io.parley.session;

/** How an offer closed. Declined and expired offers pass the CSR over for the rest of the wait. */
public enum OfferOutcome implements WireName {
    ACCEPTED,
    DECLINED,
    EXPIRED,
    /** Another CSR accepted first (ring-all), the customer left, or the wait ended otherwise. */
    WITHDRAWN;

    public boolean passesOver() {
        return this == DECLINED || this == EXPIRED;
    }
}
