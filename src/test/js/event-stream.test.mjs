import { test } from "node:test";
import assert from "node:assert/strict";

import {
  EventStreamParser, followEventStream, reconnectDelay, worthRetrying,
} from "../../main/resources/META-INF/resources/js/shared/event-stream.js";

function parse(...chunks) {
  const events = [];
  const parser = new EventStreamParser((event) => events.push(event));
  chunks.forEach((chunk) => parser.push(chunk));
  return { events, parser };
}

test("events come whole however the text is cut into chunks", () => {
  const text = 'id: 7-s-1\nevent: session\ndata: {"type":"queued"}\n\n: heartbeat\n\nid: 7-a-2\nevent: agent\ndata: {}\n\n';
  const whole = parse(text).events;
  const byCharacter = parse(...text.split("")).events;
  assert.deepEqual(whole, [
    { id: "7-s-1", event: "session", data: '{"type":"queued"}' },
    { id: "7-a-2", event: "agent", data: "{}" },
  ]);
  assert.deepEqual(byCharacter, whole);
});

test("CRLF and CR end lines too, even when a CRLF is split between chunks", () => {
  assert.deepEqual(parse("data: a\r", "\ndata: b\r\n\r\n", "data: c\r\r", "\n").events, [
    { id: null, event: "message", data: "a\nb" },
    { id: null, event: "message", data: "c" },
  ]);
});

test("comments and unknown fields are skipped, and an id without data is still where a resume starts", () => {
  const { events, parser } = parse(": hello\nretry: 10\nfoo: bar\n\nid: 9-s-3\n\n");
  assert.deepEqual(events, []);
  assert.equal(parser.lastEventId, "9-s-3");
});

test("reconnecting backs off from half a second to at most 15 s, and refusals are not retried", () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 20].map(reconnectDelay), [500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  assert.equal(worthRetrying(403), false);
  assert.equal(worthRetrying(401), false);
  assert.equal(worthRetrying(503), true);
  assert.equal(worthRetrying(0), true);
});

function streamOf(text) {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
}

test("after a drop the follower comes back with the last id it saw", async () => {
  const asked = [];
  const events = [];
  let calls = 0;
  const fetchImpl = async (url, init) => {
    asked.push(init.headers["Last-Event-ID"] ?? null);
    calls++;
    return calls === 1 ? { ok: true, status: 200, body: streamOf("id: 1-s-5\nevent: session\ndata: {}\n\n") }
      : new Promise(() => {});
  };
  const states = [];
  const follower = followEventStream("http://parley/api/stream", {
    authorization: () => "Bearer t", onEvent: (event) => events.push(event), fetchImpl,
    onState: (state) => states.push(state),
  });
  await new Promise((resolve) => setTimeout(resolve, 700));
  follower.stop();
  assert.deepEqual(asked, [null, "1-s-5"]);
  assert.equal(events.length, 1);
  assert.deepEqual(states.slice(0, 2), ["live", "reconnecting"]);
});

test("a follower the server refuses stops and says so", async () => {
  let calls = 0;
  const states = [];
  followEventStream("http://parley/api/stream", {
    authorization: () => null, onEvent: () => {}, onState: (state, detail) => states.push([state, detail]),
    fetchImpl: async () => {
      calls++;
      return { ok: false, status: 403 };
    },
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(calls, 1);
  assert.deepEqual(states, [["refused", 403]]);
});
