package io.parley.system.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.parley.agent.AgentService;
import io.parley.agent.StateChange;
import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.Candidate;
import io.parley.session.Decision;
import io.parley.session.EndpointRef;
import io.parley.session.Happening;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.Queued;
import io.parley.session.ServiceInstance;
import io.parley.session.ServiceSession;
import io.parley.session.SessionEvent;
import io.parley.session.Situation;
import io.parley.system.RoutingConfig;
import io.parley.system.SessionNotice;
import io.parley.system.Timers;
import io.parley.system.change.ServiceSystem;
import io.parley.system.deadlines.LegLiveness;
import io.parley.system.store.CsrSituations;
import io.parley.system.store.RoutingRepository;
import io.parley.system.store.SessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the queues moving. A round, run after every change that may free a CSR or change a queue and
 * on every tick: offers whose time ran out expire, waits past the queue time-out overflow or end, agent
 * states are re-evaluated (after-session time over, at capacity or not) and announced, waiting sessions
 * are offered, highest priority then longest waiting first, to the CSRs who fit, and every waiting customer
 * is told its position and estimated wait.
 *
 * <p>Rounds on one node never overlap: a round asked for while one runs is run once more after it.
 * Across nodes, the open-offer index keeps a CSR from getting two offers at once.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final ServiceSystem system;
    private final CsrSituations situations;
    private final LegLiveness liveness;
    private final SessionRepository sessions;
    private final RoutingRepository routing;
    private final AgentService agents;
    private final ServiceCatalogue catalogue;
    private final RoutingConfig config;
    private final Timers timers;
    private final Event<SessionNotice> notices;
    private final Event<StateChange> agentNotices;
    private final QueueBoard board;
    private final Clock clock;

    /** The CSRs whose legs changed since the last round: the next round refreshes their states. */
    private final Set<EndpointRef> touched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean timedAgain = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile Map<String, Duration> handlingTimes = Map.of();
    /** When the next timed round reads every CSR, and when the handling times are read again. */
    private volatile Instant fullRefreshDue = Instant.MIN;
    private volatile Instant handlingTimesDue = Instant.MIN;
    /** How often a timed round refreshes every CSR's state although nobody waits (a safety net). */
    private static final Duration FULL_REFRESH_EVERY = Duration.ofMinutes(1);
    /** How often the averages that wait estimates use are read: they move over the window, not by the second. */
    private static final Duration HANDLING_TIMES_EVERY = Duration.ofSeconds(30);

    public Dispatcher(ServiceSystem system, CsrSituations situations, LegLiveness liveness, SessionRepository sessions,
            RoutingRepository routing, AgentService agents,
            ServiceCatalogue catalogue, RoutingConfig config, Timers timers, Event<SessionNotice> notices,
            Event<StateChange> agentNotices, QueueBoard board, Clock clock) {
        this.clock = clock;
        this.system = system;
        this.situations = situations;
        this.liveness = liveness;
        this.sessions = sessions;
        this.routing = routing;
        this.agents = agents;
        this.catalogue = catalogue;
        this.config = config;
        this.timers = timers;
        this.notices = notices;
        this.agentNotices = agentNotices;
        this.board = board;
    }

    void start(@Observes StartupEvent started) {
        timers.every(config.tick(), () -> {
            request(true);
            return Uni.createFrom().voidItem();
        });
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
    }

    /** A change may have freed a CSR or changed a queue: run a round soon. */
    void changed(@Observes SessionNotice notice) {
        if (notice instanceof SessionNotice.Changed changed && changed.events().stream().anyMatch(Dispatcher::moves)) {
            changed.events().forEach(event -> csrOf(event).ifPresent(touched::add));
            request(false);
        }
    }

    /** The CSR whose leg an event added or changed: its state (available, busy) may have changed with it. */
    private static Optional<EndpointRef> csrOf(SessionEvent event) {
        Optional<Leg> leg = event instanceof SessionEvent.LegAdded added ? Optional.of(added.leg())
                : event instanceof SessionEvent.LegUpdated updated ? Optional.of(updated.leg()) : Optional.empty();
        return leg.map(Leg::endpoint).filter(EndpointRef::isCsr);
    }

    /** Runs a round soon that also refreshes the state of {@code csr}, whose presence changed. */
    public void request(EndpointRef csr) {
        touched.add(csr);
        request(false);
    }

    /** Runs a round soon; {@code timed} rounds also act on deadlines. */
    public void request(boolean timed) {
        if (stopped) {
            return;
        }
        if (timed) {
            timedAgain.set(true);
        }
        again.set(true);
        if (running.compareAndSet(false, true)) {
            timers.after(Duration.ZERO, this::runRounds);
        }
    }

    private Uni<Void> runRounds() {
        if (!again.getAndSet(false)) {
            running.set(false);
            // A request that came between the check and the reset must not be lost.
            if (again.get() && running.compareAndSet(false, true)) {
                return runRounds();
            }
            return Uni.createFrom().voidItem();
        }
        boolean timed = timedAgain.getAndSet(false);
        return round(timed)
                .onFailure().invoke(failure -> LOG.warn("A routing round failed; the next one retries", failure))
                .onFailure().recoverWithNull()
                .flatMap(ignored -> runRounds());
    }

    private Uni<Void> round(boolean timed) {
        Uni<Void> deadlines = timed ? expireOffers().flatMap(ignored -> timeOutQueues())
                .flatMap(ignored -> expireInvitations()).flatMap(ignored -> refreshHandlingTimes())
                : Uni.createFrom().voidItem();
        // One read of the queues and the agents serves the state refresh, the offers and, unless offers
        // changed the queues, the positions.
        Set<EndpointRef> changed = Set.copyOf(touched);
        touched.removeAll(changed);
        return deadlines.flatMap(ignored -> timed ? timedSnapshot(changed) : snapshot(changed))
                .flatMap(snapshot -> refreshAgentStates(snapshot).replaceWith(snapshot))
                .flatMap(snapshot -> offerWaitingSessions(snapshot)
                        .flatMap(offered -> offered ? snapshot() : Uni.createFrom().item(snapshot)))
                .invoke(this::announcePositions)
                .replaceWithVoid();
    }

    /**
     * What a timed round needs: with customers waiting, every CSR; otherwise the CSRs whose legs changed and those
     * whose wrap-up has ended (the one state that changes by itself, with time), and every CSR once every
     * {@link #FULL_REFRESH_EVERY} as a safety net for a refresh a replica missed. So a quiet second costs what is
     * due in it, not a read of every agent.
     */
    private Uni<Snapshot> timedSnapshot(Set<EndpointRef> changed) {
        Instant now = clock.instant();
        if (!now.isBefore(fullRefreshDue)) {
            fullRefreshDue = now.plus(FULL_REFRESH_EVERY);
            return snapshot();
        }
        return Panache.withSession(() -> agents.wrapUpsEnded(now)).flatMap(ended -> {
            Set<EndpointRef> scope = new HashSet<>(changed);
            ended.forEach(id -> scope.add(EndpointRef.csr(id)));
            return snapshot(scope);
        });
    }

    private Uni<Snapshot> snapshot() {
        return Panache.withSession(() -> sessions.queued().flatMap(queued -> situations.all()
                .map(situation -> snapshotOf(queued, situation))));
    }

    /**
     * What a round after a change needs: with customers waiting, every CSR (whom to offer them); with nobody
     * waiting, only the CSRs whose legs changed (their states), so that a change costs the same however many
     * agents and sessions there are.
     */
    private Uni<Snapshot> snapshot(Set<EndpointRef> changed) {
        return Panache.withSession(() -> sessions.queued().flatMap(queued -> (queued.isEmpty()
                ? situations.of(changed) : situations.all()).map(situation -> snapshotOf(queued, situation))));
    }

    // ----------------------------------------------------------------------------------------------

    private Uni<Void> expireOffers() {
        return Panache.withSession(() -> routing.dueOffers(clock.instant())).flatMap(due -> sequentially(due,
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
            return sequentially(due, w -> system.happen(w.sessionId(), new Happening.QueueTimedOut(),
                    "queue time-out"));
        });
    }

    private Uni<Void> expireInvitations() {
        return Panache.withSession(() -> sessions.staleCsrInvitations(clock.instant().minus(config.joinTimeout())))
                .flatMap(stale -> sequentially(stale, invitation -> liveness.expireInvitation(invitation.sessionId(),
                        invitation.legId(), config.joinTimeout())));
    }

    /** The services' average handling times, read again at most every {@link #HANDLING_TIMES_EVERY}. */
    private Uni<Void> refreshHandlingTimes() {
        Instant now = clock.instant();
        if (now.isBefore(handlingTimesDue)) {
            return Uni.createFrom().voidItem();
        }
        handlingTimesDue = now.plus(HANDLING_TIMES_EVERY);
        Set<String> services = catalogue.all().stream().map(ServiceDefinition::id).collect(Collectors.toSet());
        Instant since = clock.instant().minus(config.window());
        return Panache.withSession(() -> routing.averageHandling(services, since))
                .invoke(times -> handlingTimes = Map.copyOf(times)).replaceWithVoid();
    }

    private Uni<Void> refreshAgentStates(Snapshot snapshot) {
        Situation situation = snapshot.situation();
        Map<String, Integer> active = situation.found().stream()
                .collect(Collectors.toMap(csr -> csr.endpoint().id(), Candidate::activeSessions));
        return Panache.withTransaction(() -> situation.whole() ? agents.refreshStates(active, situation.now())
                : agents.refreshStates(active.keySet(), active, situation.now()))
                .invoke(changes -> changes.forEach(agentNotices::fire))
                .replaceWithVoid();
    }

    /**
     * Offers each waiting session without an open offer, in the snapshot's order, to whoever fits now. The
     * service instance is asked without a lock first (it is pure), so only sessions that will get an
     * offer are locked and changed. Answers whether any was.
     */
    private Uni<Boolean> offerWaitingSessions(Snapshot snapshot) {
        if (snapshot.queued().isEmpty()) {
            return Uni.createFrom().item(false);
        }
        List<Candidate> csrs = new ArrayList<>(snapshot.situation().csrs());
        List<ServiceSession> toRoute = new ArrayList<>();
        for (ServiceSession session : snapshot.queued()) {
            Optional<ServiceInstance> service = catalogue.instance(session.serviceId());
            if (service.isEmpty()) {
                continue;
            }
            Situation now = new Situation(csrs, snapshot.situation().now());
            for (Decision decision : service.get().react(session, new Happening.RouteAgain(), now)) {
                if (decision instanceof Decision.MakeOffers offers) {
                    toRoute.add(session);
                    // Later sessions in the queue do not count on the CSRs offered to this one.
                    csrs.replaceAll(c -> offers.csrs().contains(c.endpoint()) ? c.withOffer(now.now()) : c);
                }
            }
        }
        return sequentially(toRoute, session -> system.happen(UUID.fromString(session.id()),
                new Happening.RouteAgain(), "CSRs became free")).replaceWith(!toRoute.isEmpty());
    }

    /** Tells every waiting session its position in its service's queue and an estimated wait. */
    private void announcePositions(Snapshot snapshot) {
        Map<String, List<ServiceSession>> byService = new LinkedHashMap<>();
        snapshot.queued().forEach(s -> byService.computeIfAbsent(s.serviceId(), k -> new ArrayList<>()).add(s));
        Set<String> waitingNow = snapshot.queued().stream().map(ServiceSession::id).collect(Collectors.toSet());
        board.update(byService, snapshot.situation(), waitingNow).forEach(left -> notices.fire(
                new SessionNotice.QueueStatus(left, null, 0, 0, null, null, null)));
        byService.forEach((serviceId, waiting) -> {
            for (int i = 0; i < waiting.size(); i++) {
                ServiceSession session = waiting.get(i);
                Queued queue = session.queue();
                notices.fire(new SessionNotice.QueueStatus(session.id(), serviceId, i + 1, waiting.size(),
                        estimate(serviceId, queue, i + 1, snapshot.situation()), queue.purpose(),
                        queue.subject()));
            }
        });
    }

    /**
     * A rough estimate: the service's average handling time, times the position, shared among the
     * sessions that the CSRs who could be offered this customer can take at once: on duty (not away or
     * offline), fitting the subject, and not just passed over for it. Null when there is none: the customer
     * is told that nobody is available yet rather than a made-up wait.
     */
    Duration estimate(String serviceId, Queued queue, int position, Situation situation) {
        Optional<ServiceDefinition> definition = catalogue.find(serviceId);
        if (definition.isEmpty()) {
            return null;
        }
        Set<EndpointRef> passed = queue.passedOver(situation, definition.get().routing().retryAfter(), true);
        int capacity = situation.csrs().stream()
                .filter(c -> c.staffed() && definition.get().requirementFor(queue.subject()).isMetBy(c)
                        && !passed.contains(c.endpoint()))
                .mapToInt(Candidate::maxSessions).sum();
        if (capacity == 0) {
            return null;
        }
        Duration handling = handlingTimes.getOrDefault(serviceId, config.defaultHandlingTime());
        return handling.multipliedBy(position).dividedBy(capacity);
    }

    /** {@code queued} in the order they are offered: higher priority first, then longest waiting first. */
    private record Snapshot(List<ServiceSession> queued, Situation situation) {
    }

    private Snapshot snapshotOf(List<ServiceSession> queued, Situation situation) {
        return new Snapshot(queued.stream().sorted(catalogue.offerOrder()).toList(), situation);
    }

    private static boolean moves(SessionEvent event) {
        return switch (event) {
            // A leg that ends frees its CSR (or abandons a wait); one that connects or reports its channels
            // changes nobody's capacity.
            case SessionEvent.LegUpdated updated -> !updated.leg().isActive();
            case SessionEvent.LegAdded added -> added.leg().role() == LegRole.CSR;
            // The supervisor's leg is a CSR's now: it counts against the supervisor's capacity.
            case SessionEvent.TakenOver taken -> true;
            case SessionEvent.Enqueued enqueued -> true;
            case SessionEvent.Dequeued dequeued -> true;
            case SessionEvent.OfferClosed closed -> true;
            case SessionEvent.Ended ended -> true;
            default -> false;
        };
    }

    private static <T> Uni<Void> sequentially(List<T> items, Function<T, Uni<?>> work) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> work.apply(item)
                        .onFailure().invoke(failure -> LOG.warnf(failure, "Routing %s failed", item))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

}
