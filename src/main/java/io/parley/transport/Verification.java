package io.parley.transport;

import java.util.Optional;

/** The result of checking a token: the grant, or why it was rejected (never an exception for bad input). */
public sealed interface Verification<G> {

    record Verified<G>(G grant) implements Verification<G> {
    }

    /**
     * @param code {@code token-malformed}, {@code token-forged}, {@code token-expired} or {@code token-wrong-type}
     */
    record Rejected<G>(String code, String detail) implements Verification<G> {
    }

    default Optional<G> granted() {
        return this instanceof Verified<G> verified ? Optional.of(verified.grant())
                : Optional.empty();
    }
}
