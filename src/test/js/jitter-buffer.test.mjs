import { test } from "node:test";
import assert from "node:assert/strict";

import {
  JitterBuffer, REORDER_WINDOW, RESTART_GAP,
} from "../../main/resources/META-INF/resources/js/shared/jitter-buffer.js";

/** Pushes the sequence numbers in turn and answers what was ready to play after each. */
function play(buffer, ...seqs) {
  return seqs.map((seq) => buffer.push(seq, `f${seq}`));
}

test("frames in order play as they come, the first whatever its number", () => {
  assert.deepEqual(play(new JitterBuffer(), 100, 101, 102), [["f100"], ["f101"], ["f102"]]);
});

test("a frame that overtook the one before it waits for it, then both play in order", () => {
  assert.deepEqual(play(new JitterBuffer(), 0, 2, 1, 3), [["f0"], [], ["f1", "f2"], ["f3"]]);
});

test("a frame still missing once more than the reorder window waits is skipped; it is dropped when late", () => {
  const buffer = new JitterBuffer();
  const waits = Array.from({ length: REORDER_WINDOW }, (_, i) => i + 2);
  assert.deepEqual(play(buffer, 0, ...waits), [["f0"], ...waits.map(() => [])]);
  assert.deepEqual(buffer.push(REORDER_WINDOW + 2, "late"), ["f2", "f3", "f4", "late"]);
  assert.deepEqual(buffer.push(1, "f1"), [], "frame 1 came after its turn");
});

test("a duplicate of a frame played is dropped", () => {
  assert.deepEqual(play(new JitterBuffer(), 5, 6, 5), [["f5"], ["f6"], []]);
});

test("numbering that goes back by more than a second is a sender that started again, and plays", () => {
  const buffer = new JitterBuffer();
  play(buffer, 500, 501);
  // Frame 502 is next: one a second behind it is late, one further back a restart.
  assert.deepEqual(buffer.push(502 - RESTART_GAP, "late"), [], "within a second back: a late frame");
  assert.deepEqual(play(buffer, 0, 1), [["f0"], ["f1"]]);
});
