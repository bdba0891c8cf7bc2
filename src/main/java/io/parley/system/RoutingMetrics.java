package io.parley.system;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.CsrState;
import io.parley.session.SessionEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The queue figures as Prometheus metrics on {@code /q/metrics}: live gauges per service (waiting,
 * longest wait, agents by state) from the last routing round, and counters of offers and of how waits
 * ended (answered, abandoned, overflowed, timed-out, cancelled), with the time waited; and per service the service
 * level and abandon rate over the rolling window, from the figures read every {@code figures-refresh} (a scrape
 * never waits for the database).
 */
@ApplicationScoped
public class RoutingMetrics {

    private final MeterRegistry registry;
    private final QueueBoard board;
    private final ServiceCatalogue catalogue;
    private final Clock clock;
    private final ServiceStats stats;
    private final Timers timers;
    private final RoutingConfig config;
    /** Each service's figures as last read. */
    private final Map<String, ServiceStats.Stats> figures = new ConcurrentHashMap<>();

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
            Gauge.builder("parley.service.level", figures, f -> ratio(f.get(id), ServiceStats.Stats::serviceLevel))
                    .tag("service", id).description("Share of waits answered within the service level's target, of "
                            + "those answered or abandoned in the rolling window (NaN before any)")
                    .register(registry);
            Gauge.builder("parley.queue.abandon.rate", figures, f -> ratio(f.get(id), ServiceStats.Stats::abandonRate))
                    .tag("service", id).description("Share of waits that ended in the rolling window abandoned by the "
                            + "customer (NaN before any)")
                    .register(registry);
            for (CsrState state : CsrState.values()) {
                Gauge.builder("parley.agents", board, b -> b.of(id).agents().getOrDefault(state, 0))
                        .tags("service", id, "state", state.wire())
                        .description("The service's agents by state").register(registry);
            }
        }
        timers.every(config.figuresRefresh(), this::refresh);
    }

    Uni<Void> refresh() {
        return stats.all().invoke(all -> all.forEach(figure -> figures.put(figure.service(), figure)))
                .replaceWithVoid();
    }

    private static double ratio(ServiceStats.Stats figure, Function<ServiceStats.Stats, Optional<Double>> share) {
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
            switch (events.get(i)) {
                case SessionEvent.ServiceChanged moved -> service = moved.fromServiceId();
                case SessionEvent.OfferMade made -> Counter.builder("parley.offers").tag("service", service)
                        .description("Offers made to agents").register(registry).increment();
                case SessionEvent.Dequeued left -> {
                    Counter.builder("parley.queue.left").tags("service", service, "outcome", left.outcome().wire())
                            .description("Waits in the queue that ended, by how").register(registry).increment();
                    Timer.builder("parley.queue.wait").tags("service", service, "outcome", left.outcome().wire())
                            .description("Time waited in the queue").register(registry)
                            .record(Duration.between(left.queue().since(), clock.instant()));
                }
                default -> {
                }
            }
        }
    }
}
