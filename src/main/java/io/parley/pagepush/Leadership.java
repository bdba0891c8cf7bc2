package io.parley.pagepush;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who leads each session's page push: the leg whose navigation, scrolling and pointer the others
 * follow. The first leg to push leads until another takes the lead or the leader's page push is gone
 * (its page closed and no next page connected within the lead grace, or its leg ended).
 * Each replica keeps the sessions whose connections it holds; what a leader does on another replica
 * reaches this one with the leader's leg, and so does its release. The leader's current page and its
 * last scroll position there are kept too, for a follower whose page connects after they were sent (a
 * page that was still loading or reconnecting when the leader pushed or scrolled, or a reload).
 */
@ApplicationScoped
public class Leadership {

    /** What a leg's push means for the lead. */
    public enum Claim {
        /** The leg led already. */
        LEADS,
        /** Nobody led: the leg leads from now on (the others should be told). */
        TOOK,
        /** Another leg leads: the push is refused. */
        FOLLOWS
    }

    /** Where the leader scrolled to: fractions of the page. */
    public record Position(double x, double y) {
    }

    private final Map<String, String> leaders = new ConcurrentHashMap<>();
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final Map<String, Position> scrolls = new ConcurrentHashMap<>();

    /** Whether the leg leads, or nobody does and it now takes the lead. */
    public Claim claim(String sessionId, String legId) {
        String before = leaders.putIfAbsent(sessionId, legId);
        return before == null ? Claim.TOOK : before.equals(legId) ? Claim.LEADS : Claim.FOLLOWS;
    }

    /** The leg takes the lead; a new leader's page and position are not known until it tells them. */
    public void take(String sessionId, String legId) {
        if (!legId.equals(leaders.put(sessionId, legId))) {
            pages.remove(sessionId);
            scrolls.remove(sessionId);
        }
    }

    /** The leader scrolled its page. */
    public void scrolled(String sessionId, Position position) {
        scrolls.put(sessionId, position);
    }

    /** The leader went to another page: the position on the one before means nothing now. */
    public void navigated(String sessionId, String url) {
        pages.put(sessionId, url);
        scrolls.remove(sessionId);
    }

    /** The page the leader is on, if it said. */
    public Optional<String> page(String sessionId) {
        return Optional.ofNullable(pages.get(sessionId));
    }

    /** Where the leader's current page is scrolled to, if it was. */
    public Optional<Position> scroll(String sessionId) {
        return Optional.ofNullable(scrolls.get(sessionId));
    }

    public Optional<String> leader(String sessionId) {
        return Optional.ofNullable(leaders.get(sessionId));
    }

    /** The leg's page-push channel closed: if it led, nobody does now, and the answer is true. */
    public boolean release(String sessionId, String legId) {
        boolean released = leaders.remove(sessionId, legId);
        if (released) {
            pages.remove(sessionId);
            scrolls.remove(sessionId);
        }
        return released;
    }
}
