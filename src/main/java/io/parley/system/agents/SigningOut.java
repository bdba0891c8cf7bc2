package io.parley.system.agents;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.session.EndpointRef;
import io.parley.session.Happening;
import io.parley.session.LegEnding;
import io.parley.system.Outcome;
import io.parley.system.change.Change;
import io.parley.system.change.ServiceSystem;
import io.parley.system.cluster.ClusterNotices;
import io.parley.system.routing.Dispatcher;
import io.parley.system.store.SessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * An agent who signs out, or is signed out, leaves its conversations at once: its legs end with a reason and the code
 * {@code signed-out} ({@link LegEnding}), so its customers are told (a routed customer waits for the next agent, a
 * direct session ends) instead of finding out when its connections' grace runs out.
 */
@ApplicationScoped
public class SigningOut {

    private final SessionRepository sessions;
    private final ServiceSystem system;
    private final ClusterNotices cluster;
    private final Dispatcher dispatcher;

    public SigningOut(SessionRepository sessions, ServiceSystem system, ClusterNotices cluster, Dispatcher dispatcher) {
        this.sessions = sessions;
        this.system = system;
        this.cluster = cluster;
        this.dispatcher = dispatcher;
    }

    /**
     * A console of the agent signed out (its token revoked already): unless another console of the agent is still
     * connected, here or on another replica (as far as can be told: with the bus down, here), the agent leaves its
     * conversations.
     */
    public Uni<List<UUID>> consoleSignedOut(String agentId) {
        return Uni.createFrom().completionStage(() -> cluster.consoleHeldAnywhere(agentId))
                .flatMap(held -> held.orElse(false) ? Uni.createFrom().item(List.<UUID>of()) : leave(agentId, null));
    }

    /**
     * The agent leaves every open session it is in (and its open offers there are withdrawn), one after another;
     * {@code operator}: who signed it out, null when it signed out itself. Answers the sessions it left.
     */
    public Uni<List<UUID>> leave(String agentId, String operator) {
        EndpointRef csr = EndpointRef.csr(agentId);
        String why = LegEnding.signedOut(csr, operator);
        return Panache.withSession(() -> sessions.openSessionsOf(agentId))
                .flatMap(open -> open.isEmpty() ? Uni.createFrom().item(List.<UUID>of())
                        : Multi.createFrom().iterable(open)
                                .onItem().transformToUniAndConcatenate(sessionId -> system.happen(sessionId,
                                        new Happening.CsrRemoved(csr, why), why)
                                        .map(outcome -> outcome instanceof Outcome.Done<Change> ? Optional.of(sessionId)
                                                : Optional.<UUID>empty()))
                                .collect().asList()
                                .invoke(() -> dispatcher.request(false))
                                .map(left -> left.stream().flatMap(Optional::stream).toList()));
    }
}
