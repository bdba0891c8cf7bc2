package io.parley.system;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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

        /**
         * The pause between two batches; shorter when there are so many batches that they would not all close
         * within two thirds of {@code quarkus.shutdown.delay} (the rest of the delay is for the reconnects
         * and the writes in flight).
         */
        @WithDefault("100ms")
        Duration batchInterval();
    }

    private final AtomicBoolean draining = new AtomicBoolean();
    private final Config config;
    private final Duration window;

    public Drain(Config config, @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.config = config;
        this.window = delay.orElse(Duration.ZERO).multipliedBy(2).dividedBy(3);
    }

    /** Connections closed at once. */
    public int batchSize() {
        return Math.max(1, config.batchSize());
    }

    /** The pause between two of {@code batches} batches, so that the last one closes within the window. */
    public Duration batchInterval(int batches) {
        Duration configured = config.batchInterval();
        if (batches <= 1 || window.isZero()) {
            return configured;
        }
        Duration fitting = window.dividedBy(batches - 1);
        return fitting.compareTo(configured) < 0 ? fitting : configured;
    }

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
