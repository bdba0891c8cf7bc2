package io.parley.transport;

import java.time.Instant;

/** A token as issued: the compact string and when it stops being accepted. */
public record IssuedToken(String token, Instant expiresAt) {
}
