package io.parley.routing;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A step of a service's escalation (TaskRouter-style): once a request has waited {@code after}, the
 * subjects it names need only these skills, usually at lower levels, so that more CSRs fit.
 */
public record Escalation(Duration after, Map<String, SkillRequirement> subjects) {

    public Escalation {
        subjects = Map.copyOf(subjects);
    }

    /**
     * The requirement for {@code subject} after waiting {@code waited}: the latest step reached that
     * names the subject, else {@code base}.
     */
    public static SkillRequirement requirement(List<Escalation> steps, String subject, SkillRequirement base,
            Duration waited) {
        if (subject == null) {
            return base;
        }
        return steps.stream()
                .filter(step -> step.after().compareTo(waited) <= 0 && step.subjects().containsKey(subject))
                .max(Comparator.comparing(Escalation::after))
                .map(step -> step.subjects().get(subject))
                .orElse(base);
    }
}
