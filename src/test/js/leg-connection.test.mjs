import { test } from "node:test";
import assert from "node:assert/strict";

import { chatMessage, LegConnection } from "../../main/resources/META-INF/resources/js/shared/leg-connection.js";

/** A leg whose frames are collected instead of sent, and whose unsent messages are kept in `saved`. */
function leg() {
  const sent = [];
  const saved = [];
  const connection = new LegConnection({ sessionId: "s-1", legId: "l-1", channels: {} }, {
    unsent: { load: () => [], save: (entries) => saved.push(entries) },
  });
  connection.send = (channel, frame) => sent.push({ channel, frame });
  return { connection, sent, saved };
}

test("a message goes out as text alone, a private note marked as one", () => {
  const { connection, sent } = leg();
  connection.say("Hello");
  connection.say("VIP customer", { note: true });
  assert.deepEqual(sent.map(({ frame }) => [frame.text, frame.note]), [["Hello", undefined], ["VIP customer", true]]);
  assert.ok(sent.every(({ channel, frame }) => channel === "chat" && frame.type === "message" && frame.clientId));
});

test("a note waiting for its ack keeps its mark, so a resend never reaches the customer as a message", () => {
  const { connection, saved } = leg();
  const clientId = connection.say("Internal: refund approved", { note: true });
  assert.deepEqual(chatMessage(connection.pending.get(clientId)), { text: "Internal: refund approved", note: true });
  assert.deepEqual(saved.at(-1), [[clientId, { text: "Internal: refund approved", note: true }]]);
});

test("what the widget kept across page loads (text alone) is resent as a message", () => {
  assert.deepEqual(chatMessage("Are you there?"), { text: "Are you there?" });
});
