// When to renew a token in-band: a socket lives no longer than the token that opened it, so clients ask
// for a fresh one before it expires (a leg on its control channel, a console with a fresh endpoint token).
// Pure, so that it is unit-tested under Node.

/** Renew a minute before expiry; a token shorter-lived than two minutes at half its remaining life. */
export function renewDelay(expiresAt, now = Date.now()) {
  const left = Date.parse(expiresAt) - now;
  if (!Number.isFinite(left)) {
    return null;
  }
  return Math.max(1000, left > 120000 ? left - 60000 : left / 2);
}

/** Close code of a socket whose token expired without a renewal: reconnect with fresh details. */
export const TOKEN_EXPIRED = 4401;
/**
 * Close code of a console whose tokens were revoked (an operator signed the agent out or removed it, or this
 * console signed out): do not reconnect; sign in again.
 */
export const SIGNED_OUT = 4403;
