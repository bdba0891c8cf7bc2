import { test } from "node:test";
import assert from "node:assert/strict";

import {
  answered, asking, IDLE, refused, underWay, withHandoverEnded, withRoster, withTransfer,
} from "../../main/resources/META-INF/resources/js/console/handover-state.js";
import { subjectPhrase } from "../../main/resources/META-INF/resources/js/shared/subject-words.js";

const names = { "csr:alice": "Alice Martin", "csr:bob": "Bob Okafor" };
const nameOf = (ref) => names[ref] || ref;
const alice = { id: "leg-a", role: "csr", state: "connected", name: "Alice Martin" };
const customer = { id: "leg-c", role: "customer", state: "connected", name: "Customer" };

function session(extra) {
  return { id: "s", state: "active", version: 3, legs: [customer, alice], transfer: null, queue: null, ...extra };
}

test("a transfer asked of an agent by name waits for that agent's answer, then for it to join", () => {
  let state = asking("transfer", { name: "Bob Okafor" });
  assert.equal(state.text, "Transfer: asking…");
  state = answered(state, session({ queue: { purpose: "transfer", to: "csr:bob", offers: [] } }), "leg-a", nameOf);
  assert.equal(state.phase, "offered");
  assert.equal(state.text, "Transfer: waiting for Bob Okafor to answer…");
  state = withTransfer(state, { state: "started" });
  assert.equal(state.phase, "joining");
  assert.equal(state.note, true);
  state = withTransfer(state, { state: "completed" });
  assert.equal(state.text, "Transfer completed.");
});

test("a named agent's decline ends the request with its reason and the conversation stays", () => {
  const state = withHandoverEnded(asking("conference", { name: "Bob Okafor" }), {
    purpose: "conference", subject: "pricing", outcome: "declined", to: "Bob Okafor",
    reason: "Bob Okafor declined: in a call with a supplier",
  });
  assert.equal(state.phase, "ended");
  assert.equal(state.note, true);
  assert.equal(state.text, "Conference to Bob Okafor did not go ahead: Bob Okafor declined: in a call with a "
    + "supplier. The conversation stays with you.");
});

test("a wait for a subject says whom it was offered to, in words", () => {
  const state = withRoster(IDLE, session({ queue: { purpose: "transfer", subject: "billing-dispute",
    offers: [{ csr: "csr:bob" }] } }), "leg-a", nameOf);
  assert.equal(state.text, "Transfer: looking for whoever handles billing dispute — offered to Bob Okafor");
  const nobody = withRoster(IDLE, session({ queue: { purpose: "conference", subject: "orders", offers: [] } }),
    "leg-a", nameOf);
  assert.equal(nobody.text, "Conference: looking for whoever handles orders — nobody free yet");
});

test("failures and outcomes are told apart by their codes, not by their words", () => {
  const calledOff = withTransfer(IDLE, { state: "failed", failure: "called-off", reason: "anything at all" });
  assert.equal(calledOff.text, "Transfer called off.");
  const late = withTransfer(IDLE, { state: "failed", failure: "not-connected", reason: "x" });
  assert.match(late.text, /did not connect in time/);
  const other = withTransfer(IDLE, { state: "failed", failure: "second-gone", reason: "second CSR failed" });
  assert.equal(other.text, "Transfer failed: second CSR failed");
  const offHandover = withHandoverEnded(IDLE, { purpose: "transfer", subject: "orders", outcome: "called-off",
    reason: "called off by Alice Martin" });
  assert.equal(offHandover.text, "Transfer to whoever handles orders called off by Alice Martin.");
  const cancelled = withHandoverEnded(IDLE, { purpose: "transfer", subject: "orders", outcome: "cancelled",
    reason: "called off, they said" });
  assert.equal(cancelled.text, "Transfer to whoever handles orders stopped: called off, they said.");
});

test("the second agent in the roster ends a named conference as joined", () => {
  let state = answered(asking("conference", { name: "Bob Okafor" }),
    session({ queue: { purpose: "conference", to: "csr:bob", offers: [] } }), "leg-a", nameOf);
  const bobInvited = { id: "leg-b", role: "csr", state: "invited", name: "Bob Okafor" };
  state = withRoster(state, session({ legs: [customer, alice, bobInvited] }), "leg-a", nameOf);
  assert.equal(state.phase, "joining");
  assert.equal(state.text, "Conference: Bob Okafor accepted and is joining…");
  state = withRoster(state, session({ legs: [customer, alice, { ...bobInvited, state: "connected" }] }), "leg-a",
    nameOf);
  assert.equal(state.phase, "ended");
  assert.equal(state.text, "Conference: Bob Okafor joined.");
});

test("a transfer to an agent already in the conversation is done at once", () => {
  const state = answered(asking("transfer", { name: "Bob Okafor" }), session({}), "leg-a", nameOf);
  assert.equal(state.phase, "ended");
  assert.equal(state.text, "Transfer: Bob Okafor has the conversation now.");
});

test("a refusal frees the panel and says why", () => {
  const state = refused(asking("transfer", { name: "Bob Okafor" }), "csr:bob is away");
  assert.equal(state.phase, "ended");
  assert.equal(state.text, "Transfer refused: csr:bob is away");
});

test("what is under way: a wait, a transfer whose first agent is in, a second agent invited after the first", () => {
  assert.equal(underWay(session({ queue: { purpose: "serve" } }), "leg-a"), null);
  assert.equal(underWay(session({ queue: { purpose: "conference" } }), "leg-a"), "conference");
  assert.equal(underWay(session({ transfer: { fromLegId: "leg-a" } }), "leg-a"), "transfer");
  assert.equal(underWay(session({ transfer: { fromLegId: "leg-gone" } }), "leg-a"), null);
  const invited = { id: "leg-b", role: "csr", state: "invited" };
  assert.equal(underWay(session({ legs: [customer, alice, invited] }), "leg-a"), "conference");
  assert.equal(underWay(session({ legs: [customer, alice, invited] }), "leg-b"), null);
  assert.equal(subjectPhrase("billing-dispute"), "billing dispute");
});
