// The console's sign-in. The password goes once, to POST /api/tokens/console, and is never kept: the console
// keeps the console token that answers (in sessionStorage: this tab only, gone when it closes), sends it as
// Authorization: Bearer, and drops it on signing out (after revoking it on the server, so that a copy of it is
// refused too) or when it expires. Pure, apart from the storage and the API given.

export const SIGN_IN_KEY = "parley-console";
/** Why the console was signed out by someone else, kept across the reload that shows the sign-in form. */
export const SIGNED_OUT_KEY = "parley-console-signed-out";

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

/**
 * Revokes the console token on the server (DELETE /api/tokens/console) before the console forgets it. Answers
 * whether the server confirmed; never throws, and gives up after timeoutMs, so that signing out works when the
 * server cannot be reached too (the token then lasts until it expires).
 */
export async function revokeOnServer(api, timeoutMs = 3000) {
  let timer;
  const gaveUp = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const revoked = Promise.resolve().then(() => api.delete("api/tokens/console")).then(() => true, () => false);
    return await Promise.race([revoked, gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps why another party signed this console out (an operator, a removal), to show on the sign-in form. */
export function noteSignedOut(storage, reason) {
  storage.setItem(SIGNED_OUT_KEY, String(reason));
}

/** Why this console was signed out by someone else, once (it is forgotten as it is read); null when it was not. */
export function takeSignedOut(storage) {
  const reason = storage.getItem(SIGNED_OUT_KEY);
  storage.removeItem(SIGNED_OUT_KEY);
  return reason;
}
