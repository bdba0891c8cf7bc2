import { test } from "node:test";
import assert from "node:assert/strict";

import {
  announce, keepSound, notificationOf, soundOn,
} from "../../main/resources/META-INF/resources/js/console/offer-alerts.js";

function memoryStorage() {
  const items = new Map();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => items.set(key, String(value)) };
}

test("the chime is on until switched off, and stays as the agent left it", () => {
  const storage = memoryStorage();
  assert.equal(soundOn(storage), true);
  keepSound(storage, false);
  assert.equal(soundOn(storage), false);
  keepSound(storage, true);
  assert.equal(soundOn(storage), true);
});

test("an offer chimes, and notifies only when the console is not in front and the browser allows it", () => {
  const base = { offerId: "o-1", announced: new Set(), sound: true, permission: "granted" };
  assert.deepEqual(announce({ ...base, visible: true }), { chime: true, notify: false });
  assert.deepEqual(announce({ ...base, visible: false }), { chime: true, notify: true });
  assert.deepEqual(announce({ ...base, visible: false, permission: "denied" }), { chime: true, notify: false });
  assert.deepEqual(announce({ ...base, visible: false, sound: false }), { chime: false, notify: true });
});

test("an offer told again after a reconnection is not announced twice", () => {
  const announced = new Set(["o-1"]);
  assert.deepEqual(announce({ offerId: "o-1", announced, sound: true, visible: false, permission: "granted" }),
    { chime: false, notify: false });
});

test("the notification says what, for which service, about what and how long is left", () => {
  assert.deepEqual(notificationOf({ purpose: "serve", serviceName: "Sales", subject: "annual-plan", secondsLeft: 20 }),
    { title: "New conversation: Sales", body: "About annual plan. 20 s to answer." });
  assert.deepEqual(notificationOf({ purpose: "transfer", serviceName: "Support", secondsLeft: 7 }),
    { title: "Transfer: Support", body: "7 s to answer." });
});
