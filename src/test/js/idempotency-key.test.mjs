// node --test src/test/js: the widget's Idempotency-Key rules, without a browser.
import { test } from "node:test";
import assert from "node:assert/strict";

import { RetryKey, newKey, retriable } from "../../main/resources/META-INF/resources/js/shared/idempotency-key.js";

const counter = () => {
  let n = 0;
  return () => `k${++n}`;
};

test("a retry after no answer or a server error sends the same key", () => {
  const keys = new RetryKey(counter());
  const first = keys.for({ service: "sales", subject: "pricing" });
  keys.settled({ status: 0, code: "unreachable" });
  assert.equal(keys.for({ service: "sales", subject: "pricing" }), first);
  keys.settled({ status: 503, code: "draining" });
  assert.equal(keys.for({ service: "sales", subject: "pricing" }), first);
});

test("another request, an answer or a refusal starts a new key", () => {
  const keys = new RetryKey(counter());
  const first = keys.for({ service: "sales", subject: "pricing" });
  assert.notEqual(keys.for({ service: "sales", subject: "billing" }), first);
  const second = keys.for({ service: "sales", subject: "billing" });
  keys.settled({ status: 409, code: "subject-required" });
  assert.notEqual(keys.for({ service: "sales", subject: "billing" }), second);
  const third = keys.for({ service: "sales", subject: "billing" });
  keys.settled();
  assert.notEqual(keys.for({ service: "sales", subject: "billing" }), third);
});

test("a key in flight is retried with the same key", () => {
  assert.ok(retriable({ status: 409, code: "idempotency-key-in-flight" }));
  assert.ok(!retriable({ status: 429, code: "too-many-requests" }));
});

test("keys are 32 hex digits and differ", () => {
  assert.match(newKey(), /^[0-9a-f]{32}$/);
  assert.notEqual(newKey(), newKey());
});
