package io.parley.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A CSR as routing sees it at the moment of a decision: a snapshot, so that picking stays a pure
 * function of its inputs.
 *
 * @param state available, busy, wrap-up, away or offline
 * @param skills skill name to level (1–10)
 * @param activeSessions sessions the CSR has an active leg in now
 * @param idleSince when the CSR last finished a session (or became available), for longest-idle
 * @param lastOfferedAt when the CSR was last made an offer, or {@code null}, for round-robin
 * @param talkTime how long the CSR has been in sessions so far, for least-talk-time
 * @param offered the CSR has an offer out now, and so gets no other until it is answered
 * @param readySince when the CSR last set itself available, or {@code null}: one passed over for a customer
 *        is offered it again at once when it is ready again since
 */
public record Candidate(EndpointRef endpoint, String displayName, CsrState state, Map<String, Integer> skills,
        int activeSessions, int maxSessions, Instant idleSince, Instant lastOfferedAt, Duration talkTime,
        boolean offered, Instant readySince) {

    public Candidate {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(state, "state");
        skills = Map.copyOf(skills);
        talkTime = talkTime == null ? Duration.ZERO : talkTime;
    }

    public Candidate(EndpointRef endpoint, String displayName, CsrState state, Map<String, Integer> skills,
            int activeSessions, int maxSessions, Instant idleSince, Instant lastOfferedAt, Duration talkTime,
            boolean offered) {
        this(endpoint, displayName, state, skills, activeSessions, maxSessions, idleSince, lastOfferedAt, talkTime,
                offered, null);
    }

    /** A CSR with no offer out, never offered, with no talk time yet. */
    public static Candidate of(EndpointRef endpoint, String displayName, CsrState state, Map<String, Integer> skills,
            int activeSessions, int maxSessions, Instant idleSince) {
        return new Candidate(endpoint, displayName, state, skills, activeSessions, maxSessions, idleSince, null,
                Duration.ZERO, false);
    }

    /** Signed in and taking sessions: available, busy or in wrap-up (not away or offline). */
    public boolean staffed() {
        return state != CsrState.AWAY && state != CsrState.OFFLINE;
    }

    public boolean hasCapacity() {
        return activeSessions < maxSessions;
    }

    public int level(String skill) {
        return skills.getOrDefault(skill, 0);
    }

    public Candidate withOffer(Instant at) {
        return new Candidate(endpoint, displayName, state, skills, activeSessions, maxSessions, idleSince, at,
                talkTime, true, readySince);
    }
}
