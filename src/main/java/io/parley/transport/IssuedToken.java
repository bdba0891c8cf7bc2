package io.parley.transport;

import java.time.Instant;

/**
 * A token as issued: the compact string, its id ({@code jti}), when it was issued (whole seconds, as its
 * {@code iat} says) and when it stops being accepted.
 */
public record IssuedToken(String token, String id, Instant issuedAt, Instant expiresAt) {
}
