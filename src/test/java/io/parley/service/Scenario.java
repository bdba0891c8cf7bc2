package io.parley.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.parley.routing.SkillRequirement;
import io.parley.routing.StrategyKind;
import io.parley.session.Candidate;
import io.parley.session.Channel;
import io.parley.session.ChannelState;
import io.parley.session.CsrState;
import io.parley.session.EndpointRef;
import io.parley.session.Happening;
import io.parley.session.Leg;
import io.parley.session.Offer;
import io.parley.session.Refusal;
import io.parley.session.Request;
import io.parley.session.Requester;
import io.parley.session.ServiceInstance;
import io.parley.session.ServiceSession;
import io.parley.session.SessionEvent;
import io.parley.session.SessionInstance;
import io.parley.session.Situation;
import io.parley.session.Verdict;

/**
 * A service-session driven the way the service system drives it, without Quarkus: requests decided by
 * the real behaviour, decisions carried out by the real session instance.
 */
final class Scenario {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    final ServiceDefinition definition;
    final ServiceInstance service;
    final SessionInstance sessions;
    final List<Candidate> candidates = new ArrayList<>();
    ServiceSession session;
    Instant now = T0;
    /** Every event the scenario's steps caused, in order. */
    final List<SessionEvent> events = new ArrayList<>();

    private Scenario(ServiceDefinition definition, ServiceInstance service) {
        AtomicInteger legs = new AtomicInteger();
        this.definition = definition;
        this.service = service;
        this.sessions = new SessionInstance(() -> "leg-" + legs.incrementAndGet());
        this.session = ServiceSession.opened("s-1", definition.id(), null, T0);
    }

    static ServiceDefinition definition(String id, String behaviour, ServiceDefinition.Allow allow, int maxCsrs,
            Map<String, SkillRequirement> subjects) {
        return new ServiceDefinition(id, id, behaviour, Set.of(Channel.CHAT),
                new ServiceDefinition.RoutingPolicy(StrategyKind.LONGEST_IDLE, List.of(), Duration.ofSeconds(20),
                        Duration.ofMinutes(5), Optional.empty()),
                subjects, allow, new ServiceDefinition.Limits(maxCsrs, 6), Duration.ofSeconds(30), List.of(), false);
    }

    static Scenario routed(ServiceDefinition.Allow allow, int maxCsrs) {
        ServiceDefinition definition = definition("sales", "routed", allow, maxCsrs, Map.of(
                "pricing", new SkillRequirement(Map.of("sales", 1)),
                "billing", new SkillRequirement(Map.of("billing", 5))));
        return new Scenario(definition, new RoutedBehaviour(definition));
    }

    /** A routed service with its own routing policy, subjects pricing (sales) and billing (billing 7). */
    static Scenario routed(ServiceDefinition.RoutingPolicy policy) {
        ServiceDefinition definition = new ServiceDefinition("sales", "Sales", "routed", Set.of(Channel.CHAT), policy,
                Map.of("pricing", new SkillRequirement(Map.of("sales", 1)),
                        "billing", new SkillRequirement(Map.of("billing", 7))),
                allowAll(), new ServiceDefinition.Limits(3, 6), Duration.ofSeconds(30), List.of(), false);
        return new Scenario(definition, new RoutedBehaviour(definition));
    }

    static Scenario direct(ServiceDefinition.Allow allow) {
        ServiceDefinition definition = definition("callback", "direct", allow, 3, Map.of());
        return new Scenario(definition, new DirectBehaviour(definition));
    }

    static Scenario room(ServiceDefinition.Allow allow) {
        ServiceDefinition definition = definition("expert-desk", "subject-room", allow, 2, Map.of(
                "grinders", new SkillRequirement(Map.of("espresso", 1))));
        Scenario scenario = new Scenario(definition, new SubjectRoomBehaviour(definition));
        scenario.session = ServiceSession.opened("s-1", definition.id(), "grinders", T0);
        return scenario;
    }

