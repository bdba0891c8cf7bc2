package io.parley.transport;

import java.time.Instant;

import io.parley.session.EndpointRef;

/** What a valid join-link token grants: opening the join page of this customer's leg of this session. */
public record LinkGrant(String sessionId, String legId, EndpointRef endpoint, Instant expiresAt) {
}
