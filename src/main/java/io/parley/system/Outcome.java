package io.parley.system;

import io.parley.session.Refusal;

/** The answer of the service system: done, with a value, or refused by a rule (which changed nothing). */
public sealed interface Outcome<T> {

    record Done<T>(T value) implements Outcome<T> {
    }

    record Refused<T>(Refusal refusal) implements Outcome<T> {
    }

    static <T> Outcome<T> done(T value) {
        return new Done<>(value);
    }

    static <T> Outcome<T> refused(Refusal refusal) {
        return new Refused<>(refusal);
    }

    static <T> Outcome<T> refused(Refusal.Code code, String detail) {
        return new Refused<>(Refusal.of(code, detail));
    }

    /** The same refusal, typed for another value. */
    @SuppressWarnings("unchecked")
    default <U> Outcome<U> castRefusal() {
        if (this instanceof Refused<T> refused) {
            return (Outcome<U>) refused;
        }
        throw new IllegalStateException("not a refusal: " + this);
    }
}
