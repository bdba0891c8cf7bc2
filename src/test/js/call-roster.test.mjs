import { test } from "node:test";
import assert from "node:assert/strict";

import {
  agentsNotOnCall, allPlayOpus, followCall, hasLeftCall, mayCall, noLongerListening, NOTHING_SEEN, onCall,
} from "../../main/resources/META-INF/resources/js/shared/call-roster.js";

function leg(id, role, state, voice) {
  return { id, role, state, name: { customer: "Customer", alice: "Alice Martin", bob: "Bob Okafor" }[id],
    channels: voice ? { control: "connected", voice } : { control: "connected" } };
}

function session(...legs) {
  return { legs };
}

test("on the call are the others whose voice is connected, in the conversation", () => {
  const roster = session(leg("customer", "customer", "connected", "connected"),
    leg("alice", "csr", "left", "connected"), leg("bob", "csr", "connected", "connecting"));
  assert.deepEqual(onCall(roster, "bob").map((l) => l.id), ["customer"]);
  assert.deepEqual(onCall(roster, "customer"), []);
});

test("after a transfer the customer calls the agent in the conversation, not a customer or a leaver", () => {
  const roster = session(leg("customer", "customer", "connected", "connected"),
    leg("alice", "csr", "left", "disconnected"), leg("bob", "csr", "connected"));
  const { called, hungUp } = agentsNotOnCall(roster, "customer");
  assert.deepEqual([called.map((l) => l.name), hungUp], [["Bob Okafor"], []]);
  assert.deepEqual(agentsNotOnCall(roster, "bob"), { called: [], hungUp: [] });
});

test("an agent met on this call who is no longer on it hung up, and is not called", () => {
  const roster = session(leg("customer", "customer", "connected", "connected"),
    leg("alice", "csr", "connected", "disconnected"));
  const { called, hungUp } = agentsNotOnCall(roster, "customer", new Set(["alice"]));
  assert.deepEqual([called, hungUp.map((l) => l.name)], [[], ["Alice Martin"]]);
});

test("a customer may call only while an agent is connected; an agent always may", () => {
  const waiting = session(leg("customer", "customer", "connected"), leg("alice", "csr", "joining"));
  assert.equal(mayCall(waiting, "customer"), false);
  assert.equal(mayCall(session(leg("customer", "customer", "connected"), leg("alice", "csr", "connected")),
    "customer"), true);
  assert.equal(mayCall(session(leg("alice", "csr", "connected"), leg("customer", "customer", "invited")), "alice"),
    true);
});

test("a leg that left, hung up or is gone no longer listens; one whose voice is not reported yet still does", () => {
  const roster = session(leg("customer", "customer", "connected", "disconnected"),
    leg("alice", "csr", "left", "connected"), leg("bob", "csr", "connected"));
  assert.deepEqual(noLongerListening(roster, ["customer", "alice", "bob", "carol"]), ["customer", "alice", "carol"]);
});

test("a leg that left or hung up has left the call; one the roster does not list yet has not", () => {
  const roster = session(leg("customer", "customer", "connected", "disconnected"),
    leg("alice", "csr", "left", "connected"), leg("bob", "csr", "connected", "connected"));
  assert.deepEqual(["customer", "alice", "bob", "carol"].map((id) => hasLeftCall(roster, id)),
    [true, true, false, false]);
});

test("Opus goes out only while every listener who said what it plays plays it", () => {
  assert.equal(allPlayOpus([["opus", "pcm"], ["opus", "pcm"]]), true);
  assert.equal(allPlayOpus([["opus", "pcm"], ["pcm"]]), false);
  assert.equal(allPlayOpus([]), true);
});

/** Rosters seen in turn by a page, from NOTHING_SEEN; answers the action after each. */
function follow(role, ...rosters) {
  let seen = NOTHING_SEEN;
  return rosters.map((roster) => {
    const next = followCall(seen, { role, audioAllowed: true, onIt: false, connected: true, ...roster });
    seen = next.seen;
    return next.action;
  });
}

test("an agent whose conversation arrives with a call under way joins it, once its leg is connected", () => {
  assert.deepEqual(follow("csr", { connected: false, live: true }, { live: true }, { live: true }),
    [null, "join", null]);
});

test("where the browser lets the page start no audio yet, the arriving agent's console rings instead", () => {
  assert.deepEqual(follow("csr", { live: true, audioAllowed: false }), ["ring"]);
});

test("a call that starts while the agent is there rings, once, and again for the next call", () => {
  assert.deepEqual(follow("csr", { live: false }, { live: true }, { live: true }, { live: false }, { live: true }),
    [null, "ring", null, null, "ring"]);
});

test("an agent who hung up on a call still under way is neither joined again nor rung", () => {
  assert.deepEqual(follow("csr", { live: true }, { live: true, onIt: true }, { live: true }), ["join", null, null]);
});

test("customers and supervisors are offered a call, never joined to it or rung", () => {
  assert.deepEqual(follow("customer", { live: true }, { live: false }, { live: true }), [null, null, null]);
  assert.deepEqual(follow("supervisor", { live: true }), [null]);
});
