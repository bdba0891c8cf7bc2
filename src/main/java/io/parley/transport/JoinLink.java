package io.parley.transport;

import java.time.Instant;

/** The link an invited customer is sent: the join page's URL (the token is in its path) and its expiry. */
public record JoinLink(String url, Instant expiresAt) {
}
