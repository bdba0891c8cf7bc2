package io.parley.routing;

import io.parley.session.EndpointRef;
import io.parley.session.WireName;

/** A CSR that routing passed over, and why: every routing decision can explain itself. */
public record Skip(EndpointRef endpoint, Reason reason, String detail) {

    public enum Reason implements WireName {
        /** Has (or had) a leg in the session. */
        EXCLUDED,
        /** Declined an offer, or let one time out, during this wait. */
        DECLINED,
        OFFLINE,
        AWAY,
        /** In the after-session time. */
        WRAP_UP,
        AT_CAPACITY,
        /** Has another offer out, and gets one at a time. */
        OFFERED,
        MISSING_SKILL,
        SKILL_TOO_LOW
    }

    @Override
    public String toString() {
        return endpoint + " (" + detail + ")";
    }
}