    static ServiceDefinition.Allow allowAll() {
        return new ServiceDefinition.Allow(true, true, false);
    }

    /** A CSR; {@code idleMinutes} ago it finished its last session. */
    Scenario csr(String id, boolean available, int active, int max, int idleMinutes, Map<String, Integer> skills) {
        candidates.add(Candidate.of(EndpointRef.csr(id), id, available ? CsrState.AVAILABLE : CsrState.OFFLINE, skills,
                active, max, T0.minus(Duration.ofMinutes(idleMinutes))));
        return this;
    }

    /** The CSR makes itself ready again now (sets itself available): its idle clock restarts. */
    Scenario ready(EndpointRef csr) {
        candidates.replaceAll(c -> !c.endpoint().equals(csr) ? c : new Candidate(c.endpoint(), c.displayName(),
                CsrState.AVAILABLE, c.skills(), c.activeSessions(), c.maxSessions(), now, c.lastOfferedAt(),
                c.talkTime(), c.offered(), now));
        return this;
    }

    Scenario subject(String subject) {
        session = ServiceSession.opened(session.id(), session.serviceId(), subject, T0);
        return this;
    }

    Situation situation() {
        return new Situation(candidates, now);
    }

    Verdict decide(Request request) {
        return service.decide(session, request, situation());
    }

    /** Decides the request, expects it allowed, and carries its decisions out. */
    Scenario allowed(Request request) {
        Verdict verdict = decide(request);
        assertThat(verdict).as("verdict for %s", request).isInstanceOf(Verdict.Allowed.class);
        record(sessions.run(session, ((Verdict.Allowed) verdict).decisions(), service, situation()));
        return this;
    }

    Refusal.Code refused(Request request) {
        Verdict verdict = decide(request);
        assertThat(verdict).as("verdict for %s", request).isInstanceOf(Verdict.Refused.class);
        return ((Verdict.Refused) verdict).refusal().code();
    }

    /** The endpoint's leg reports its control channel connected. */
    Scenario connects(EndpointRef endpoint) {
        record(sessions.report(session, leg(endpoint).id(), Map.of(Channel.CONTROL, ChannelState.CONNECTED),
                service, situation()));
        return this;
    }

    Scenario happens(Happening happening) {
        record(sessions.run(session, service.react(session, happening, situation()), service, situation()));
        return this;
    }

    private void record(SessionInstance.Applied applied) {
        session = applied.session();
        events.addAll(applied.events());
    }

    Scenario later(Duration duration) {
        now = now.plus(duration);
        return this;
    }

    /** The CSRs the session is offered to now. */
    Set<EndpointRef> offeredTo() {
        return session.queued().map(q -> q.offers().stream().map(Offer::csr).collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    Offer offer(EndpointRef csr) {
        return session.queued().flatMap(q -> q.offers().stream().filter(o -> o.csr().equals(csr)).findFirst())
                .orElseThrow(() -> new AssertionError(csr + " has no open offer; offers: " + offeredTo()));
    }

    Scenario accepts(EndpointRef csr) {
        return allowed(new Request.AcceptOffer(Requester.as(csr), offer(csr).id()));
    }

    Scenario declines(EndpointRef csr) {
        return allowed(new Request.DeclineOffer(Requester.as(csr), offer(csr).id()));
    }

    /** The events of one kind, in order. */
    <E extends SessionEvent> List<E> events(Class<E> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    Leg leg(EndpointRef endpoint) {
        return session.legs().stream().filter(l -> l.endpoint().equals(endpoint)).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError(endpoint + " has no leg in " + session.legs()));
    }

    /** The leg of the customer someone named {@code label} (a new visitor's leg). */
    Leg labelled(String label) {
        return session.legs().stream().filter(l -> label.equals(l.label())).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no leg labelled " + label + " in " + session.legs()));
    }
}
