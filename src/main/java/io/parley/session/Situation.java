package io.parley.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a service instance may look at besides the session: the CSRs as they are now and the time
 * now. Both are inputs, so that deciding stays a pure function.
 */
public record Situation(List<Candidate> csrs, Instant now) {

    public Situation {
        csrs = List.copyOf(csrs);
    }

    public Optional<Candidate> csr(EndpointRef endpoint) {
        return csrs.stream().filter(c -> c.endpoint().equals(endpoint)).findFirst();
    }
}
