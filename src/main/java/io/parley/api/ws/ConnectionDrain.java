package io.parley.api.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.parley.system.Drain;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;

/**
 * Sends every client of a replica that is stopping to another one: closes the WebSocket connections here in
 * staggered batches, so that they do not all reconnect at the same moment.
 */
@ApplicationScoped
class ConnectionDrain {

    private static final Logger LOG = Logger.getLogger(ConnectionDrain.class);

    private final ConnectionRegistry registry;
    private final Drain drain;
    private final Vertx vertx;

    ConnectionDrain(ConnectionRegistry registry, Drain drain, Vertx vertx) {
        this.registry = registry;
        this.drain = drain;
        this.vertx = vertx;
    }

    /**
     * Draining (SIGTERM): every connection is closed, in staggered batches, with 1012 "service restart"
     * (session channels; the client reconnects and resumes from its last sequence number) or 1001
     * "going away" (consoles' standing channels), so that clients move to another replica.
     */
    void drain(@Observes @Priority(Interceptor.Priority.APPLICATION + 10) ShutdownDelayInitiatedEvent shutdown) {
        List<WebSocketConnection> sessions = registry.sessionConnections();
        List<WebSocketConnection> standing = registry.consoleConnections();
        List<Map.Entry<WebSocketConnection, CloseReason>> all = new ArrayList<>();
        sessions.forEach(c -> all.add(Map.entry(c, CloseCodes.RESTARTING)));
        standing.forEach(c -> all.add(Map.entry(c, CloseCodes.LEAVING)));
        int size = drain.batchSize();
        long interval = drain.batchInterval((all.size() + size - 1) / size).toMillis();
        for (int start = 0, batch = 0; start < all.size(); start += size, batch++) {
            List<Map.Entry<WebSocketConnection, CloseReason>> slice = all.subList(start, Math.min(all.size(),
                    start + size));
            Runnable close = () -> slice.forEach(entry -> {
                if (entry.getKey().isOpen()) {
                    entry.getKey().close(entry.getValue()).subscribe().with(done -> {},
                            failure -> LOG.debug("close failed", failure));
                }
            });
            long delay = interval * batch;
            if (delay == 0) {
                close.run();
            } else {
                vertx.setTimer(delay, id -> close.run());
            }
        }
        LOG.infof("Draining: closing %d session and %d console connections in batches of %d, %d ms apart",
                sessions.size(), standing.size(), size, interval);
    }
}
