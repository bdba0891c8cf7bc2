import { test } from "node:test";
import assert from "node:assert/strict";

import { renewDelay } from "../../main/resources/META-INF/resources/js/shared/token-renewal.js";

const now = Date.parse("2026-12-02T12:00:00Z");

test("a ten-minute token is renewed a minute before it expires", () => {
  assert.equal(renewDelay("2026-12-02T12:10:00Z", now), 9 * 60 * 1000);
});

test("a short-lived token is renewed at half its remaining life, and never sooner than a second", () => {
  assert.equal(renewDelay("2026-12-02T12:01:00Z", now), 30 * 1000);
  assert.equal(renewDelay("2026-12-02T12:00:01Z", now), 1000);
  assert.equal(renewDelay("2026-12-02T11:59:00Z", now), 1000);
});

test("no expiry, no renewal", () => {
  assert.equal(renewDelay(undefined, now), null);
  assert.equal(renewDelay("not a date", now), null);
});
