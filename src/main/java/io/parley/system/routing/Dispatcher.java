package io.parley.system.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.parley.agent.AgentService;
import io.parley.agent.StateChange;
import io.parley.service.ServiceCatalogue;
import io.parley.session.Candidate;
import io.parley.session.Decision;
import io.parley.session.EndpointRef;
import io.parley.session.Happening;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.ServiceInstance;
import io.parley.session.ServiceSession;
import io.parley.session.SessionEvent;
import io.parley.session.Situation;
import io.parley.system.RoutingConfig;
import io.parley.system.SessionNotice;
import io.parley.system.Timers;
import io.parley.system.change.ServiceSystem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the queues moving. A round, run after every change that may free a CSR or change a queue and
 * on every tick: offers whose time ran out expire, waits past the queue time-out overflow or end, agent
 * states are re-evaluated (after-session time over, at capacity or not) and announced, waiting sessions
 * are offered, highest priority then longest waiting first, to the CSRs who fit, and every waiting customer
 * is told its position and estimated wait.
 *
 * <p>A round is read by {@link RoutingSnapshots}, its deadlines acted on by {@link RoutingDeadlines} and the
 * queues told by {@link QueueAnnouncer}; this class runs the rounds, refreshes the agents' states and makes the
 * offers.
 *
 * <p>Rounds on one node never overlap: a round asked for while one runs is run once more after it.
 * Across nodes, the open-offer index keeps a CSR from getting two offers at once.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final ServiceSystem system;
    private final RoutingSnapshots snapshots;
    private final RoutingDeadlines deadlines;
    private final QueueAnnouncer announcer;
    private final AgentService agents;
    private final ServiceCatalogue catalogue;
    private final RoutingConfig config;
    private final Timers timers;
    private final Event<StateChange> agentNotices;

    /** The CSRs whose legs changed since the last round: the next round refreshes their states. */
    private final Set<EndpointRef> touched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean timedAgain = new AtomicBoolean();
    private volatile boolean stopped;

    public Dispatcher(ServiceSystem system, RoutingSnapshots snapshots, RoutingDeadlines deadlines,
            QueueAnnouncer announcer, AgentService agents, ServiceCatalogue catalogue, RoutingConfig config,
            Timers timers, Event<StateChange> agentNotices) {
        this.system = system;
        this.snapshots = snapshots;
        this.deadlines = deadlines;
        this.announcer = announcer;
        this.agents = agents;
        this.catalogue = catalogue;
        this.config = config;
        this.timers = timers;
        this.agentNotices = agentNotices;
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
        // One read of the queues and the agents serves the state refresh, the offers and, unless offers
        // changed the queues, the positions.
        Set<EndpointRef> changed = Set.copyOf(touched);
        touched.removeAll(changed);
        return (timed ? deadlines.act() : Uni.createFrom().voidItem())
                .flatMap(ignored -> timed ? snapshots.onTick(changed) : snapshots.after(changed))
                .flatMap(snapshot -> refreshAgentStates(snapshot).replaceWith(snapshot))
                .flatMap(snapshot -> offerWaitingSessions(snapshot)
                        .flatMap(offered -> offered ? snapshots.everyCsr() : Uni.createFrom().item(snapshot)))
                .invoke(announcer::announce)
                .replaceWithVoid();
    }

    private Uni<Void> refreshAgentStates(RoutingSnapshots.Snapshot snapshot) {
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
    private Uni<Boolean> offerWaitingSessions(RoutingSnapshots.Snapshot snapshot) {
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
        return EachInTurn.run(toRoute, session -> system.happen(UUID.fromString(session.id()),
                new Happening.RouteAgain(), "CSRs became free")).replaceWith(!toRoute.isEmpty());
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
            // Nobody's capacity or place in a queue changes with these.
            case SessionEvent.SupervisionChanged changed -> false;
            case SessionEvent.TransferStarted started -> false;
            case SessionEvent.TransferCompleted completed -> false;
            case SessionEvent.TransferFailed failed -> false;
            case SessionEvent.StateChanged changed -> false;
            case SessionEvent.OfferMade made -> false;
            case SessionEvent.RoutingWaits waits -> false;
            case SessionEvent.ServiceChanged changed -> false;
        };
    }
}
