package io.parley.session;

import java.time.Instant;
import java.util.Map;

/**
 * A CSR as routing sees it at the moment of a decision: a snapshot, so that picking stays a pure
 * function of its inputs.
 *
 * @param available presence is {@code available}
 * @param skills skill name to level (1–10)
 * @param activeSessions sessions the CSR has an active leg in now
 * @param idleSince when the CSR last finished a session (or became available), for longest-idle
 */
public record Candidate(EndpointRef endpoint, String displayName, boolean available, Map<String, Integer> skills,
        int activeSessions, int maxSessions, Instant idleSince) {

    public Candidate {
        skills = Map.copyOf(skills);
    }

    public boolean hasCapacity() {
        return activeSessions < maxSessions;
    }

    public int level(String skill) {
        return skills.getOrDefault(skill, 0);
    }
}
