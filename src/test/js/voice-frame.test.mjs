import { test } from "node:test";
import assert from "node:assert/strict";

import {
  encodeFrame, fromPcm, HEADER, level, OPUS, PCM, readRelayed, toPcm,
} from "../../main/resources/META-INF/resources/js/shared/voice-frame.js";

/** A frame as the server relays it: [uint8 length][the sender's leg id, ASCII], then the frame as sent. */
function relayed(legId, frame) {
  const id = new TextEncoder().encode(legId);
  const bytes = new Uint8Array(1 + id.length + frame.length);
  bytes[0] = id.length;
  bytes.set(id, 1);
  bytes.set(frame, 1 + id.length);
  return bytes.buffer;
}

test("a frame is a big-endian 12-byte header (seq, timestamp, codec, flags 0, reserved 0), then the payload", () => {
  const frame = encodeFrame({ seq: 258, timestamp: 0x01020304, codec: OPUS }, new Uint8Array([9, 8, 7]));
  assert.deepEqual([...frame], [0, 0, 1, 2, 1, 2, 3, 4, 1, 0, 0, 0, 9, 8, 7]);
  assert.equal(HEADER, 12);
});

test("numbers past 32 bits wrap, as the uint32 fields do", () => {
  const frame = encodeFrame({ seq: 2 ** 32 + 5, timestamp: -1, codec: PCM }, new Uint8Array(0));
  const read = readRelayed(relayed("l", frame));
  assert.equal(read.seq, 5);
  assert.equal(read.timestamp, 2 ** 32 - 1);
});

test("a relayed frame is read back with its sender's leg id", () => {
  const frame = encodeFrame({ seq: 7, timestamp: 2240, codec: PCM }, new Uint8Array([1, 2, 3, 4]));
  const read = readRelayed(relayed("leg-42", frame));
  assert.equal(read.from, "leg-42");
  assert.deepEqual([read.seq, read.timestamp, read.codec, [...read.payload]], [7, 2240, PCM, [1, 2, 3, 4]]);
});

test("a relayed frame shorter than its header is no frame", () => {
  assert.equal(readRelayed(relayed("leg-42", new Uint8Array(HEADER - 1))), null);
  assert.equal(readRelayed(new Uint8Array([20, 65, 66]).buffer), null);
});

test("20 ms at 48 kHz become 320 PCM samples, three averaged into one, clipped, and read back", () => {
  const samples = new Float32Array(960);
  samples.fill(0.5, 0, 3);
  samples.fill(2, 3, 6);
  samples.set([0.3, -0.3, -0.6], 6);
  const pcm = toPcm(samples);
  assert.equal(pcm.length, 640);
  const back = fromPcm(pcm);
  assert.equal(back.length, 320);
  assert.ok(Math.abs(back[0] - 0.5) < 1e-3);
  assert.ok(Math.abs(back[1] - 1) < 1e-3, "a sample over full scale is clipped");
  assert.ok(Math.abs(back[2] + 0.2) < 1e-3);
  assert.equal(back[3], 0);
});

test("the level is the RMS of the samples, 0 for silence and for nothing", () => {
  assert.equal(level(new Float32Array(960)), 0);
  assert.equal(level(new Float32Array(0)), 0);
  assert.ok(Math.abs(level(new Float32Array([0.5, -0.5, 0.5, -0.5])) - 0.5) < 1e-9);
});
