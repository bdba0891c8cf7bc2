package io.parley.system.revocations;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Tokens refused before they expire ({@code parley.revocations.*}): a console's sign-out, an operator signing an
 * agent out, an agent removed from the directory. Each replica keeps them in memory.
 */
@ConfigMapping(prefix = "parley.revocations")
public interface RevocationsConfig {

    /**
     * How many single revoked tokens (console sign-outs) each replica keeps in memory until they expire. Past
     * it the oldest are folded into their agent's "tokens issued before" moment, which refuses them still (and
     * that agent's other consoles of the time too: they sign in again).
     */
    @WithDefault("100000")
    int maxTokens();

    /** How often each replica deletes revocations that refuse nothing any more (their tokens have expired). */
    @WithDefault("10m")
    Duration purgeEvery();
}
