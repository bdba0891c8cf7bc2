// node --test src/test/js (BrowserModulesTest runs it with the build): the console keeps a token, never a password.
import assert from "node:assert/strict";
import test from "node:test";

import {
  SIGN_IN_KEY, basicAuthorization, bearerAuthorization, dropSignIn, expiry, keepSignIn, noteSignedOut, readSignIn,
  revokeOnServer, takeSignedOut,
} from "../../main/resources/META-INF/resources/js/console/console-sign-in.js";

class MemoryStorage {
  constructor(entries = {}) {
    this.entries = new Map(Object.entries(entries));
  }
  getItem(key) {
    return this.entries.has(key) ? this.entries.get(key) : null;
  }
  setItem(key, value) {
    this.entries.set(key, String(value));
  }
  removeItem(key) {
    this.entries.delete(key);
  }
}

const NOW = Date.parse("2026-12-02T10:00:00Z");
const GRANT = { agent: "alice", token: "h.c.s", expiresAt: "2026-12-02T18:00:00Z" };

test("signing in keeps the agent, the token and its expiry, and nothing of the password", () => {
  const storage = new MemoryStorage();
  const password = basicAuthorization("alice", "parley");
  const signIn = keepSignIn(storage, GRANT);
  assert.deepEqual(signIn, { user: "alice", token: "h.c.s", expiresAt: Date.parse("2026-12-02T18:00:00Z") });
  const kept = storage.getItem(SIGN_IN_KEY);
  assert.ok(!kept.includes("parley"), "the password is not kept");
  assert.ok(!kept.includes(password.slice("Basic ".length)), "nor its Basic encoding");
  assert.equal(bearerAuthorization(readSignIn(storage, NOW)), "Bearer h.c.s");
});

test("an expired sign-in is dropped and the console asks for the password again", () => {
  const storage = new MemoryStorage();
  keepSignIn(storage, GRANT);
  assert.equal(readSignIn(storage, Date.parse("2026-12-02T18:00:00Z")), null);
  assert.equal(storage.getItem(SIGN_IN_KEY), null);
});

test("what an older console kept (Basic credentials) or anything malformed is dropped, never used", () => {
  for (const stale of [JSON.stringify({ user: "alice", authorization: "Basic YWxpY2U6cGFybGV5" }),
    JSON.stringify({ user: "alice", token: "t", expiresAt: NOW + 1000, authorization: "Basic YWxpY2U6cGFybGV5" }),
    "{not json", JSON.stringify("just a string"), JSON.stringify({ user: "alice", token: "t" })]) {
    const storage = new MemoryStorage({ [SIGN_IN_KEY]: stale });
    assert.equal(readSignIn(storage, NOW), null, stale);
    assert.equal(storage.getItem(SIGN_IN_KEY), null, stale);
  }
});

test("signing out drops the token", () => {
  const storage = new MemoryStorage();
  keepSignIn(storage, GRANT);
  dropSignIn(storage);
  assert.equal(readSignIn(storage, NOW), null);
  assert.equal(bearerAuthorization(null), null);
});

test("the Basic header of the sign-in request is UTF-8 and the server's instants read either way", () => {
  assert.equal(basicAuthorization("zoë", "pässword"), `Basic ${Buffer.from("zoë:pässword").toString("base64")}`);
  assert.equal(expiry("2026-12-02T18:00:00Z"), Date.parse("2026-12-02T18:00:00Z"));
  assert.equal(expiry(1796234400.5), 1796234400500);
});

test("signing out revokes the token on the server first, with the request the console's API makes", async () => {
  const asked = [];
  const api = { delete: async (path) => asked.push(path) };
  assert.equal(await revokeOnServer(api), true);
  assert.deepEqual(asked, ["api/tokens/console"]);
});

test("signing out still works when the server refuses or cannot be reached, and does not wait long", async () => {
  assert.equal(await revokeOnServer({ delete: async () => { throw new Error("unreachable"); } }), false);
  assert.equal(await revokeOnServer({ delete: () => { throw new Error("thrown at once"); } }), false);
  const started = Date.now();
  assert.equal(await revokeOnServer({ delete: () => new Promise(() => {}) }, 50), false, "no answer");
  assert.ok(Date.now() - started < 2000, "gave up after its timeout");
});

test("why someone else signed the console out is shown once, then forgotten", () => {
  const storage = new MemoryStorage();
  assert.equal(takeSignedOut(storage), null);
  noteSignedOut(storage, "signed out by operator operator");
  assert.equal(takeSignedOut(storage), "signed out by operator operator");
  assert.equal(takeSignedOut(storage), null);
  assert.equal(storage.entries.size, 0);
});
