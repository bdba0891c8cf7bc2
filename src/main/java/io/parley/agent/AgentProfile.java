package io.parley.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What can be set about an agent (from configuration or {@code PUT /api/agents/{id}}), checked.
 */
public record AgentProfile(String displayName, Map<String, Integer> skills, int maxSessions) {

    public static final int MAX_SESSIONS_LIMIT = 100;

    public AgentProfile {
        skills = Map.copyOf(skills);
    }

    /** Every problem with this profile, each naming its field; empty when it is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            problems.add("name: 1 to 200 characters");
        }
        if (maxSessions < 1 || maxSessions > MAX_SESSIONS_LIMIT) {
            problems.add("maxSessions: 1 to " + MAX_SESSIONS_LIMIT + ", got " + maxSessions);
        }
        skills.forEach((skill, level) -> {
            if (!skill.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                problems.add("skills." + skill + ": a skill name is lower-case letters, digits and dashes");
            }
            if (level == null || level < 1 || level > 10) {
                problems.add("skills." + skill + ": level 1 to 10, got " + level);
            }
        });
        return problems;
    }
}
