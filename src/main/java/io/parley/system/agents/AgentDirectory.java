package io.parley.system.agents;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.parley.agent.Agent;
import io.parley.agent.AgentProfile;
import io.parley.agent.AgentService;
import io.parley.agent.StateChange;
import io.parley.session.EndpointRef;
import io.parley.session.Happening;
import io.parley.session.LegEnding;
import io.parley.system.Outcome;
import io.parley.system.change.Change;
import io.parley.system.change.ServiceSystem;
import io.parley.system.revocations.TokenRevocations;
import io.parley.system.routing.Dispatcher;
import io.parley.system.store.SessionRepository;
import io.parley.transport.Revocation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Changes to the agent directory that reach past it: an operator takes an agent out (it is no longer listed or
 * routed to; its tokens are refused and its consoles closed on every replica; its offers are withdrawn and its
 * legs end, so its customers are served by others as the services decide), or adds one back.
 */
@ApplicationScoped
public class AgentDirectory {

    private final AgentService agents;
    private final SessionRepository sessions;
    private final ServiceSystem system;
    private final Dispatcher dispatcher;
    private final TokenRevocations revocations;
    private final Event<StateChange> agentNotices;
    private final Clock clock;

    public AgentDirectory(AgentService agents, SessionRepository sessions, ServiceSystem system,
            Dispatcher dispatcher, TokenRevocations revocations, Event<StateChange> agentNotices, Clock clock) {
        this.agents = agents;
        this.sessions = sessions;
        this.system = system;
        this.dispatcher = dispatcher;
        this.revocations = revocations;
        this.agentNotices = agentNotices;
        this.clock = clock;
    }

    /**
     * What removing an agent did: when it was removed (the first time, for a retry) and the open sessions it was
     * taken out of now (its offers withdrawn, its legs ended).
     */
    public record Removal(String agentId, String name, Instant removedAt, List<String> sessions) {
    }

    /**
     * Takes the agent out of the directory; empty when there is none. In this order, so that nothing new reaches
     * it meanwhile: it is stored as removed (no longer listed, no longer a routing candidate), its tokens are
     * revoked everywhere (its consoles close), then each open session it is in or was offered reacts to its
     * removal, one after another, and the queues are routed again. A retry does what is left undone.
     */
    public Uni<Optional<Removal>> remove(String agentId, String operator) {
        String why = LegEnding.removed(EndpointRef.csr(agentId), operator);
        EndpointRef csr = EndpointRef.csr(agentId);
        // To the microsecond, as PostgreSQL keeps it: a retry answers the very same instant.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> agents.remove(agentId, why, now)).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<Removal>empty());
            }
            AgentService.Removal removal = found.get();
            removal.change().ifPresent(agentNotices::fire);
            // The moment's revocation is stored for the agent's return (PUT): tokens from before stay refused.
            Uni<Void> revoked = removal.change().isPresent()
                    ? revocations.revoke(new Revocation.IssuedBefore(csr, removal.removedAt()), why)
                    : Uni.createFrom().voidItem();
            return revoked.chain(() -> revocations.revoke(new Revocation.Removed(csr), why))
                    .chain(() -> Panache.withSession(() -> sessions.openSessionsOf(agentId)))
                    .flatMap(open -> Multi.createFrom().iterable(open)
                            .onItem().transformToUniAndConcatenate(sessionId -> system.happen(sessionId,
                                    new Happening.CsrRemoved(csr, why), why)
                                    .map(outcome -> outcome instanceof Outcome.Done<Change>
                                            ? Optional.of(sessionId.toString()) : Optional.<String>empty()))
                            .collect().asList())
                    .invoke(() -> dispatcher.request(false))
                    .map(left -> Optional.of(new Removal(agentId, removal.agent().displayName(),
                            removal.removedAt(), left.stream().flatMap(Optional::stream).toList())));
        });
    }

    /**
     * Creates or replaces an agent's profile; an agent that was removed is back in the directory, offline, and
     * tokens issued from now on are accepted again on every replica (those from before it was removed are not).
     */
    public Uni<Agent> put(String agentId, AgentProfile profile, String operator) {
        return agents.put(agentId, profile, "operator " + operator).call(put -> put.readmitted()
                ? revocations.revoke(new Revocation.Readmitted(EndpointRef.csr(agentId)),
                        "added to the directory again by operator " + operator)
                : Uni.createFrom().voidItem()).map(AgentService.Put::agent);
    }
}
