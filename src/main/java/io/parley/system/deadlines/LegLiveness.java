package io.parley.system.deadlines;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.parley.session.Channel;
import io.parley.session.ChannelState;
import io.parley.session.Decision;
import io.parley.session.Leg;
import io.parley.session.LegState;
import io.parley.session.ServiceSession;
import io.parley.system.Outcome;
import io.parley.system.SystemConfig;
import io.parley.system.Timers;
import io.parley.system.change.Change;
import io.parley.system.change.ChangeAnnouncer;
import io.parley.system.change.SessionTransaction;
import io.parley.system.cluster.ClusterNotices;
import io.parley.system.store.SessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Whether legs are still there: a leg whose control channel closed fails unless it is back (on any replica)
 * within the reconnect grace; a CSR invited who never connects fails after the join timeout; after a start, or a
 * replica gone with its timers, every leg that was connected gets the grace again. A failed leg is a change the
 * service reacts to (a routed customer waits again, a room goes on without it).
 */
@ApplicationScoped
public class LegLiveness {

    private static final Logger LOG = Logger.getLogger(LegLiveness.class);
    private static final Duration SWEEP_AT_MOST = Duration.ofSeconds(10);
    /** Legs whose control channel closed and whose grace a timer here is counting. */
    private final Set<String> awaitingControl = ConcurrentHashMap.newKeySet();

    private final SessionTransaction transaction;
    private final ChangeAnnouncer announcer;
    private final SessionRepository sessions;
    private final ClusterNotices cluster;
    private final Timers timers;
    private final SystemConfig config;
    private final Clock clock;

    public LegLiveness(SessionTransaction transaction, ChangeAnnouncer announcer, SessionRepository sessions,
            ClusterNotices cluster, Timers timers, SystemConfig config, Clock clock) {
        this.transaction = transaction;
        this.announcer = announcer;
        this.sessions = sessions;
        this.cluster = cluster;
        this.timers = timers;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The leg's control channel closed. Unless it is open again when the reconnect grace is over, the
     * leg then fails, and the service instance decides what follows.
     */
    public void controlClosed(UUID sessionId, String legId) {
        if (!awaitingControl.add(legId)) {
            return;
        }
        timers.once(config.reconnectGrace(), () -> cluster.controlHeldAnywhere(sessionId.toString(), legId)
                .thenAccept(held -> {
                    awaitingControl.remove(legId);
                    if (held.isEmpty()) {
                        // The other replicas cannot be asked now (the bus is down): wait another grace.
                        controlClosed(sessionId, legId);
                    } else if (!held.get()) {
                        timers.after(Duration.ZERO, () -> failLeg(sessionId, legId, "connection lost")
                                .replaceWithVoid());
                    }
                }));
    }

    /**
     * After a start (a crash, a deployment), nothing is connected and no timer is armed: every leg of the
     * {@code open} sessions that was connected gets the reconnect grace, and the sweeps begin.
     */
    void recover(List<ServiceSession> open) {
        timers.every(sweepPeriod(), this::sweepDisconnected);
        int legsWaited = 0;
        for (ServiceSession session : open) {
            UUID id = UUID.fromString(session.id());
            for (Leg leg : session.activeLegs()) {
                if (leg.channel(Channel.CONTROL) == ChannelState.CONNECTED) {
                    controlClosed(id, leg.id());
                    legsWaited++;
                }
            }
        }
        if (!open.isEmpty()) {
            LOG.infof("Recovered %d open sessions; %d legs have %s to reconnect", open.size(), legsWaited,
                    config.reconnectGrace());
        }
    }

    /** Every reconnect grace, but at least every ten seconds. */
    private Duration sweepPeriod() {
        return config.reconnectGrace().compareTo(SWEEP_AT_MOST) < 0 ? SWEEP_AT_MOST : config.reconnectGrace();
    }

    /**
     * Legs whose control channel was reported closed and that no timer here waits on get the grace again:
     * a replica that stopped (a drain, a scale-down) took its timers with it, and a client that never came
     * back would otherwise keep its leg, and its CSR's capacity, forever.
     */
    private Uni<Void> sweepDisconnected() {
        return Panache.withSession(() -> sessions.lostControl()).invoke(lost -> lost
                .forEach(leg -> controlClosed(leg.sessionId(), leg.legId()))).replaceWithVoid();
    }

    private Uni<Outcome<Change>> failLeg(UUID sessionId, String legId, String reason) {
        return failLeg(sessionId, legId, reason, session -> session.leg(legId).filter(Leg::isActive).isPresent());
    }

    /** Fails the leg if {@code due} still holds once the session is locked; otherwise changes nothing. */
    private Uni<Outcome<Change>> failLeg(UUID sessionId, String legId, String reason, Predicate<ServiceSession> due) {
        return transaction.locked(sessionId, loaded -> {
            if (!due.test(loaded.session())) {
                return Uni.createFrom().item(Outcome.<Change>done(SessionTransaction.unchanged(loaded.session())));
            }
            return transaction.react(loaded, situation -> List.of(new Decision.EndLeg(legId, LegState.FAILED,
                    reason)), reason);
        }).map(outcome -> announcer.afterCommit(outcome, null));
    }

    /**
     * A CSR who was invited (or accepted an offer) but never connected within {@code timeout}: its leg
     * fails and the service decides what follows (a routed customer is offered to someone else). A
     * transfer's second leg is left to the transfer's own deadline.
     */
    public Uni<Outcome<Change>> expireInvitation(UUID sessionId, String legId, Duration timeout) {
        return failLeg(sessionId, legId, "did not join within " + timeout.toSeconds() + "s", session -> {
            Instant now = clock.instant();
            return session.leg(legId)
                    .filter(leg -> leg.state() == LegState.INVITED || leg.state() == LegState.JOINING)
                    .filter(leg -> !leg.since().plus(timeout).isAfter(now))
                    .isPresent()
                    && session.pendingTransfer().filter(t -> t.toLegId().equals(legId)).isEmpty();
        });
    }
}
