package io.parley.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.Candidate;
import io.parley.session.CsrState;
import io.parley.session.Queued;
import io.parley.session.Requester;
import io.parley.session.ServiceSession;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The customers waiting for an agent, as one member of staff sees them: an agent those of its services whose
 * subject it fits (with whether it may pick one now), supervisors and operators every one. Higher priority first,
 * then longest waiting first, as they are offered.
 */
@ApplicationScoped
public class QueueView {

    /**
     * A waiting customer: the session, what for, since when, its priority with the reasons, and whether the one
     * asking may pick it now ({@code pickable}) or why not ({@code notPickable}).
     */
    public record Waiting(String session, String service, String subject, Instant since, int priority,
            String priorityReasons, boolean pickable, String notPickable) {
    }

    private final SessionRepository sessions;
    private final ServiceSystem system;
    private final ServiceCatalogue catalogue;
    private final Clock clock;

    public QueueView(SessionRepository sessions, ServiceSystem system, ServiceCatalogue catalogue, Clock clock) {
        this.sessions = sessions;
        this.system = system;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    public Uni<List<Waiting>> of(Requester by) {
        boolean everyone = by.operator() || by.supervisor();
        return Panache.withSession(() -> sessions.queued().flatMap(queued -> (by.endpoint().isCsr()
                ? system.situation(Set.of(by.endpoint())).map(situation -> situation.csr(by.endpoint()))
                : Uni.createFrom().item(Optional.<Candidate>empty())).map(
                        me -> queued.stream()
                                .filter(session -> session.queue().purpose() == Queued.Purpose.SERVE)
                                .flatMap(session -> catalogue.find(session.serviceId())
                                        .flatMap(definition -> waiting(session, definition, me, everyone,
                                                clock.instant()))
                                        .stream())
                                .sorted((a, b) -> a.priority() != b.priority()
                                        ? Integer.compare(b.priority(), a.priority())
                                        : a.since().compareTo(b.since()))
                                .toList())));
    }

    private static Optional<Waiting> waiting(ServiceSession session, ServiceDefinition definition,
            Optional<Candidate> me, boolean everyone, Instant now) {
        Queued queue = session.queue();
        boolean fits = me.isPresent() && definition.requirementFor(queue.subject(),
                Duration.between(queue.since(), now)).isMetBy(me.get());
        if (!everyone && !fits) {
            return Optional.empty();
        }
        String notPickable = !definition.allow().pick() ? "the service offers its customers to agents"
                : me.isEmpty() ? "only agents pick"
                        : !fits ? "you lack the skills " + queue.subject() + " needs"
                                : me.get().state() == CsrState.AWAY || me.get().state() == CsrState.OFFLINE
                                        ? "set yourself available to pick"
                                        : !me.get().hasCapacity() ? "you have no room for another conversation" : null;
        ServiceDefinition.Rank rank = definition.priority().of(session);
        return Optional.of(new Waiting(session.id(), session.serviceId(), queue.subject(), queue.since(), rank.value(),
                rank.reasons(), notPickable == null, notPickable));
    }
}
