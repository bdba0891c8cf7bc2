package io.parley.system.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.agent.AgentService;
import io.parley.service.ServiceCatalogue;
import io.parley.session.EndpointRef;
import io.parley.session.ServiceSession;
import io.parley.session.Situation;
import io.parley.system.store.CsrSituations;
import io.parley.system.store.SessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What a routing round reads: the waiting sessions in the order they are offered, and the CSRs it needs to see.
 * Every CSR while customers wait (whom to offer them); otherwise only those whose state may have changed, so that a
 * round costs the same however many agents and sessions there are.
 */
@ApplicationScoped
class RoutingSnapshots {

    /** How often a timed round reads every CSR although nobody waits: a safety net for a refresh a replica missed. */
    private static final Duration EVERY_CSR_EVERY = Duration.ofMinutes(1);

    /** The waiting sessions, higher priority first, then longest waiting first; and the CSRs read for them. */
    record Snapshot(List<ServiceSession> queued, Situation situation) {
    }

    private final SessionRepository sessions;
    private final CsrSituations situations;
    private final AgentService agents;
    private final ServiceCatalogue catalogue;
    private final Clock clock;
    private volatile Instant everyCsrDue = Instant.MIN;

    RoutingSnapshots(SessionRepository sessions, CsrSituations situations, AgentService agents,
            ServiceCatalogue catalogue, Clock clock) {
        this.sessions = sessions;
        this.situations = situations;
        this.agents = agents;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** The waiting sessions and every CSR. */
    Uni<Snapshot> everyCsr() {
        return Panache.withSession(() -> sessions.queued().flatMap(queued -> situations.all()
                .map(situation -> snapshot(queued, situation))));
    }

    /**
     * After a change: with customers waiting, every CSR; with nobody waiting, only the CSRs whose legs changed
     * (their states).
     */
    Uni<Snapshot> after(Set<EndpointRef> changed) {
        return Panache.withSession(() -> sessions.queued().flatMap(queued -> (queued.isEmpty()
                ? situations.of(changed) : situations.all()).map(situation -> snapshot(queued, situation))));
    }

    /**
     * On a tick: as {@link #after}, with the CSRs whose wrap-up has ended too (the one state that changes with time
     * alone), and every CSR once every {@link #EVERY_CSR_EVERY}. A quiet second costs what is due in it.
     */
    Uni<Snapshot> onTick(Set<EndpointRef> changed) {
        Instant now = clock.instant();
        if (!now.isBefore(everyCsrDue)) {
            everyCsrDue = now.plus(EVERY_CSR_EVERY);
            return everyCsr();
        }
        return Panache.withSession(() -> agents.wrapUpsEnded(now)).flatMap(ended -> {
            Set<EndpointRef> scope = new HashSet<>(changed);
            ended.forEach(id -> scope.add(EndpointRef.csr(id)));
            return after(scope);
        });
    }

    private Snapshot snapshot(List<ServiceSession> queued, Situation situation) {
        return new Snapshot(queued.stream().sorted(catalogue.offerOrder()).toList(), situation);
    }
}
