package io.parley.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.parley.session.CsrState;

/**
 * A CSR of the agent directory.
 *
 * @param skills skill name to level, 1 (novice) to 10 (expert)
 * @param maxSessions how many sessions the CSR handles at once
 * @param idleSince when the CSR last finished a session or became available (longest-idle routing)
 * @param wrapUpUntil the end of the CSR's after-session time, or {@code null}
 * @param missedOffers offers the CSR let time out in a row
 * @param lastOfferedAt when the CSR was last made an offer (round-robin routing), or {@code null}
 * @param talkTime time spent in sessions (least-talk-time routing)
 * @param state the state last announced: available, busy, wrap-up, away or offline
 */
public record Agent(String id, String displayName, Map<String, Integer> skills, int maxSessions, Presence presence,
        Instant presenceSince, Instant idleSince, Instant wrapUpUntil, int missedOffers, Instant lastOfferedAt,
        Duration talkTime, CsrState state) {

    public Agent {
        skills = Map.copyOf(skills);
    }
}
