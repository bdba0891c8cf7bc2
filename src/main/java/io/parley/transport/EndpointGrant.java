package io.parley.transport;

import java.time.Instant;

import io.parley.session.EndpointRef;

/** What a valid visitor or endpoint token grants: acting as this endpoint until it expires. */
public record EndpointGrant(TokenKind kind, EndpointRef endpoint, Instant expiresAt) {
}
