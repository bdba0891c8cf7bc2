package io.parley.system;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * A graceful stop. On SIGTERM Quarkus reports not-ready (so the load balancer stops sending new work)
 * and waits {@code quarkus.shutdown.delay}; meanwhile this node takes no new sessions, the WebSocket
 * adapters close their connections in staggered batches so that clients reconnect elsewhere, and the
 * writes in flight finish. Only then does the process stop.
 */
@ApplicationScoped
public class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class);

    /** How connections are closed while draining ({@code parley.drain.*}). */
    @ConfigMapping(prefix = "parley.drain")
    public interface Config {

        /** Connections closed at once; the rest follow batch by batch, so reconnects do not all arrive at once. */
        @WithDefault("100")
        int batchSize();

        /** The pause between two batches. */
        @WithDefault("100ms")
        Duration batchInterval();
    }

    private final AtomicBoolean draining = new AtomicBoolean();

    /** First of the drain's observers: no new session is taken from here on, before connections close. */
    void begin(@Observes @Priority(Interceptor.Priority.APPLICATION) ShutdownDelayInitiatedEvent shutdown) {
        if (draining.compareAndSet(false, true)) {
            LOG.info("Draining: not ready, no new sessions; closing WebSockets so clients reconnect elsewhere");
        }
    }

    public boolean draining() {
        return draining.get();
    }
}
