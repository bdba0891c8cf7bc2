package io.parley.system.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.CsrState;
import io.parley.session.SessionEvent;
import io.parley.system.RoutingConfig;
import io.parley.system.SessionNotice;
import io.parley.system.Timers;
import io.quarkus.runtime.StartupEvent;

/**
 * The queue figures as Prometheus metrics on {@code /q/metrics}: live gauges per service (waiting,
 * longest wait, agents by state) from the last routing round, and counters of offers and of how waits
 * ended (answered, abandoned, overflowed, timed-out, cancelled), with the time waited; and per service the service
 * level and abandon rate over the rolling window, as last read (a scrape never waits for the database; one that
 * finds them older than {@code figures-refresh} has them read again).
 */
@ApplicationScoped
public class RoutingMetrics {

    private static final Logger LOG = Logger.getLogger(RoutingMetrics.class);

    private final MeterRegistry registry;
    private final QueueBoard board;
    private final ServiceCatalogue catalogue;
    private final Clock clock;
    private final ServiceStats stats;
    private final Timers timers;
    private final RoutingConfig config;
    /** Each service's service level and abandon rate as last read, and when. */
    private final Map<String, ServiceStats.Shares> shares = new ConcurrentHashMap<>();
    private volatile Instant sharesAt;
    private final AtomicBoolean reading = new AtomicBoolean();

    public RoutingMetrics(MeterRegistry registry, QueueBoard board, ServiceCatalogue catalogue, Clock clock,
            ServiceStats stats, Timers timers, RoutingConfig config) {
        this.registry = registry;
        this.board = board;
        this.catalogue = catalogue;
        this.clock = clock;
        this.stats = stats;
        this.timers = timers;
        this.config = config;
    }

    void register(@Observes StartupEvent started) {
        for (ServiceDefinition service : catalogue.all()) {
            String id = service.id();
            Gauge.builder("parley.queue.waiting", board, b -> b.of(id).waiting())
                    .tag("service", id).description("Sessions waiting in the service's queue").register(registry);
            Gauge.builder("parley.queue.longest.wait", board, b -> {
                var since = b.of(id).longestWaitingSince();
                return since == null ? 0 : Duration.between(since, clock.instant()).toMillis() / 1000.0;
            }).tag("service", id).baseUnit("seconds").description("How long the longest-waiting session has waited")
                    .register(registry);
            Gauge.builder("parley.service.level", this, m -> m.share(id, ServiceStats.Shares::serviceLevel))
                    .tag("service", id).description("Share of waits answered within the service level's target, of "
                            + "those answered or abandoned in the rolling window (NaN before any)")
                    .register(registry);
            Gauge.builder("parley.queue.abandon.rate", this, m -> m.share(id, ServiceStats.Shares::abandonRate))
                    .tag("service", id).description("Share of waits that ended in the rolling window abandoned by the "
                            + "customer (NaN before any)")
                    .register(registry);
            for (CsrState state : CsrState.values()) {
                Gauge.builder("parley.agents", board, b -> b.of(id).agents().getOrDefault(state, 0))
                        .tags("service", id, "state", state.wire())
                        .description("The service's agents by state").register(registry);
            }
        }
    }

    /**
     * A share as last read, never waiting for the database: a scrape that finds the figures older than
     * {@code figures-refresh} has them read again (once at a time), for the scrapes after it.
     */
    private double share(String serviceId, Function<ServiceStats.Shares, Optional<Double>> share) {
        Instant now = clock.instant();
        Instant read = sharesAt;
        if ((read == null || !now.isBefore(read.plus(config.figuresRefresh()))) && reading.compareAndSet(false, true)) {
            timers.onFreshContext(() -> stats.shares().invoke(shares::putAll).replaceWithVoid())
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            LOG.warnf("The service levels could not be read: %s", failure.getMessage());
                        }
                        sharesAt = clock.instant();
                        reading.set(false);
                    });
        }
        ServiceStats.Shares figure = shares.get(serviceId);
        return figure == null ? Double.NaN : share.apply(figure).orElse(Double.NaN);
    }

    void count(@Observes SessionNotice notice) {
        if (!(notice instanceof SessionNotice.Changed changed)) {
            return;
        }
        // Events before an overflow belong to the service the session came from: walk back from the end.
        List<SessionEvent> events = changed.events();
        String service = changed.session().serviceId();
        for (int i = events.size() - 1; i >= 0; i--) {
            // Three kinds of event count here; the others pass.
            SessionEvent event = events.get(i);
            if (event instanceof SessionEvent.ServiceChanged moved) {
                service = moved.fromServiceId();
            } else if (event instanceof SessionEvent.OfferMade) {
                Counter.builder("parley.offers").tag("service", service).description("Offers made to agents")
                        .register(registry).increment();
            } else if (event instanceof SessionEvent.Dequeued left) {
                Counter.builder("parley.queue.left").tags("service", service, "outcome", left.outcome().wire())
                        .description("Waits in the queue that ended, by how").register(registry).increment();
                Timer.builder("parley.queue.wait").tags("service", service, "outcome", left.outcome().wire())
                        .description("Time waited in the queue").register(registry)
                        .record(Duration.between(left.queue().since(), clock.instant()));
            }
        }
    }
}
