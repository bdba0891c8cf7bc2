package io.parley.system.agents;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import io.parley.agent.AgentService;
import io.parley.agent.StateChange;
import io.parley.session.OfferOutcome;
import io.parley.system.SessionNotice;
import io.parley.system.Timers;
import io.parley.system.cluster.ClusterNotices;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * An offer that expired while its agent had no console connected on any replica was made to nobody: the agent
 * is set away at once (as Flex's "not ready" after a missed reservation), so no other customer waits out an
 * offer to an empty desk and wait estimates stop counting it. Signing in to the console, or setting
 * available, brings it back. An agent whose console is connected keeps the usual rule (away after
 * {@code parley.routing.max-no-answer} misses in a row).
 */
@ApplicationScoped
public class MissedOffers {

    private final ClusterNotices cluster;
    private final AgentService agents;
    private final Timers timers;
    private final Event<StateChange> agentNotices;
    private final Clock clock;

    public MissedOffers(ClusterNotices cluster, AgentService agents, Timers timers, Event<StateChange> agentNotices,
            Clock clock) {
        this.cluster = cluster;
        this.agents = agents;
        this.timers = timers;
        this.agentNotices = agentNotices;
        this.clock = clock;
    }

    void expired(@Observes SessionNotice notice) {
        if (notice instanceof SessionNotice.OfferClosed closed && closed.outcome() == OfferOutcome.EXPIRED) {
            String agentId = closed.offer().csr().id();
            cluster.consoleHeldAnywhere(agentId).thenAccept(held -> {
                // Empty: the other replicas cannot be asked now; the usual max-no-answer rule still holds.
                if (held.isPresent() && !held.get()) {
                    timers.after(Duration.ZERO, () -> nobodyThere(agentId));
                }
            });
        }
    }

    private Uni<Void> nobodyThere(String agentId) {
        return Panache.withTransaction(() -> agents.nobodyThere(agentId, clock.instant()))
                .invoke(change -> change.ifPresent(agentNotices::fire)).replaceWithVoid();
    }
}
