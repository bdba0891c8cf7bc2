package io.parley.session;

import java.util.List;

/** A service instance's answer to a request: allowed, with the decisions to carry out, or refused. */
public sealed interface Verdict {

    record Allowed(List<Decision> decisions, String explanation) implements Verdict {
        public Allowed {
            decisions = List.copyOf(decisions);
        }
    }

    record Refused(Refusal refusal) implements Verdict {
    }

    static Verdict allow(String explanation, Decision... decisions) {
        return new Allowed(List.of(decisions), explanation);
    }

    static Verdict allow(String explanation, List<Decision> decisions) {
        return new Allowed(decisions, explanation);
    }

    static Verdict refuse(Refusal.Code code, String detail) {
        return new Refused(Refusal.of(code, detail));
    }
}
