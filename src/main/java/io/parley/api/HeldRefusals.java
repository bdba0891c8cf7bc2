package io.parley.api;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.limits.AddressKey;
import io.parley.limits.TokenBuckets;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * Paces refusals to a client that keeps asking while it is refused: a session start over its address's rate, a
 * sign-in from an address that failed too often, an upgrade with a token that opens nothing, a leg reconnecting a
 * channel closed for its rate. Its first {@link RequestLimitsConfig#refusalsAnsweredAtOnce()} refusals in the
 * window are answered at once, later ones after {@link RequestLimitsConfig#refusalDelay()}. A flood tool keeps a
 * few requests in flight and sends the next when one is answered, so held answers slow it to a few requests a
 * second, and the server's core stays with the conversations it carries. A held answer is a timer on the caller's
 * event loop, no thread; past {@link RequestLimitsConfig#refusalsHeld()} held at once on the replica, a refusal is
 * answered at once and its connection closed.
 */
@ApplicationScoped
public class HeldRefusals {

    private final Vertx vertx;
    private final long delayMillis;
    private final int mostHeld;
    private final AtomicInteger held = new AtomicInteger();
    private final TokenBuckets answeredAtOnce;

    public HeldRefusals(Vertx vertx, RequestLimitsConfig config, Clock clock) {
        this.vertx = vertx;
        this.delayMillis = config.refusalDelay().toMillis();
        this.mostHeld = config.refusalsHeld();
        this.answeredAtOnce = new TokenBuckets(config.refusalsAnsweredAtOnce(), config.window(), config.maxTracked(),
                clock);
    }

    /**
     * Runs {@code answer} (which answers {@code response} with a refusal) now or when the wait of {@code key} (who
     * is refused: a client address as {@link AddressKey} spells it, a leg) is over.
     */
    public void answer(String key, HttpServerResponse response, Runnable answer) {
        if (delayMillis <= 0 || answeredAtOnce.take(key).allowed()) {
            answer.run();
            return;
        }
        if (held.incrementAndGet() > mostHeld) {
            held.decrementAndGet();
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            answer.run();
            return;
        }
        vertx.setTimer(delayMillis, fired -> {
            held.decrementAndGet();
            if (!response.closed()) {
                answer.run();
            }
        });
    }

    /** The refusal {@code refused} answers with, now or when the key's wait is over. */
    public <T> Uni<T> answer(String key, HttpServerResponse response, T refused) {
        return Uni.createFrom().emitter(emitter -> answer(key, response, () -> emitter.complete(refused)));
    }

    /** The refusal {@code refused} fails with, now or when the key's wait is over. */
    public <T> Uni<T> fail(String key, HttpServerResponse response, Throwable refused) {
        return Uni.createFrom().emitter(emitter -> answer(key, response, () -> emitter.fail(refused)));
    }
}
