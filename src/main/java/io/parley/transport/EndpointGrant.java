package io.parley.transport;

import java.time.Instant;

import io.parley.session.EndpointRef;

/**
 * What a valid visitor, endpoint or console token grants: acting as this endpoint until it expires. {@code id}
 * names the one token (its {@code jti}) and {@code issuedAt} says when it was made, so that a single token, or
 * every token of an endpoint made before a moment, can be revoked.
 */
public record EndpointGrant(TokenKind kind, EndpointRef endpoint, String id, Instant issuedAt, Instant expiresAt) {
}
