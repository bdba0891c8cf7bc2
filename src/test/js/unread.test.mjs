import { test } from "node:test";
import assert from "node:assert/strict";

import {
  afterMessage, firstWords, launcherLabel, NOTHING_UNREAD,
} from "../../main/resources/META-INF/resources/js/widget/unread.js";

test("a preview is the first words, cut between words, never mid-word", () => {
  assert.equal(firstWords("Hello there"), "Hello there");
  assert.equal(firstWords("Your order   4711\nhas shipped today and should arrive on Friday morning", 40),
    "Your order 4711 has shipped today and…");
  assert.equal(firstWords("x".repeat(80), 10), "xxxxxxxxx…");
});

test("only others' messages while the chat is minimised count, and staff-only ones never", () => {
  const closed = { open: false, ownLegId: "me" };
  const one = afterMessage(NOTHING_UNREAD, { legId: "alice", name: "Alice", text: "Hi, how can I help?" }, closed);
  assert.deepEqual(one, { count: 1, preview: "Alice: Hi, how can I help?" });
  assert.equal(afterMessage(one, { legId: "me", text: "mine" }, closed), one);
  assert.equal(afterMessage(one, { legId: "alice", text: "x" }, { open: true, ownLegId: "me" }), one);
  assert.equal(afterMessage(one, { legId: "sam", text: "coach", coaching: true }, closed), one);
  assert.equal(afterMessage(one, { legId: "alice", text: "note", note: true }, closed), one);
  assert.equal(afterMessage(one, { legId: "alice", name: "Alice", text: "Still there?" }, closed).count, 2);
});

test("the launcher tells screen readers what is new", () => {
  assert.equal(launcherLabel("Your conversation", NOTHING_UNREAD), "Your conversation");
  assert.equal(launcherLabel("Your conversation", { count: 2, preview: "Alice: Still there?" }),
    "Your conversation, 2 new messages: Alice: Still there?");
});
