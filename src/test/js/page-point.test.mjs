import { test } from "node:test";
import assert from "node:assert/strict";

import { pointerAt, spotIn, spotOn } from "../../main/resources/META-INF/resources/js/shared/page-point.js";

test("a spot in an element is the same fraction of its box on a narrow and on a wide page", () => {
  const wide = { left: 600, top: 300, width: 400, height: 100 };
  const narrow = { left: 10, top: 900, width: 200, height: 140 };
  const spot = spotIn(wide, 700, 325);
  assert.deepEqual(spot, { x: 0.25, y: 0.25 });
  assert.deepEqual(spotOn(narrow, spot.x, spot.y, 0, 50), { left: 60, top: 985 });
});

test("spots outside the box or in an empty box stay in it", () => {
  assert.deepEqual(spotIn({ left: 0, top: 0, width: 100, height: 100 }, -20, 250), { x: 0, y: 1 });
  assert.deepEqual(spotIn({ left: 0, top: 0, width: 0, height: 0 }, 5, 5), { x: 0.5, y: 0.5 });
  assert.deepEqual(spotOn({ left: 0, top: 0, width: 10, height: 10 }, 7, -1), { left: 10, top: 0 });
});

test("a pointer over the page itself is a fraction of the page", () => {
  const page = { scrollWidth: 1000, scrollHeight: 4000, scrollX: 0, scrollY: 1000 };
  assert.deepEqual(pointerAt({ localName: "body" }, 500, 1000, page), { x: 0.5, y: 0.5 });
  assert.deepEqual(pointerAt(null, 500, 1000, page), { x: 0.5, y: 0.5 });
});
