package io.parley.api;

import jakarta.ws.rs.core.Response;

import io.parley.session.Refusal;
import io.parley.system.Outcome;

/** Thrown by adapters to answer with a problem; mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private long retryAfterSeconds;

    public ProblemException(Problem problem) {
        super(problem.code() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public static ProblemException invalid(String detail) {
        return new ProblemException(Problem.of(400, "invalid-request", detail));
    }

    public static ProblemException refused(Refusal refusal) {
        return new ProblemException(Problem.of(refusal));
    }

    /** The outcome's value, or its refusal thrown as the problem that answers it. */
    public static <T> T valueOf(Outcome<T> outcome) {
        return switch (outcome) {
            case Outcome.Done<T> done -> done.value();
            case Outcome.Refused<T> refused -> throw refused(refused.refusal());
        };
    }

    public Problem problem() {
        return problem;
    }

    /** The answer carries {@code Retry-After} with this many seconds. */
    public ProblemException retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** The problem as the answer to send. */
    public Response toResponse() {
        return retryAfterSeconds > 0 ? problem.toResponse(retryAfterSeconds) : problem.toResponse();
    }
}
