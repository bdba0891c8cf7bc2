package io.parley.transport;

/** The result of checking a token: the grant, or why it was rejected (never an exception for bad input). */
public sealed interface Verification<G> {

    record Verified<G>(G grant) implements Verification<G> {
    }

    /**
     * @param code {@code token-malformed}, {@code token-forged}, {@code token-expired} or {@code token-wrong-type}
     */
    record Rejected<G>(String code, String detail) implements Verification<G> {
    }

    default java.util.Optional<G> granted() {
        return this instanceof Verified<G> verified ? java.util.Optional.of(verified.grant())
                : java.util.Optional.empty();
    }
}
