package io.parley.system;

import java.util.function.Function;

import io.parley.session.Refusal;
import io.smallrye.mutiny.Uni;

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

    /** The value passed through {@code f}, or the same refusal. */
    default <U> Outcome<U> map(Function<? super T, ? extends U> f) {
        return switch (this) {
            case Done<T> done -> done(f.apply(done.value()));
            case Refused<T> refused -> refused(refused.refusal());
        };
    }

    /** The value passed through {@code f}, which may refuse in turn; or the same refusal. */
    default <U> Outcome<U> flatMap(Function<? super T, Outcome<U>> f) {
        return switch (this) {
            case Done<T> done -> f.apply(done.value());
            case Refused<T> refused -> refused(refused.refusal());
        };
    }

    /** Goes on with the value, asynchronously ({@code f} may refuse in turn); or answers the same refusal now. */
    default <U> Uni<Outcome<U>> thenUni(Function<? super T, Uni<Outcome<U>>> f) {
        return switch (this) {
            case Done<T> done -> f.apply(done.value());
            case Refused<T> refused -> Uni.createFrom().item(refused(refused.refusal()));
        };
    }
}
