import { test } from "node:test";
import assert from "node:assert/strict";

import { charsLeft } from "../../main/resources/META-INF/resources/js/shared/char-count.js";

test("nothing is said until the message nears the limit, then how much is left", () => {
  assert.equal(charsLeft(120, 4000), "");
  assert.equal(charsLeft(3599, 4000), "");
  assert.equal(charsLeft(3600, 4000), "400 left");
  assert.equal(charsLeft(3999, 4000), "1 left");
  assert.equal(charsLeft(4000, 4000), "The limit: 4,000 characters");
});
