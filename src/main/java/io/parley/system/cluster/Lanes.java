package io.parley.system.cluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Work run one after another within a lane (a session's), and lanes side by side: what the other replicas say of
 * one session keeps its order, and a slow read for one session holds up no other. A lane is forgotten once its last
 * work is done, so lanes cost nothing for sessions that are quiet. Pure; a failure is handed to {@code failed} and
 * the lane goes on.
 */
final class Lanes {

    private final Map<String, CompletionStage<Void>> tails = new ConcurrentHashMap<>();

    /** Runs {@code work} once everything queued before it in {@code lane} has finished (or failed). */
    void run(String lane, Supplier<CompletionStage<Void>> work, Consumer<Throwable> failed) {
        CompletionStage<Void> tail = tails.compute(lane, (key, before) -> (before == null
                ? CompletableFuture.<Void>completedFuture(null)
                : before).thenCompose(ignored -> work.get()).exceptionally(failure -> {
                    failed.accept(failure);
                    return null;
                }));
        // Outside compute: a tail already done would otherwise remove itself from inside it.
        tail.whenComplete((ignored, failure) -> tails.remove(lane, tail));
    }

    /** How many lanes have work queued or running. */
    int busy() {
        return tails.size();
    }
}
