package io.parley.routing;

import io.parley.session.EndpointRef;
import io.parley.session.WireName;

/** A CSR that routing passed over, and why: every routing decision can explain itself. */
public record Skip(EndpointRef endpoint, Reason reason, String detail) {

    public enum Reason implements WireName {
        EXCLUDED,
        UNAVAILABLE,
        AT_CAPACITY,
        MISSING_SKILL,
        SKILL_TOO_LOW
    }

    @Override
    public String toString() {
        return endpoint + " (" + detail + ")";
    }
}
