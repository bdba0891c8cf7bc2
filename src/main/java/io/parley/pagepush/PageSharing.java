package io.parley.pagepush;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Each session's {@link Sharing}, as this replica knows it: from its customer's {@code stop} and {@code share}
 * here, or from the {@code sharing} messages that reach it from another replica (each says the whole state, so
 * learning it twice changes nothing). Also which staff legs each session's page-push connections here were last
 * told the page is shared with, so that they are told again only when that changes. Forgotten with the session.
 */
@ApplicationScoped
public class PageSharing {

    private final Map<String, Sharing> sharings = new ConcurrentHashMap<>();
    private final Map<String, Told> told = new ConcurrentHashMap<>();

    /** What the connections here were last told: whether sharing stopped, and with whom it is. */
    public record Told(boolean stopped, Set<String> with) {
    }

    public Sharing of(String sessionId) {
        return sharings.getOrDefault(sessionId, Sharing.FIRST_AGENT_ONLY);
    }

    /** The customer stopped sharing (here or, learnt, elsewhere); the answer is the new state. */
    public Sharing stop(String sessionId) {
        return sharings.compute(sessionId, (id, known) -> (known == null ? Sharing.FIRST_AGENT_ONLY : known).stop());
    }

    /** The customer shares with the staff in the conversation now; the answer is the new state. */
    public Sharing share(String sessionId, Set<String> staffNow) {
        return sharings.compute(sessionId,
                (id, known) -> (known == null ? Sharing.FIRST_AGENT_ONLY : known).share(staffNow));
    }

    /** What another replica said the session's sharing is. */
    public void learn(String sessionId, boolean stopped, Set<String> with) {
        sharings.put(sessionId, new Sharing(stopped, with));
    }

    /** Whether the connections here should be told this (it differs from what they were told last); notes it. */
    public boolean tell(String sessionId, Told now) {
        return !now.equals(told.put(sessionId, now));
    }

    /** The session ended, or this replica holds none of its connections any more. */
    public void forget(String sessionId) {
        sharings.remove(sessionId);
        told.remove(sessionId);
    }
}
