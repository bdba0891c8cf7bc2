package io.parley.transport;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How tokens are signed and how long they last ({@code parley.tokens.*}). */
@ConfigMapping(prefix = "parley.tokens")
public interface TokensConfig {

    /**
     * The HMAC secret, at least 32 characters, the same on every replica. Without it each process makes
     * a random one, and tokens survive neither a restart nor a hop to another replica.
     */
    Optional<String> secret();

    /**
     * The secret before the last rotation, if one is under way: new tokens are signed with {@link #secret()},
     * while the tokens the previous secret signed (each names its key) are still accepted until they expire.
     * Rotate by moving the secret here and setting a new one, on every replica; remove this once the longest
     * token lifetime ({@code visitor-ttl} or {@code link-ttl}, 24 h by default) has passed.
     */
    Optional<String> previousSecret();

    /** How long a leg token (connection details) opens its channels. */
    @WithDefault("10m")
    Duration legTtl();

    /** How long a customer's visitor token proves who it is. */
    @WithDefault("24h")
    Duration visitorTtl();

    /** How long an agent's endpoint-channel token lasts. */
    @WithDefault("10m")
    Duration endpointTtl();

    /**
     * How long an agent's console token ({@code POST /api/tokens/console}) acts as the agent over REST: a
     * shift. Then the console asks for the password again.
     */
    @WithDefault("8h")
    Duration consoleTtl();

    /**
     * How long a join link sent to an invited customer opens its join page ({@code GET /join/{token}}).
     * The page works only while the customer's leg is still in the open session.
     */
    @WithDefault("24h")
    Duration linkTtl();

    /** Clock difference tolerated when checking expiry. */
    @WithDefault("30s")
    Duration clockSkew();
}
