// The console's sign-in. The password goes once, to POST /api/tokens/console, and is never kept: the console
// keeps the console token that answers (in sessionStorage: this tab only, gone when it closes), sends it as
// Authorization: Bearer, and drops it on signing out or when it expires. Pure, apart from the storage given.

export const SIGN_IN_KEY = "parley-console";

/** The Authorization header for the one request that signs in (UTF-8 user name and password). */
export function basicAuthorization(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** What the console keeps of the answer to POST /api/tokens/console: who, the token, until when. */
export function keepSignIn(storage, grant) {
  const signIn = { user: grant.agent, token: grant.token, expiresAt: expiry(grant.expiresAt) };
  storage.setItem(SIGN_IN_KEY, JSON.stringify(signIn));
  return signIn;
}

/**
 * The sign-in kept in this tab, or null when there is none, it is not a console token (an older console kept
 * other things there) or it has expired; anything but a usable sign-in is dropped.
 */
export function readSignIn(storage, now = Date.now()) {
  let signIn;
  try {
    signIn = JSON.parse(storage.getItem(SIGN_IN_KEY));
  } catch {
    signIn = null;
  }
  const usable = signIn && typeof signIn.user === "string" && typeof signIn.token === "string"
    && Number.isFinite(signIn.expiresAt) && signIn.expiresAt > now
    && Object.keys(signIn).every((key) => ["user", "token", "expiresAt"].includes(key));
  if (!usable) {
    dropSignIn(storage);
    return null;
  }
  return signIn;
}

export function dropSignIn(storage) {
  storage.removeItem(SIGN_IN_KEY);
}

export function bearerAuthorization(signIn) {
  return signIn ? `Bearer ${signIn.token}` : null;
}

/** Milliseconds since the epoch from the server's instant (ISO-8601 text, or seconds as a number). */
export function expiry(instant) {
  return typeof instant === "number" ? Math.round(instant * 1000) : Date.parse(instant);
}
