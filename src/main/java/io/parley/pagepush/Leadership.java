package io.parley.pagepush;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who leads each session's page push: the leg whose navigation, scrolling and pointer the others
 * follow. The first leg to push leads until another takes the lead or the leader's channel closes.
 * Kept on the node that holds the session's connections.
 */
@ApplicationScoped
public class Leadership {

    private final Map<String, String> leaders = new ConcurrentHashMap<>();

    /** True when the leg leads, or nobody does and it now takes the lead. */
    public boolean leadsOrTakes(String sessionId, String legId) {
        return leaders.computeIfAbsent(sessionId, id -> legId).equals(legId);
    }

    public void take(String sessionId, String legId) {
        leaders.put(sessionId, legId);
    }

    public Optional<String> leader(String sessionId) {
        return Optional.ofNullable(leaders.get(sessionId));
    }

    /** The leg's page-push channel closed: if it led, nobody does. */
    public void release(String sessionId, String legId) {
        leaders.remove(sessionId, legId);
    }
}
