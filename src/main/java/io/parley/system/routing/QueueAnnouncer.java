package io.parley.system.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.Candidate;
import io.parley.session.EndpointRef;
import io.parley.session.Queued;
import io.parley.session.ServiceSession;
import io.parley.session.Situation;
import io.parley.system.SessionNotice;

/**
 * Tells every waiting customer its place in its service's queue and an estimated wait after each routing round,
 * and keeps the queue board (the wallboard's and the console's view of the queues) in step.
 */
@ApplicationScoped
class QueueAnnouncer {

    private final QueueBoard board;
    private final Event<SessionNotice> notices;
    private final ServiceCatalogue catalogue;
    private final RoutingDeadlines deadlines;

    QueueAnnouncer(QueueBoard board, Event<SessionNotice> notices, ServiceCatalogue catalogue,
            RoutingDeadlines deadlines) {
        this.board = board;
        this.notices = notices;
        this.catalogue = catalogue;
        this.deadlines = deadlines;
    }

    /** Tells every waiting session its position in its service's queue and an estimated wait. */
    void announce(RoutingSnapshots.Snapshot snapshot) {
        Map<String, List<ServiceSession>> byService = new LinkedHashMap<>();
        snapshot.queued().forEach(s -> byService.computeIfAbsent(s.serviceId(), k -> new ArrayList<>()).add(s));
        Set<String> waitingNow = snapshot.queued().stream().map(ServiceSession::id).collect(Collectors.toSet());
        board.update(byService, snapshot.situation(), waitingNow).forEach(left -> notices.fire(
                new SessionNotice.QueueStatus(left, null, 0, 0, null, null, null)));
        byService.forEach((serviceId, waiting) -> {
            for (int i = 0; i < waiting.size(); i++) {
                ServiceSession session = waiting.get(i);
                Queued queue = session.queue();
                notices.fire(new SessionNotice.QueueStatus(session.id(), serviceId, i + 1, waiting.size(),
                        estimate(serviceId, queue, i + 1, snapshot.situation()), queue.purpose(),
                        queue.subject()));
            }
        });
    }

    /**
     * A rough estimate: the service's average handling time, times the position, shared among the
     * sessions that the CSRs who could be offered this customer can take at once: on duty (not away or
     * offline), fitting the subject, and not just passed over for it. Null when there is none: the customer
     * is told that nobody is available yet rather than a made-up wait.
     */
    Duration estimate(String serviceId, Queued queue, int position, Situation situation) {
        Optional<ServiceDefinition> definition = catalogue.find(serviceId);
        if (definition.isEmpty()) {
            return null;
        }
        Set<EndpointRef> passed = queue.passedOver(situation, definition.get().routing().retryAfter(), true);
        int capacity = situation.csrs().stream()
                .filter(c -> c.staffed() && definition.get().requirementFor(queue.subject()).isMetBy(c)
                        && !passed.contains(c.endpoint()))
                .mapToInt(Candidate::maxSessions).sum();
        if (capacity == 0) {
            return null;
        }
        return deadlines.handlingTime(serviceId).multipliedBy(position).dividedBy(capacity);
    }
}
