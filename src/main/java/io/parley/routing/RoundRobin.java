package io.parley.routing;

import java.time.Instant;
import java.util.Comparator;

import io.parley.session.Candidate;

/**
 * Offers go round the team in turn: the CSR offered a session least recently first, those never
 * offered before everyone else (mod_callcenter's and app_queue's round-robin, remembering where it
 * stopped).
 */
public final class RoundRobin implements RoutingStrategy {

    @Override
    public StrategyKind kind() {
        return StrategyKind.ROUND_ROBIN;
    }

    @Override
    public Comparator<Candidate> order(SkillRequirement requirement, Instant now) {
        return Comparator.comparing(Candidate::lastOfferedAt, Comparator.nullsFirst(Comparator.naturalOrder()));
    }
}
