package io.parley.system.agents;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.parley.agent.Agent;
import io.parley.agent.AgentEvent;
import io.parley.agent.AgentService;
import io.parley.agent.AgentStates;
import io.parley.agent.Presence;
import io.parley.agent.StateChange;
import io.parley.session.CsrState;
import io.parley.session.EndpointRef;
import io.parley.session.Happening;
import io.parley.system.change.ServiceSystem;
import io.parley.system.revocations.TokenRevocations;
import io.parley.system.routing.Dispatcher;
import io.parley.system.store.RoutingRepository;
import io.parley.system.store.SessionRepository;
import io.parley.transport.Revocation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Agents as supervisors and consoles see them: their state now, its history, and presence changes,
 * which move an agent's open offers on when it goes away and route waiting sessions when it comes back.
 */
@ApplicationScoped
public class AgentDesk {

    private final AgentService agents;
    private final SessionRepository sessions;
    private final RoutingRepository routing;
    private final ServiceSystem system;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final TokenRevocations revocations;
    private final Event<StateChange> agentNotices;
    private final SigningOut signingOut;

    public AgentDesk(AgentService agents, SessionRepository sessions, RoutingRepository routing, ServiceSystem system,
            Dispatcher dispatcher, Clock clock, TokenRevocations revocations, Event<StateChange> agentNotices,
            SigningOut signingOut) {
        this.signingOut = signingOut;
        this.revocations = revocations;
        this.agentNotices = agentNotices;
        this.agents = agents;
        this.sessions = sessions;
        this.routing = routing;
        this.system = system;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** An agent with its state now and the sessions it is in. */
    public record AgentStatus(Agent agent, CsrState state, int activeSessions) {
    }

    public Uni<List<AgentStatus>> list() {
        return Panache.withSession(() -> agents.listInSession().flatMap(all -> sessions.activeSessionsPerCsr()
                .map(active -> {
                    Instant now = clock.instant();
                    return all.stream().map(agent -> status(agent, active, now)).toList();
                })));
    }

    /** One agent with its state now: two indexed reads, however many agents there are. */
    public Uni<Optional<AgentStatus>> find(String id) {
        return Panache.withSession(() -> agents.find(id).flatMap(found -> found.isEmpty()
                ? Uni.createFrom().item(Optional.<AgentStatus>empty())
                : sessions.activeSessionsPerCsr(Set.of(id))
                        .map(active -> Optional.of(status(found.get(), active, clock.instant())))));
    }

    private static AgentStatus status(Agent agent, Map<String, Integer> active, Instant now) {
        int count = active.getOrDefault(agent.id(), 0);
        return new AgentStatus(agent, AgentStates.of(agent, count, now), count);
    }

    public Uni<List<AgentEvent>> events(String id, int limit) {
        return agents.events(id, limit);
    }

    /**
     * Sets an agent's presence. Going away or offline withdraws its open offers (the sessions are offered
     * to the next agent who fits); the change is announced and the queues routed again.
     */
    public Uni<Optional<AgentStatus>> setPresence(String id, Presence presence) {
        return Panache.withTransaction(() -> agents.setPresence(id, presence).flatMap(changed -> changed.isEmpty()
                ? Uni.createFrom().item(Optional.<List<StateChange>>empty())
                : recordState(id).map(Optional::of))).flatMap(changed -> {
                    if (changed.isEmpty()) {
                        return Uni.createFrom().item(Optional.<AgentStatus>empty());
                    }
                    changed.get().forEach(agentNotices::fire);
                    Uni<Void> withdrawn = presence == Presence.AVAILABLE ? Uni.createFrom().voidItem()
                            : withdrawOffers(id, "csr:" + id + " went " + presence.wire());
                    return withdrawn.invoke(() -> dispatcher.request(EndpointRef.csr(id))).flatMap(ignored -> find(id));
                });
    }

    /**
     * Stores the state change a presence change made in the same transaction, so the agent's history shows it
     * as soon as the change is answered (the dispatcher's later pass finds nothing left to change).
     */
    private Uni<List<StateChange>> recordState(String id) {
        return sessions.activeSessionsPerCsr(Set.of(id))
                .flatMap(active -> agents.refreshStates(Set.of(id), active, clock.instant()));
    }

    /**
     * An operator signs an agent out: offline (its offers move on), and every console and endpoint token it was
     * issued until now is revoked on every replica, so its consoles' standing channels close; then it leaves its
     * conversations at once (its customers are told: {@link SigningOut}). It signs in again to come back.
     */
    public Uni<Optional<AgentStatus>> signOut(String id, String operator) {
        Instant now = clock.instant();
        return setPresence(id, Presence.OFFLINE).call(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                : revocations.revoke(new Revocation.IssuedBefore(EndpointRef.csr(id), now),
                        "signed out by operator " + operator)
                        .chain(() -> signingOut.leave(id, operator)));
    }

    private Uni<Void> withdrawOffers(String agentId, String why) {
        return Panache.withSession(() -> routing.openOffers()).flatMap(open -> Multi.createFrom()
                .iterable(open.stream().filter(offer -> offer.agentId().equals(agentId)).toList())
                .onItem().transformToUniAndConcatenate(offer -> system.happen(offer.sessionId(),
                        new Happening.CsrUnavailable(EndpointRef.csr(agentId), why), why))
                .collect().last().replaceWithVoid());
    }
}
