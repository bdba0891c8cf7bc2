package io.parley.api;

import io.parley.session.Refusal;

/** Thrown by adapters to answer with a problem; mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

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

    public Problem problem() {
        return problem;
    }
}
