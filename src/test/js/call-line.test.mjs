import { test } from "node:test";
import assert from "node:assert/strict";

import {
  callStarted, duration, onCallWith, people,
} from "../../main/resources/META-INF/resources/js/shared/call-line.js";

test("one person who started a call is named alone", () => {
  assert.equal(callStarted(["Alice Martin"]), "Alice Martin started a call");
  assert.equal(callStarted(["Customer"]), "The customer started a call");
});

test("several on a call are a list with the customer last, never 'Customer, Alice Martin'", () => {
  assert.equal(callStarted(["Customer", "Alice Martin"]), "Alice Martin and the customer are on a call");
  assert.equal(people(["Customer", "Alice Martin", "Bob Okafor"]), "Alice Martin, Bob Okafor and the customer");
});

test("nobody on a call says nothing, and a page on the call says whom it is with", () => {
  assert.equal(callStarted([]), "");
  assert.equal(onCallWith(["Customer", "Bob Okafor"]), "On the call with Bob Okafor and the customer");
  assert.equal(onCallWith([]), "Waiting for the others to join the call");
});

test("a page alone on the call names the agents it calls, else who hung up, and waits only with nobody to name", () => {
  assert.equal(onCallWith([], { called: ["Bob Okafor"] }), "Calling Bob Okafor…");
  assert.equal(onCallWith([], { called: ["Bob Okafor", "Carol Diaz"], hungUp: ["Alice Martin"] }),
    "Calling Bob Okafor and Carol Diaz…");
  assert.equal(onCallWith([], { hungUp: ["Alice Martin"] }), "Alice Martin hung up");
  assert.equal(onCallWith(["Customer"], { called: ["Bob Okafor"] }), "On the call with the customer");
  assert.equal(onCallWith([], {}), "Waiting for the others to join the call");
});

test("a call's time reads as minutes and seconds, with hours once it lasts that long", () => {
  assert.equal(duration(0), "0:00");
  assert.equal(duration(7.9), "0:07");
  assert.equal(duration(750), "12:30");
  assert.equal(duration(3723), "1:02:03");
  assert.equal(duration(-3), "0:00");
});
