package io.parley.system.routing;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.Candidate;
import io.parley.session.CsrState;
import io.parley.session.ServiceSession;
import io.parley.session.Situation;

/**
 * The live picture of every service's queue as the last routing round saw it: how many wait, since
 * when the longest, and its agents by state. Read by the metrics, cheaply, at any time.
 */
@ApplicationScoped
public class QueueBoard {

    /** One service's queue now. {@code longestWaitingSince} is null when nobody waits. */
    public record Board(int waiting, Instant longestWaitingSince, Map<CsrState, Integer> agents) {
    }

    private final ServiceCatalogue catalogue;
    private final Map<String, Board> boards = new ConcurrentHashMap<>();
    private volatile Set<String> waiting = Set.of();

    public QueueBoard(ServiceCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public Board of(String serviceId) {
        return boards.getOrDefault(serviceId, new Board(0, null, agentsByState(List.of())));
    }

    /**
     * Takes in a round's picture (the agents by state only from a whole one); answers the sessions that waited
     * in the previous round and no longer do (their customers are told so).
     */
    Set<String> update(Map<String, List<ServiceSession>> queuedByService, Situation situation, Set<String> waitingNow) {
        for (ServiceDefinition definition : catalogue.all()) {
            List<ServiceSession> queued = queuedByService.getOrDefault(definition.id(), List.of());
            Instant longest = queued.stream().map(s -> s.queue().since()).min(Instant::compareTo).orElse(null);
            // A round that read only some CSRs (nobody waited) keeps the last counts of agents by state.
            Map<CsrState, Integer> agents = situation.whole() ? agentsByState(situation.csrs().stream()
                    .filter(csr -> servesFor(definition, csr)).toList()) : of(definition.id()).agents();
            boards.put(definition.id(), new Board(queued.size(), longest, agents));
        }
        Set<String> left = new HashSet<>(waiting);
        left.removeAll(waitingNow);
        waiting = Set.copyOf(waitingNow);
        return left;
    }

    /** A CSR serves a service when it fits at least one of its subjects (any CSR, without subjects). */
    public static boolean servesFor(ServiceDefinition definition, Candidate csr) {
        return !definition.declaresSubjects()
                || definition.subjects().values().stream().anyMatch(requirement -> requirement.isMetBy(csr));
    }

    public static Map<CsrState, Integer> agentsByState(List<Candidate> csrs) {
        Map<CsrState, Integer> counts = new EnumMap<>(CsrState.class);
        for (CsrState state : CsrState.values()) {
            counts.put(state, 0);
        }
        csrs.forEach(c -> counts.merge(c.state(), 1, Integer::sum));
        return counts;
    }
}
