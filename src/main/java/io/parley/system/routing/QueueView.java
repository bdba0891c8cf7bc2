package io.parley.system.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.service.Picking;
import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.Candidate;
import io.parley.session.Queued;
import io.parley.session.Requester;
import io.parley.session.ServiceSession;
import io.parley.system.store.CsrSituations;
import io.parley.system.store.SessionRepository;
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
    private final CsrSituations situations;
    private final ServiceCatalogue catalogue;
    private final Clock clock;

    public QueueView(SessionRepository sessions, CsrSituations situations, ServiceCatalogue catalogue, Clock clock) {
        this.sessions = sessions;
        this.situations = situations;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    public Uni<List<Waiting>> of(Requester by) {
        boolean everyone = by.operator() || by.supervisor();
        return Panache.withSession(() -> sessions.queued().flatMap(queued -> (by.endpoint().isCsr()
                ? situations.of(Set.of(by.endpoint())).map(situation -> situation.csr(by.endpoint()))
                : Uni.createFrom().item(Optional.<Candidate>empty())).map(
                        me -> queued.stream()
                                .filter(session -> session.queue().purpose() == Queued.Purpose.SERVE)
                                .sorted(catalogue.offerOrder())
                                .flatMap(session -> catalogue.find(session.serviceId())
                                        .flatMap(definition -> waiting(session, definition, by, me, everyone,
                                                clock.instant()))
                                        .stream())
                                .toList())));
    }

    private static Optional<Waiting> waiting(ServiceSession session, ServiceDefinition definition, Requester by,
            Optional<Candidate> me, boolean everyone, Instant now) {
        if (!everyone && me.filter(csr -> Picking.fits(definition, session.queue(), csr, now)).isEmpty()) {
            return Optional.empty();
        }
        Optional<Picking.Blocked> blocked = Picking.blocked(definition, session, by.endpoint(), me, now);
        ServiceDefinition.Rank rank = definition.priority().of(session);
        return Optional.of(new Waiting(session.id(), session.serviceId(), session.queue().subject(),
                session.queue().since(), rank.value(), rank.reasons(), blocked.isEmpty(),
                blocked.map(Picking.Blocked::reason).orElse(null)));
    }
}
