import { test } from "node:test";
import assert from "node:assert/strict";

import { isSpeaking, meterValue } from "../../main/resources/META-INF/resources/js/shared/call-meters.js";

test("a meter magnifies quiet speech and stops at full", () => {
  assert.equal(meterValue(0), 0);
  assert.equal(meterValue(0.1), 0.4);
  assert.equal(meterValue(0.5), 1);
  assert.equal(meterValue(-1), 0);
});

test("room noise is not speaking; a voice is", () => {
  assert.equal(isSpeaking(0.005), false);
  assert.equal(isSpeaking(0.1), true);
});
