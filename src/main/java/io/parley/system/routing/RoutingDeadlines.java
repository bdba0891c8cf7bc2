package io.parley.system.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.Happening;
import io.parley.system.RoutingConfig;
import io.parley.system.change.ServiceSystem;
import io.parley.system.deadlines.LegLiveness;
import io.parley.system.store.RoutingRepository;
import io.parley.system.store.SessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What a timed routing round acts on because its time has come: offers whose time is up expire, waits past their
 * service's queue time-out end or overflow, CSRs invited who never connected are let go, and the handling-time
 * averages behind wait estimates are read again. Each reads what is due, by the indexes on when it is due, not
 * every open offer, wait or leg.
 */
@ApplicationScoped
class RoutingDeadlines {

    /** How often the averages that wait estimates use are read: they move over the window, not by the second. */
    private static final Duration HANDLING_TIMES_EVERY = Duration.ofSeconds(30);

    private final ServiceSystem system;
    private final LegLiveness liveness;
    private final SessionRepository sessions;
    private final RoutingRepository routing;
    private final ServiceCatalogue catalogue;
    private final RoutingConfig config;
    private final Clock clock;
    private volatile Map<String, Duration> handlingTimes = Map.of();
    private volatile Instant handlingTimesDue = Instant.MIN;

    RoutingDeadlines(ServiceSystem system, LegLiveness liveness, SessionRepository sessions, RoutingRepository routing,
            ServiceCatalogue catalogue, RoutingConfig config, Clock clock) {
        this.system = system;
        this.liveness = liveness;
        this.sessions = sessions;
        this.routing = routing;
        this.catalogue = catalogue;
        this.config = config;
        this.clock = clock;
    }

    /** Everything due now, one after another. */
    Uni<Void> act() {
        return expireOffers().flatMap(ignored -> timeOutQueues()).flatMap(ignored -> expireInvitations())
                .flatMap(ignored -> refreshHandlingTimes());
    }

    /** The service's average handling time over the window, as last read; the configured default before any. */
    Duration handlingTime(String serviceId) {
        return handlingTimes.getOrDefault(serviceId, config.defaultHandlingTime());
    }

    private Uni<Void> expireOffers() {
        return Panache.withSession(() -> routing.dueOffers(clock.instant())).flatMap(due -> EachInTurn.run(due,
                offer -> system.happen(offer.sessionId(), new Happening.OfferExpired(offer.id().toString()),
                        "offer to csr:" + offer.agentId() + " expired")));
    }

    /** The waits past their service's queue time-out: read are those past the shortest time-out of all. */
    private Uni<Void> timeOutQueues() {
        Instant now = clock.instant();
        Optional<Duration> shortest = catalogue.all().stream().map(d -> d.routing().queueTimeout())
                .min(Comparator.naturalOrder());
        if (shortest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> sessions.waitingSince(now.minus(shortest.get()))).flatMap(waiting -> {
            List<SessionRepository.Waiting> due = waiting.stream().filter(w -> catalogue.find(w.serviceId())
                    .map(d -> !now.isBefore(w.since().plus(d.routing().queueTimeout()))).orElse(false)).toList();
            return EachInTurn.run(due, w -> system.happen(w.sessionId(), new Happening.QueueTimedOut(),
                    "queue time-out"));
        });
    }

    private Uni<Void> expireInvitations() {
        return Panache.withSession(() -> sessions.staleCsrInvitations(clock.instant().minus(config.joinTimeout())))
                .flatMap(stale -> EachInTurn.run(stale, invitation -> liveness.expireInvitation(
                        invitation.sessionId(), invitation.legId(), config.joinTimeout())));
    }

    /** The services' average handling times, read again at most every {@link #HANDLING_TIMES_EVERY}. */
    private Uni<Void> refreshHandlingTimes() {
        Instant now = clock.instant();
        if (now.isBefore(handlingTimesDue)) {
            return Uni.createFrom().voidItem();
        }
        handlingTimesDue = now.plus(HANDLING_TIMES_EVERY);
        Set<String> services = catalogue.all().stream().map(ServiceDefinition::id).collect(Collectors.toSet());
        return Panache.withSession(() -> routing.averageHandling(services, now.minus(config.window())))
                .invoke(times -> handlingTimes = Map.copyOf(times)).replaceWithVoid();
    }
}
