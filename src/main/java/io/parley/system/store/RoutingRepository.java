package io.parley.system.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.parley.session.Offer;
import io.parley.session.OfferOutcome;
import io.parley.session.QueueOutcome;
import io.parley.session.Queued;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Stores offers and the history of waits in queues, and answers the questions routing and the figures
 * ask of them. Every method runs inside the caller's reactive session or transaction.
 */
@ApplicationScoped
public class RoutingRepository {

    /** An offer as stored, open or closed. */
    public record StoredOffer(UUID id, UUID sessionId, String serviceId, String agentId, String purpose,
            String subject, String state, String reason, Instant madeAt, Instant expiresAt) {

        public boolean open() {
            return OfferEntity.OPEN.equals(state);
        }
    }

    public Uni<Void> offerMade(UUID sessionId, String serviceId, Offer offer, Queued.Purpose purpose, String subject) {
        OfferEntity row = new OfferEntity();
        row.id = UUID.fromString(offer.id());
        row.sessionId = sessionId;
        row.serviceId = serviceId;
        row.agentId = offer.csr().id();
        row.purpose = purpose.wire();
        row.subject = subject;
        row.state = OfferEntity.OPEN;
        row.madeAt = offer.made();
        row.expiresAt = offer.expires();
        return session().flatMap(s -> s.persist(row));
    }

