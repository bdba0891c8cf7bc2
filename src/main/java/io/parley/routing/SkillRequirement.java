package io.parley.routing;

import java.util.Map;
import java.util.stream.Collectors;

import io.parley.session.Candidate;

/** The skills a subject needs: skill name to the minimum level (1..10). No skills: any CSR fits. */
public record SkillRequirement(Map<String, Integer> minimumLevels) {

    public static final SkillRequirement NONE = new SkillRequirement(Map.of());

    public SkillRequirement {
        minimumLevels = Map.copyOf(minimumLevels);
    }

    /** Whether the CSR has every skill at the level required. */
    public boolean isMetBy(Candidate candidate) {
        return minimumLevels.entrySet().stream().allMatch(need -> candidate.level(need.getKey()) >= need.getValue());
    }

    @Override
    public String toString() {
        return minimumLevels.isEmpty() ? "any CSR" : minimumLevels.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ">=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
