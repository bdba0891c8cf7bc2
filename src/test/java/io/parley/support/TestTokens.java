package io.parley.support;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import io.parley.transport.TokenKeys;
import io.parley.transport.TokenService;

/**
 * Tokens as the server under test would sign them (the test profile's secrets in {@code application.yaml}), or
 * as it would not: made long ago, short-lived, with the secret before a rotation, or with a secret it never had.
 * Hostile tests use them to attack the running service with what a thief, a stale tab or a replica not yet
 * rotated would hold.
 */
public final class TestTokens {

    /** {@code %test.parley.tokens.secret}. */
    public static final byte[] SECRET = "test-secret-test-secret-test-secret-0123456789"
            .getBytes(StandardCharsets.UTF_8);
    /** {@code %test.parley.tokens.previous-secret}: the secret before a rotation still under way. */
    public static final byte[] PREVIOUS_SECRET = "previous-test-secret-previous-test-secret-0123"
            .getBytes(StandardCharsets.UTF_8);
    /** A secret the server never had. */
    public static final byte[] FOREIGN_SECRET = "another-secret-another-secret-another-0123"
            .getBytes(StandardCharsets.UTF_8);

    private static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    private static final Duration LONG_TTL = Duration.ofHours(24);

    private TestTokens() {
    }

    /** Tokens the server accepts, made now, with the default lifetimes. */
    public static TokenService server() {
        return issuedAgo(Duration.ZERO);
    }

    /** The server's tokens as they were made {@code ago} (leg and endpoint 10 min, the others 24 h). */
    public static TokenService issuedAgo(Duration ago) {
        return new TokenService(SECRET, DEFAULT_TTL, LONG_TTL, DEFAULT_TTL, LONG_TTL, Duration.ofSeconds(30),
                Clock.fixed(Instant.now().minus(ago), ZoneOffset.UTC));
    }

    /** The server's tokens with leg and endpoint tokens lasting only {@code ttl}. */
    public static TokenService lasting(Duration ttl) {
        return new TokenService(SECRET, ttl, LONG_TTL, ttl, LONG_TTL, Duration.ofSeconds(30), Clock.systemUTC());
    }

    /** Tokens signed with {@code secret} (naming its key) and nothing else. */
    public static TokenService signedWith(byte[] secret) {
        return new TokenService(TokenKeys.of(secret, Optional.empty()), DEFAULT_TTL, LONG_TTL, DEFAULT_TTL, LONG_TTL,
                Duration.ofSeconds(30), Clock.systemUTC());
    }
}