    public Uni<Void> offerClosed(String offerId, OfferOutcome outcome, String reason, Instant at) {
        return session().flatMap(s -> s.createMutationQuery("""
                update OfferEntity set state = :state, reason = :reason, closedAt = :at
                where id = :id and state = 'open'""")
                .setParameter("state", outcome.wire())
                .setParameter("reason", clip(reason))
                .setParameter("at", at)
                .setParameter("id", UUID.fromString(offerId))
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Optional<StoredOffer>> offer(UUID id) {
        return session().flatMap(s -> s.find(OfferEntity.class, id)).map(row -> Optional.ofNullable(row)
                .map(RoutingRepository::stored));
    }

    /** Whether the agent was ever offered the session (it may then read it). One indexed lookup. */
    public Uni<Boolean> wasOffered(UUID sessionId, String agentId) {
        return session().flatMap(s -> s.createSelectionQuery(
                "select 1 from OfferEntity where agentId = :agent and sessionId = :session", Integer.class)
                .setParameter("agent", agentId)
                .setParameter("session", sessionId)
                .setMaxResults(1)
                .getResultList())
                .map(rows -> !rows.isEmpty());
    }

    /** The open offers, of every agent. */
    /** The open offers whose time is up at {@code now}, oldest first (by the open offers' expiry index, V17). */
    public Uni<List<StoredOffer>> dueOffers(Instant now) {
        return session().flatMap(s -> s.createSelectionQuery(
                "from OfferEntity where state = 'open' and expiresAt <= :now order by madeAt", OfferEntity.class)
                .setParameter("now", now)
                .getResultList())
                .map(rows -> rows.stream().map(RoutingRepository::stored).toList());
    }

    public Uni<List<StoredOffer>> openOffers() {
        return session().flatMap(s -> s.createSelectionQuery("from OfferEntity where state = 'open' order by madeAt",
                OfferEntity.class).getResultList())
                .map(rows -> rows.stream().map(RoutingRepository::stored).toList());
    }

    /** A wait begins, or (the same wait, for another purpose) changes what it waits for. */
    public Uni<Void> entered(UUID sessionId, String serviceId, Queued queue) {
        return openEntry(sessionId).flatMap(open -> {
            if (open.isPresent() && open.get().serviceId.equals(serviceId)) {
                open.get().purpose = queue.purpose().wire();
                open.get().subject = queue.subject();
                return Uni.createFrom().voidItem();
            }
            QueueEntryEntity entry = new QueueEntryEntity();
            entry.sessionId = sessionId;
            entry.serviceId = serviceId;
            entry.subject = queue.subject();
            entry.purpose = queue.purpose().wire();
            entry.enteredAt = queue.since();
            return session().flatMap(s -> s.persist(entry));
        });
    }

    public Uni<Void> left(UUID sessionId, QueueOutcome outcome, String answeredBy, Instant at) {
        return openEntry(sessionId).invoke(open -> open.ifPresent(entry -> {
            entry.leftAt = at;
            entry.outcome = outcome.wire();
            entry.answeredBy = answeredBy;
        })).replaceWithVoid();
    }

    private Uni<Optional<QueueEntryEntity>> openEntry(UUID sessionId) {
        return session().flatMap(s -> s.createSelectionQuery(
                "from QueueEntryEntity where sessionId = :id and leftAt is null order by id desc",
                QueueEntryEntity.class)
                .setParameter("id", sessionId)
                .setMaxResults(1)
                .getResultList())
                .map(rows -> rows.stream().findFirst());
    }

    /**
     * What a service's queue did in a window: counts by outcome, how many waits were answered within the service
     * level's target, and average times.
     */
    public record Window(long offered, Map<String, Long> outcomes, long answeredInTime, Duration averageWait,
            Duration averageHandling, Rated rated) {
    }

    /** The customers' ratings given in a window: how many, and their average (null before any). */
    public record Rated(long count, Double average) {
    }

    public Uni<Window> window(String serviceId, Instant since, Duration target) {
        return session().flatMap(s -> offered(s, serviceId, since)
                .flatMap(offered -> outcomes(s, serviceId, since)
                        .flatMap(outcomes -> answeredWaits(s, serviceId, since)
                                .flatMap(waits -> averageHandling(s, Set.of(serviceId), since)
                                        .flatMap(handling -> rated(s, serviceId, since)
                                                .map(rated -> new Window(offered, outcomes, waits.stream()
                                                        .filter(wait -> wait.compareTo(target) <= 0).count(),
                                                        average(waits), handling.getOrDefault(serviceId, null),
                                                        rated)))))));
    }

    /** Average handling time (answer to end) of the services' sessions that ended in the window. */
    public Uni<Map<String, Duration>> averageHandling(Set<String> serviceIds, Instant since) {
        return serviceIds.isEmpty() ? Uni.createFrom().item(Map.of())
                : session().flatMap(s -> averageHandling(s, serviceIds, since));
    }

    private static Uni<Rated> rated(Mutiny.Session s, String serviceId, Instant since) {
        return s.createNativeQuery("select count(*), avg(score) from session_rating where service_id = :service "
                + "and rated_at >= :since", Object[].class)
                .setParameter("service", serviceId)
                .setParameter("since", since)
                .getSingleResult()
                .map(row -> new Rated(((Number) row[0]).longValue(), row[1] == null ? null
                        : ((Number) row[1]).doubleValue()));
    }

    private static Uni<Long> offered(Mutiny.Session s, String serviceId, Instant since) {
        return s.createSelectionQuery(
                "select count(*) from OfferEntity where serviceId = :service and madeAt >= :since", Long.class)
                .setParameter("service", serviceId)
                .setParameter("since", since)
                .getSingleResult();
    }

    private static Uni<Map<String, Long>> outcomes(Mutiny.Session s, String serviceId, Instant since) {
        return s.createSelectionQuery("""
                select e.outcome, count(*) from QueueEntryEntity e
                where e.serviceId = :service and e.leftAt >= :since group by e.outcome""", Object[].class)
                .setParameter("service", serviceId)
                .setParameter("since", since)
                .getResultList()
                .map(rows -> rows.stream().collect(Collectors.toMap(row -> (String) row[0],
                        row -> ((Number) row[1]).longValue())));
    }

    private static Uni<List<Duration>> answeredWaits(Mutiny.Session s, String serviceId, Instant since) {
        return s.createSelectionQuery("""
                select e.enteredAt, e.leftAt from QueueEntryEntity e
                where e.serviceId = :service and e.leftAt >= :since and e.outcome = 'answered'""", Object[].class)
                .setParameter("service", serviceId)
                .setParameter("since", since)
                .getResultList()
                .map(rows -> rows.stream().map(row -> Duration.between((Instant) row[0], (Instant) row[1])).toList());
    }

    private static Uni<Map<String, Duration>> averageHandling(Mutiny.Session s, Set<String> serviceIds,
            Instant since) {
        return s.createSelectionQuery("""
                select e.serviceId, e.leftAt, h.endedAt from QueueEntryEntity e, SessionEntity h
                where h.id = e.sessionId and e.serviceId in :services and e.outcome = 'answered'
                and e.purpose = 'serve' and h.endedAt >= :since""", Object[].class)
                .setParameter("services", serviceIds)
                .setParameter("since", since)
                .getResultList()
                .map(rows -> {
                    Map<String, List<Duration>> byService = new HashMap<>();
                    rows.forEach(row -> byService.computeIfAbsent((String) row[0], k -> new ArrayList<>())
                            .add(Duration.between((Instant) row[1], (Instant) row[2])));
                    Map<String, Duration> averages = new HashMap<>();
                    byService.forEach((service, durations) -> averages.put(service, average(durations)));
                    return averages;
                });
    }

    private static Duration average(List<Duration> durations) {
        if (durations.isEmpty()) {
            return null;
        }
        long total = durations.stream().mapToLong(Duration::toMillis).sum();
        return Duration.ofMillis(total / durations.size());
    }

    private static StoredOffer stored(OfferEntity row) {
        return new StoredOffer(row.id, row.sessionId, row.serviceId, row.agentId, row.purpose, row.subject, row.state,
                row.reason, row.madeAt, row.expiresAt);
    }

    private static String clip(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
