package io.parley.session;

import java.time.Instant;
import java.util.Objects;

/** A session offered to one CSR, open until it is accepted, declined, expires or is withdrawn. */
public record Offer(String id, EndpointRef csr, Instant made, Instant expires) {

    public Offer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(csr, "csr");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expires);
    }
}
