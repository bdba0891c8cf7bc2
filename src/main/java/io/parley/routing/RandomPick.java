package io.parley.routing;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import io.parley.session.Candidate;
import io.parley.session.EndpointRef;

/** Any CSR that fits, at random: each ranking draws a fresh order from the generator it is given. */
public final class RandomPick implements RoutingStrategy {

    private final Supplier<RandomGenerator> random;

    /** @param random the source of randomness (seeded in tests, so that they are repeatable) */
    public RandomPick(Supplier<RandomGenerator> random) {
        this.random = random;
    }

    @Override
    public StrategyKind kind() {
        return StrategyKind.RANDOM;
    }

    @Override
    public Comparator<Candidate> order(SkillRequirement requirement, Instant now) {
        RandomGenerator draw = random.get();
        Map<EndpointRef, Double> keys = new HashMap<>();
        return Comparator.comparingDouble(c -> keys.computeIfAbsent(c.endpoint(), e -> draw.nextDouble()));
    }
}
