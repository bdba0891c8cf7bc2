import { test } from "node:test";
import assert from "node:assert/strict";

import {
  agentsLine, changesBoard, clock, levelState, levelText, percent, ratingText, secondsSince,
} from "../../main/resources/META-INF/resources/js/console/wallboard-figures.js";

test("shares are whole percents and unknown figures a dash", () => {
  assert.equal(percent(0.834), "83%");
  assert.equal(percent(1), "100%");
  assert.equal(percent(null), "—");
  assert.equal(percent(Number.NaN), "—");
});

test("waits read as a clock, with hours only when there are any", () => {
  assert.equal(clock(0), "0:00");
  assert.equal(clock(42.9), "0:42");
  assert.equal(clock(725), "12:05");
  assert.equal(clock(3723), "1:02:03");
  assert.equal(clock(null), "—");
  assert.equal(clock(-3), "0:00");
});

test("a service meets its level at or above the goal, and has none before any wait ended", () => {
  const sales = { serviceLevel: 0.8, serviceLevelGoal: 80, serviceLevelTargetSeconds: 20 };
  assert.equal(levelState(sales), "met");
  assert.equal(levelState({ ...sales, serviceLevel: 0.79 }), "missed");
  assert.equal(levelState({ ...sales, serviceLevel: null }), "none");
  assert.equal(levelText(sales), "80% (goal 80% in 20 s)");
});

test("ratings read as their average with how many rated, a dash before any", () => {
  assert.equal(ratingText({ ratings: 12, averageRating: 4.4583 }), "4.5 (12)");
  assert.equal(ratingText({ ratings: 0, averageRating: null }), "—");
});

test("waiting time counts from when the wait began", () => {
  assert.equal(secondsSince("2026-12-03T10:00:00Z", Date.parse("2026-12-03T10:01:30Z")), 90);
  assert.equal(secondsSince("2026-12-03T10:00:00Z", Date.parse("2026-12-03T09:59:59Z")), 0, "clocks a little apart");
});

test("agents by state leave out states nobody is in", () => {
  assert.equal(agentsLine({ available: 2, busy: 1, "wrap-up": 0, away: 0, offline: 3 }),
    "2 available, 1 busy, 3 offline");
  assert.equal(agentsLine({}), "nobody");
});

test("session and agent entries and a reset move the board", () => {
  assert.equal(changesBoard({ event: "session" }), true);
  assert.equal(changesBoard({ event: "agent" }), true);
  assert.equal(changesBoard({ event: "reset" }), true);
  assert.equal(changesBoard({ event: "message" }), false);
});
