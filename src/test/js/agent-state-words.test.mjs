import { test } from "node:test";
import assert from "node:assert/strict";

import { stateWords } from "../../main/resources/META-INF/resources/js/console/agent-state-words.js";

const NOW = 1_000_000;

test("wrap-up counts down in the badge and in the presence control alike", () => {
  const words = stateWords("wrap-up", { wrapUpUntil: NOW + 24_200, now: NOW });
  assert.deepEqual(words, { presence: "available", badge: "Wrap-up 25 s", available: "Available after wrap-up 25 s",
    counting: true });
  assert.equal(stateWords("wrap-up", { wrapUpUntil: NOW - 3000, now: NOW }).badge, "Wrap-up 0 s", "never negative");
  assert.equal(stateWords("wrap-up", { now: NOW }).badge, "Wrap-up", "no end known, no number");
});

test("available, busy, away and offline: the control shows the presence that leads to the state", () => {
  assert.deepEqual(stateWords("available", { now: NOW }),
    { presence: "available", badge: "Available", available: "Available", counting: false });
  assert.equal(stateWords("busy", { now: NOW }).presence, "available");
  assert.equal(stateWords("busy", { now: NOW }).badge, "Busy");
  assert.equal(stateWords("away", { now: NOW }).presence, "away");
  assert.equal(stateWords("offline", { now: NOW }).badge, "Offline");
});
