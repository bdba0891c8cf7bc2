package io.parley.routing;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.parley.session.Candidate;

/** The outcome of routing: the eligible CSRs, best first, and those skipped with the reason. */
public record Ranking(String strategy, List<Candidate> eligible, List<Skip> skipped) {

    public Ranking {
        eligible = List.copyOf(eligible);
        skipped = List.copyOf(skipped);
    }

    public Optional<Candidate> best() {
        return eligible.stream().findFirst();
    }

    /** In plain words: who was chosen by which strategy, and why the others were not. */
    public String explain() {
        String skips = skipped.stream().map(Skip::toString).collect(Collectors.joining(", "));
        if (best().isEmpty()) {
            return skipped.isEmpty() ? "there are no CSRs" : "skipped " + skips;
        }
        String chosen = "chose " + best().get().endpoint() + " by " + strategy;
        return skipped.isEmpty() ? chosen : chosen + "; skipped " + skips;
    }
}
