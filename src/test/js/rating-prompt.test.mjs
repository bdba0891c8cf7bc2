import { test } from "node:test";
import assert from "node:assert/strict";

import { ratedText, scoreLabel } from "../../main/resources/META-INF/resources/js/widget/rating-prompt.js";

test("each score is said with its number and its word", () => {
  assert.equal(scoreLabel(1), "1 of 5: Poor");
  assert.equal(scoreLabel(5), "5 of 5: Excellent");
});

test("the customer is thanked, or told why the rating did not go", () => {
  assert.equal(ratedText(4), "Thank you: you rated this conversation 4 of 5: Very good.");
  assert.equal(ratedText(4, "Parley cannot be reached."), "Your rating was not sent: Parley cannot be reached.");
});
