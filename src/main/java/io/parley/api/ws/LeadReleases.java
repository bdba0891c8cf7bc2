package io.parley.api.ws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.pagepush.PagePushConfig;
import io.vertx.core.Vertx;

/**
 * Page-push leaders whose page closed, each with the grace its next page has to connect and lead on
 * ({@code parley.page-push.lead-grace}). A leg's next page connecting here, or its page-push traffic
 * arriving from another replica (the next page connected there), calls the release off; another close
 * starts the grace again. Only the latest release of a leg runs.
 */
@ApplicationScoped
class LeadReleases {

    private final Map<String, Object> pending = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final PagePushConfig config;

    LeadReleases(Vertx vertx, PagePushConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** Runs {@code release} once the grace is over, unless the leg's page push came back meanwhile. */
    void schedule(String sessionId, String legId, Runnable release) {
        String key = key(sessionId, legId);
        Object token = new Object();
        pending.put(key, token);
        vertx.setTimer(Math.max(1, config.leadGrace().toMillis()), id -> {
            if (pending.remove(key, token)) {
                release.run();
            }
        });
    }

    /** The leg's page push is back (here or on another replica): it leads on. */
    void cancel(String sessionId, String legId) {
        pending.remove(key(sessionId, legId));
    }

    private static String key(String sessionId, String legId) {
        return sessionId + "/" + legId;
    }
}
