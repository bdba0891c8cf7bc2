import { test } from "node:test";
import assert from "node:assert/strict";

import { subjectWords } from "../../main/resources/META-INF/resources/js/shared/subject-words.js";

test("a subject's id reads as words, and no subject is none", () => {
  assert.equal(subjectWords("order-status"), "Order status");
  assert.equal(subjectWords("pricing"), "Pricing");
  assert.equal(subjectWords("vip_returns"), "Vip returns");
  assert.equal(subjectWords(""), null);
  assert.equal(subjectWords(undefined), null);
});
