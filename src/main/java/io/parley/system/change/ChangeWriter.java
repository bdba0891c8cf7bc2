package io.parley.system.change;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.agent.AgentService;
import io.parley.agent.StateChange;
import io.parley.service.ServiceCatalogue;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.OfferOutcome;
import io.parley.session.Request;
import io.parley.session.ServiceSession;
import io.parley.session.SessionEvent;
import io.parley.session.SessionInstance;
import io.parley.system.Outcome;
import io.parley.system.RoutingConfig;
import io.parley.system.offers.OfferContexts;
import io.parley.system.store.RoutingRepository;
import io.parley.system.store.SessionStore;
import io.smallrye.mutiny.Uni;

/**
 * Writes a decided change inside its session's transaction: the session and its legs, the offers and queue
 * places its events made or closed, what they mean for the agents (an offer made, answered or missed; a session
 * done), and the event log. Nothing here decides; it stores what was decided.
 */
@ApplicationScoped
public class ChangeWriter {

    private final SessionStore store;
    private final OfferContexts offerContexts;
    private final AgentService agents;
    private final RoutingRepository routing;
    private final RoutingConfig routingConfig;
    private final ServiceCatalogue catalogue;

    public ChangeWriter(SessionStore store, OfferContexts offerContexts, AgentService agents,
            RoutingRepository routing, RoutingConfig routingConfig, ServiceCatalogue catalogue) {
        this.store = store;
        this.offerContexts = offerContexts;
        this.agents = agents;
        this.routing = routing;
        this.routingConfig = routingConfig;
        this.catalogue = catalogue;
    }

    Uni<Outcome<Change>> store(SessionStore.Loaded loaded, SessionInstance.Applied applied,
            Request request, String explanation, Instant now, boolean created) {
        List<Uni<Void>> writes = new ArrayList<>();
        ServiceSession before = loaded.session();
        ServiceSession after = applied.session();
        UUID sessionId = loaded.header().id;
        List<SessionStore.LogLine> log = new ArrayList<>();
        // First: a new session's row must exist before the rows that refer to it. It reads the log when it runs,
        // complete by then.
        writes.add(store.write(loaded, after, log, now));
        if (created && request instanceof Request.Start start && start.page() != null) {
            // Before any offer of this change reads it.
            writes.add(offerContexts.remember(sessionId, start.page(), now));
        }
        List<StateChange> agentChanges = new ArrayList<>();
        List<OfferContexts.OfferContext> offerContext = new ArrayList<>();
        if (request != null) {
            Map<String, Object> data = RequestData.of(request);
            data.put("decision", explanation);
            log.add(new SessionStore.LogLine(created ? "session-opened" : "request-allowed",
                    request.by().endpoint().toString(), data));
        } else if (!applied.events().isEmpty() && !"leg message".equals(explanation)) {
            // Nobody asked: a deadline passed, a connection was lost, CSRs became free. Say what it was.
            log.add(new SessionStore.LogLine("happened", null, new LinkedHashMap<>(Map.of("reason",
                    explanation))));
        }
        for (SessionEvent event : applied.events()) {
            log.add(new SessionStore.LogLine(event.type(), null, EventData.of(event)));
            switch (event) {
                // A CSR's session done (a supervisor's leaving is none: its time is not talk time).
                case SessionEvent.LegUpdated updated -> {
                    if (updated.leg().role() != LegRole.CSR || updated.leg().isActive()) {
                        continue;
                    }
                    Duration talk = before.leg(updated.leg().id())
                            .filter(leg -> leg.state() == LegState.CONNECTED)
                            .map(leg -> Duration.between(leg.since(), now)).orElse(Duration.ZERO);
                    Duration wrapUp = catalogue.find(after.serviceId()).map(d -> d.routing().wrapUp())
                            .orElse(Duration.ZERO);
                    writes.add(agents.finishedSession(updated.leg().endpoint().id(), now, talk, wrapUp));
                }
                case SessionEvent.OfferMade made -> {
                    writes.add(routing.offerMade(sessionId, after.serviceId(), made.offer(), made.purpose(),
                            made.subject()));
                    writes.add(agents.offered(made.offer().csr().id(), now));
                    // Read once for all the offers of a change (ring-all makes several).
                    if (offerContext.isEmpty()) {
                        offerContext.add(OfferContexts.OfferContext.NONE);
                        writes.add(
                                offerContexts.read(sessionId, made.purpose()).invoke(read -> offerContext.set(0, read))
                                        .replaceWithVoid());
                    }
                }
                case SessionEvent.OfferClosed closed -> {
                    writes.add(routing.offerClosed(closed.offer().id(), closed.outcome(), closed.reason(), now));
                    String agentId = closed.offer().csr().id();
                    if (closed.outcome() == OfferOutcome.ACCEPTED) {
                        writes.add(agents.answeredOffer(agentId));
                    } else if (closed.outcome() == OfferOutcome.EXPIRED) {
                        writes.add(agents.missedOffer(agentId, routingConfig.maxNoAnswer(), now)
                                .invoke(away -> away.ifPresent(agentChanges::add)).replaceWithVoid());
                    }
                }
                case SessionEvent.Enqueued enqueued -> writes.add(routing.entered(sessionId, after.serviceId(),
                        enqueued.queue()));
                case SessionEvent.Dequeued dequeued -> writes.add(routing.left(sessionId, dequeued.outcome(),
                        answeredBy(applied.events()), now));
                // The session's own rows (above) hold these: nothing else to write.
                case SessionEvent.LegAdded added -> {
                }
                case SessionEvent.SupervisionChanged changed -> {
                }
                case SessionEvent.TakenOver taken -> {
                }
                case SessionEvent.TransferStarted started -> {
                }
                case SessionEvent.TransferCompleted completed -> {
                }
                case SessionEvent.TransferFailed failed -> {
                }
                case SessionEvent.StateChanged changed -> {
                }
                case SessionEvent.Ended ended -> {
                }
                case SessionEvent.RoutingWaits waits -> {
                }
                case SessionEvent.ServiceChanged changed -> {
                }
            }
        }
        // Writes on one reactive session must not overlap: run them one after another.
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Uni<Void> write : writes) {
            chain = chain.flatMap(ignored -> write);
        }
        return chain.map(ignored -> Outcome.done(new Change(after, applied.events(), applied.addedLegs(), created,
                explanation, agentChanges, offerContext.isEmpty() ? null : offerContext.getFirst())));
    }

    private static String answeredBy(List<SessionEvent> events) {
        return events.stream()
                .filter(e -> e instanceof SessionEvent.OfferClosed closed && closed.outcome() == OfferOutcome.ACCEPTED)
                .map(e -> ((SessionEvent.OfferClosed) e).offer().csr().id())
                .findFirst().orElse(null);
    }
}
