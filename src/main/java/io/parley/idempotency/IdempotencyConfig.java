package io.parley.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long answers to requests with an {@code Idempotency-Key} are kept ({@code parley.idempotency}). */
@ConfigMapping(prefix = "parley.idempotency")
public interface IdempotencyConfig {

    /** A key's answer is replayed this long after the first request; then the key may be used afresh. */
    @WithDefault("24h")
    Duration keep();

    /**
     * A first request that has not answered after this long is taken as lost (its replica stopped): the next
     * request with the key runs afresh instead of being told the first is in flight.
     */
    @WithDefault("30s")
    Duration inFlight();

    /** How often each replica deletes the answers older than {@code keep}. */
    @WithDefault("1h")
    Duration purgeEvery();
}
