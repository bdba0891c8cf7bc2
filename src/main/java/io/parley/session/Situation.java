package io.parley.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a service instance may look at besides the session: the CSRs as they are now and the time now. Both are
 * inputs, so that deciding stays a pure function.
 * <p>
 * A situation is <em>whole</em> (every CSR: routing picks among them) or <em>scoped</em> to the CSRs a decision
 * is expected to need (those in the session, the one asking, the one named), so that a decision that routes
 * nobody costs the same however many agents and sessions there are. A decision that reaches past its scope (asks
 * for every CSR, or for one it was not read with) gets {@link Incomplete}; the caller reads the whole situation
 * and decides again. Nothing is decided on a partial picture.
 */
public record Situation(List<Candidate> csrs, Instant now, Set<EndpointRef> scope) {

    /** A decision reached past its situation's scope: decide again with the whole situation. */
    public static final class Incomplete extends RuntimeException {

        Incomplete(String what) {
            super("the decision needs " + what + ", which this situation was not read with");
        }
    }

    public Situation {
        csrs = List.copyOf(csrs);
        scope = scope == null ? null : Set.copyOf(scope);
    }

    /** Every CSR there is. */
    public Situation(List<Candidate> csrs, Instant now) {
        this(csrs, now, null);
    }

    /** The CSRs of {@code scope} (those of them that are agents: {@code found}), and nobody else. */
    public static Situation scoped(List<Candidate> found, Set<EndpointRef> scope, Instant now) {
        return new Situation(found, now, scope);
    }

    /** The CSRs this situation was read with: every CSR when whole, those of the scope that are agents otherwise. */
    public List<Candidate> found() {
        return csrs;
    }

    /** Whether this is every CSR there is. */
    public boolean whole() {
        return scope == null;
    }

    /**
     * Every CSR there is.
     *
     * @throws Incomplete when this situation is scoped
     */
    @Override
    public List<Candidate> csrs() {
        if (scope != null) {
            throw new Incomplete("every CSR");
        }
        return csrs;
    }

    /**
     * The CSR {@code endpoint}, if it is an agent.
     *
     * @throws Incomplete when this situation is scoped and was not read with it
     */
    public Optional<Candidate> csr(EndpointRef endpoint) {
        if (scope != null && !scope.contains(endpoint)) {
            throw new Incomplete(endpoint.toString());
        }
        return csrs.stream().filter(c -> c.endpoint().equals(endpoint)).findFirst();
    }
}
