import { test } from "node:test";
import assert from "node:assert/strict";

import { moved, MOST_SHOWN, repliesFor } from "../../main/resources/META-INF/resources/js/shared/reply-picker.js";

const replies = [
  { name: "annual-plan", text: "On the annual plan you pay for ten months." },
  { name: "goodbye", text: "Thank you for your time. Have a good day!" },
  { name: "greeting", text: "Hello, how can I help you today?" },
  { name: "one-moment", text: "One moment please, I am checking." },
];

test("a slash alone lists every reply; letters after it narrow them, names that start with them first", () => {
  assert.deepEqual(repliesFor("/", replies).map((r) => r.name), ["annual-plan", "goodbye", "greeting", "one-moment"]);
  assert.deepEqual(repliesFor("/g", replies).map((r) => r.name), ["goodbye", "greeting"]);
  assert.deepEqual(repliesFor("/GRE", replies).map((r) => r.name), ["greeting"], "letters in any case");
  assert.deepEqual(repliesFor("/plan", replies).map((r) => r.name), ["annual-plan"], "a name holding them");
  assert.deepEqual(repliesFor("/help", replies).map((r) => r.name), ["greeting"], "a text holding them");
  assert.deepEqual(repliesFor("/zzz", replies), []);
});

test("text that does not start with a slash, or spans lines, asks for no reply", () => {
  assert.deepEqual(repliesFor("hello /g", replies), []);
  assert.deepEqual(repliesFor("", replies), []);
  assert.deepEqual(repliesFor("/g\nmore", replies), []);
});

test("no more than a few suggestions at once", () => {
  const many = Array.from({ length: 20 }, (_, i) => ({ name: `reply-${i}`, text: "x" }));
  assert.equal(repliesFor("/reply", many).length, MOST_SHOWN);
});

test("the highlight moves through the suggestions and wraps around", () => {
  assert.equal(moved(0, 1, 3), 1);
  assert.equal(moved(2, 1, 3), 0);
  assert.equal(moved(0, -1, 3), 2);
  assert.equal(moved(-1, 1, 0), -1);
});
