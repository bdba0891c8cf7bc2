package io.parley.system;

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
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The figures a supervisor watches for one service, live and over the rolling window. */
@ApplicationScoped
public class ServiceStats {

    /**
     * @param longestWait how long the longest-waiting session has waited, or zero
     * @param agents the service's agents (those who fit one of its subjects) by state
     * @param averageWait of the waits answered in the window, or null
     * @param averageHandling from answer to end, of the sessions that ended in the window, or null
     */
    public record Stats(String service, Instant at, Duration window, int waiting, Duration longestWait,
            Map<CsrState, Integer> agents, long offered, long answered, long abandoned, long overflowed, long timedOut,
            Duration averageWait, Duration averageHandling) {
    }

    private final ServiceCatalogue catalogue;
    private final SessionRepository sessions;
    private final RoutingRepository routing;
    private final ServiceSystem system;
    private final RoutingConfig config;
    private final Clock clock;

    public ServiceStats(ServiceCatalogue catalogue, SessionRepository sessions, RoutingRepository routing,
            ServiceSystem system, RoutingConfig config, Clock clock) {
        this.catalogue = catalogue;
        this.sessions = sessions;
        this.routing = routing;
        this.system = system;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Optional<Stats>> of(String serviceId) {
        Optional<ServiceDefinition> definition = catalogue.find(serviceId);
        if (definition.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        Instant now = clock.instant();
        return Panache.withSession(() -> sessions.queued().flatMap(queued -> system.situation()
                .flatMap(situation -> routing.window(serviceId, now.minus(config.window())).map(window -> {
                    List<ServiceSession> waiting = queued.stream().filter(s -> s.serviceId().equals(serviceId))
                            .toList();
                    Duration longest = waiting.stream().map(s -> Duration.between(s.queue().since(), now))
                            .max(Duration::compareTo).orElse(Duration.ZERO);
                    Map<CsrState, Integer> agents = new LinkedHashMap<>(QueueBoard.agentsByState(situation.csrs()
                            .stream().filter(csr -> QueueBoard.servesFor(definition.get(), csr)).toList()));
                    return Optional.of(new Stats(serviceId, now, config.window(), waiting.size(), longest, agents,
                            window.offered(), count(window, QueueOutcome.ANSWERED),
                            count(window, QueueOutcome.ABANDONED), count(window, QueueOutcome.OVERFLOWED),
                            count(window, QueueOutcome.TIMED_OUT), window.averageWait(), window.averageHandling()));
                }))));
    }

    private static long count(RoutingRepository.Window window, QueueOutcome outcome) {
        return window.outcomes().getOrDefault(outcome.wire(), 0L);
    }
}
