package io.parley.routing;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.parley.session.Candidate;

/** The outcome of routing: the eligible CSRs, best first, and those skipped with the reason. */
public record Ranking(String strategy, SkillRequirement requirement, List<Candidate> eligible, List<Skip> skipped) {

    public Ranking {
        eligible = List.copyOf(eligible);
        skipped = List.copyOf(skipped);
    }

    public Optional<Candidate> best() {
        return eligible.stream().findFirst();
    }

    /** In plain words: who was chosen by which strategy, and why the others were not. */
    public String explain() {
        return explain(best().map(List::of).orElse(List.of()));
    }

    /** In plain words, when the session is offered to {@code chosen} (all eligible CSRs for ring-all). */
    public String explain(List<Candidate> chosen) {
        String skips = skipped.stream().map(Skip::toString).collect(Collectors.joining(", "));
        String needs = requirement.minimumLevels().isEmpty() ? "" : " (needs " + requirement + ")";
        if (chosen.isEmpty()) {
            return (skipped.isEmpty() ? "there are no CSRs" : "no CSR fits: skipped " + skips) + needs;
        }
        String names = chosen.stream().map(c -> c.endpoint().toString()).collect(Collectors.joining(", "));
        String picked = "chose " + names + " by " + strategy + needs;
        String others = eligible.stream().filter(c -> !chosen.contains(c)).map(c -> c.endpoint().toString())
                .collect(Collectors.joining(", "));
        if (!others.isEmpty()) {
            picked += "; next in line " + others;
        }
        return skipped.isEmpty() ? picked : picked + "; skipped " + skips;
    }
}
