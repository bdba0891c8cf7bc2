package io.parley.agent;

import java.time.Instant;
import java.util.Map;

/**
 * A CSR of the agent directory.
 *
 * @param skills skill name to level, 1 (novice) to 10 (expert)
 * @param maxSessions how many sessions the CSR handles at once
 * @param idleSince when the CSR last finished a session or became available (longest-idle routing)
 */
public record Agent(String id, String displayName, Map<String, Integer> skills, int maxSessions, Presence presence,
        Instant presenceSince, Instant idleSince) {

    public Agent {
        skills = Map.copyOf(skills);
    }
}
