package io.parley.system;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Deadlines (a transfer's second leg must connect in time). The work runs on a fresh Vert.x duplicated
 * context, the same kind a request gets, so it may open its own reactive session and transaction.
 */
@ApplicationScoped
public class Timers {

    private static final Logger LOG = Logger.getLogger(Timers.class);

    private final Vertx vertx;
    private final List<Long> periodic = new CopyOnWriteArrayList<>();

    public Timers(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Runs {@code work} every {@code period} on a fresh context, from one period after now, until shutdown. */
    public void every(Duration period, Supplier<Uni<Void>> work) {
        periodic.add(vertx.setPeriodic(Math.max(1, period.toMillis()), id -> onFreshContext(work)
                .exceptionally(failure -> {
                    LOG.error("A periodic task failed", failure);
                    return null;
                })));
    }

    void stop(@Observes ShutdownEvent stopping) {
        periodic.forEach(vertx::cancelTimer);
        periodic.clear();
    }

    /** Runs {@code work} now on a fresh duplicated context; completes when it has (failed or not). */
    public CompletionStage<Void> onFreshContext(Supplier<Uni<Void>> work) {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            try {
                work.get().subscribe().with(finished::complete, finished::completeExceptionally);
            } catch (RuntimeException e) {
                finished.completeExceptionally(e);
            }
        });
        return finished;
    }

    /** Runs {@code work} (which touches no database) once, on an event loop, after {@code delay}. */
    public void once(Duration delay, Runnable work) {
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> work.run());
    }

    /** Runs {@code work} once, after {@code delay} (at once when the delay is not positive). */
    public void after(Duration delay, Supplier<Uni<Void>> work) {
        long millis = Math.max(1, delay.toMillis());
        vertx.setTimer(millis, id -> onFreshContext(work).exceptionally(failure -> {
            LOG.error("A scheduled session task failed", failure);
            return null;
        }));
    }
}
