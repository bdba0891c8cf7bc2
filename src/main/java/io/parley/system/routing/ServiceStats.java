package io.parley.system.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.CsrState;
import io.parley.session.QueueOutcome;
import io.parley.session.ServiceSession;
import io.parley.session.Situation;
import io.parley.system.RoutingConfig;
import io.parley.system.store.CsrSituations;
import io.parley.system.store.RoutingRepository;
import io.parley.system.store.SessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The figures a supervisor watches for one service, live and over the rolling window. */
@ApplicationScoped
public class ServiceStats {

    /**
     * @param longestWait how long the longest-waiting session has waited, or zero
     * @param agents the service's agents (those who fit one of its subjects) by state
     * @param answeredInTime waits answered within the service level's target
     * @param level what the service aims at
     * @param averageWait of the waits answered in the window, or null
     * @param averageHandling from answer to end, of the sessions that ended in the window, or null
     * @param rated the customers' ratings given in the window
     */
    public record Stats(String service, Instant at, Duration window, int waiting, Duration longestWait,
            Map<CsrState, Integer> agents, long offered, long answered, long abandoned, long overflowed, long timedOut,
            long answeredInTime, ServiceDefinition.ServiceLevel level, Duration averageWait,
            Duration averageHandling, RoutingRepository.Rated rated) {

        /**
         * The share of waits answered within the target, of those answered or abandoned in the window (an abandoned
         * wait counts against it); empty before any.
         */
        public Optional<Double> serviceLevel() {
            return ServiceStats.serviceLevel(answeredInTime, answered, abandoned);
        }

        /** The share of waits that ended in the window that the customer abandoned; empty before any. */
        public Optional<Double> abandonRate() {
            return ServiceStats.abandonRate(answered, abandoned, overflowed, timedOut);
        }
    }

    /** A service's service level and abandon rate over the window, each empty before any wait counted. */
    public record Shares(Optional<Double> serviceLevel, Optional<Double> abandonRate) {
    }

    private static Optional<Double> serviceLevel(long answeredInTime, long answered, long abandoned) {
        long counted = answered + abandoned;
        return counted == 0 ? Optional.empty() : Optional.of((double) answeredInTime / counted);
    }

    private static Optional<Double> abandonRate(long answered, long abandoned, long overflowed, long timedOut) {
        long ended = answered + abandoned + overflowed + timedOut;
        return ended == 0 ? Optional.empty() : Optional.of((double) abandoned / ended);
    }

    private final ServiceCatalogue catalogue;
    private final SessionRepository sessions;
    private final RoutingRepository routing;
    private final CsrSituations situations;
    private final RoutingConfig config;
    private final Clock clock;

    public ServiceStats(ServiceCatalogue catalogue, SessionRepository sessions, RoutingRepository routing,
            CsrSituations situations, RoutingConfig config, Clock clock) {
        this.catalogue = catalogue;
        this.sessions = sessions;
        this.routing = routing;
        this.situations = situations;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Optional<Stats>> of(String serviceId) {
        Optional<ServiceDefinition> definition = catalogue.find(serviceId);
        if (definition.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Panache.withSession(() -> figures(List.of(definition.get())).map(all -> Optional.of(all.getFirst())));
    }

    /** Every service's service level and abandon rate, by service: only the window is read (no queue, no agent). */
    public Uni<Map<String, Shares>> shares() {
        Instant since = clock.instant().minus(config.window());
        return Panache.withSession(() -> Multi.createFrom().iterable(List.copyOf(catalogue.all()))
                .onItem().transformToUniAndConcatenate(definition -> routing.window(definition.id(), since,
                        definition.serviceLevel().target()).map(
                                window -> Map.entry(definition.id(), new Shares(
                                        serviceLevel(window.answeredInTime(), count(window, QueueOutcome.ANSWERED),
                                                count(window, QueueOutcome.ABANDONED)),
                                        abandonRate(count(window, QueueOutcome.ANSWERED),
                                                count(window, QueueOutcome.ABANDONED),
                                                count(window, QueueOutcome.OVERFLOWED),
                                                count(window, QueueOutcome.TIMED_OUT))))))
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Every service's figures, in the catalogue's order: the queues and agents are read once for all. */
    public Uni<List<Stats>> all() {
        return Panache.withSession(() -> figures(List.copyOf(catalogue.all())));
    }

    private Uni<List<Stats>> figures(List<ServiceDefinition> services) {
        return sessions.queued().flatMap(queued -> situations.all().flatMap(situation -> figures(services, queued,
                situation)));
    }

    /**
     * The services' figures from the waiting sessions and the agents already read (inside the caller's reactive
     * session): only each service's window is read here.
     */
    Uni<List<Stats>> figures(List<ServiceDefinition> services, List<ServiceSession> queued, Situation situation) {
        Instant now = clock.instant();
        return Multi.createFrom().iterable(services)
                .onItem().transformToUniAndConcatenate(definition -> routing.window(definition.id(),
                        now.minus(config.window()), definition.serviceLevel().target()).map(window -> {
                            List<ServiceSession> waiting = queued.stream()
                                    .filter(s -> s.serviceId().equals(definition.id())).toList();
                            Duration longest = waiting.stream().map(s -> Duration.between(s.queue().since(), now))
                                    .max(Duration::compareTo).orElse(Duration.ZERO);
                            Map<CsrState, Integer> agents = new LinkedHashMap<>(QueueBoard.agentsByState(situation
                                    .csrs().stream().filter(csr -> QueueBoard.servesFor(definition, csr)).toList()));
                            return new Stats(definition.id(), now, config.window(), waiting.size(), longest, agents,
                                    window.offered(), count(window, QueueOutcome.ANSWERED),
                                    count(window, QueueOutcome.ABANDONED), count(window, QueueOutcome.OVERFLOWED),
                                    count(window, QueueOutcome.TIMED_OUT), window.answeredInTime(),
                                    definition.serviceLevel(), window.averageWait(), window.averageHandling(),
                                    window.rated());
                        }))
                .collect().asList();
    }

    private static long count(RoutingRepository.Window window, QueueOutcome outcome) {
        return window.outcomes().getOrDefault(outcome.wire(), 0L);
    }
}
