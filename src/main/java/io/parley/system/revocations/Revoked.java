package io.parley.system.revocations;

import io.parley.transport.Revocation;

/**
 * Tokens were revoked and this replica knows it now: the sockets here that hold one close. {@code madeHere}:
 * revoked on this replica (it tells the others), not heard from another one.
 */
public record Revoked(Revocation revocation, String reason, boolean madeHere) {
}
