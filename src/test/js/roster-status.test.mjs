import { test } from "node:test";
import assert from "node:assert/strict";

import {
  customerName, duration, goneSince, isGone, legStatus, pageName, tabTitle,
} from "../../main/resources/META-INF/resources/js/console/roster-status.js";

const connected = (id, channels, role = "customer") => ({ id, role, state: "connected", channels });
const NOW = 1_000_000;

test("a connected leg with its page open is online; on the call and sharing their page say what it does", () => {
  assert.deepEqual(legStatus(connected("c", { control: "connected", chat: "connected" }), { now: NOW }),
    { status: "online", text: "online" });
  assert.equal(legStatus(connected("c", { control: "connected", voice: "connected" }), { now: NOW }).text,
    "on the call");
  assert.equal(legStatus(connected("c", { control: "connected" }), { leader: "c", now: NOW }).text,
    "sharing their page");
  assert.equal(legStatus(connected("c", { control: "connected", voice: "connected" }), { leader: "c", now: NOW })
    .text, "on the call, sharing their page");
  assert.equal(legStatus(connected("a", { control: "connected" }, "csr"), { leader: "a", now: NOW }).text,
    "showing a page");
  assert.equal(legStatus(connected("c", { control: "connected", voice: "connecting" }), { now: NOW }).text,
    "online", "a call still connecting is not a call");
});

test("a leg whose control channel closed is gone at once, with the time since it went", () => {
  const closed = connected("c", { control: "disconnected", chat: "connected" });
  assert.equal(isGone(closed), true);
  assert.deepEqual(legStatus(closed, { goneAt: NOW - 12_400, now: NOW }),
    { status: "gone", text: "gone (since 12 s)" });
  assert.equal(legStatus(closed, { now: NOW }).text, "gone (since 0 s)");
  assert.equal(legStatus(connected("c", { control: "failed" }), { goneAt: NOW - 125_000, now: NOW }).text,
    "gone (since 2 min)");
  assert.equal(isGone({ ...closed, state: "joining" }), false, "one still joining is joining, not gone");
});

test("invited and joining legs say so; anything else has left", () => {
  assert.equal(legStatus({ id: "c", state: "invited", channels: {} }, { now: NOW }).text, "invited, not here yet");
  assert.equal(legStatus({ id: "c", state: "joining", channels: {} }, { now: NOW }).status, "joining");
  assert.equal(legStatus({ id: "c", state: "left", channels: {} }, { now: NOW }).status, "left");
});

test("the time a leg went is kept while it stays gone and forgotten once it is back", () => {
  const gone = connected("c", { control: "disconnected" });
  const first = goneSince(new Map(), [gone, connected("a", { control: "connected" }, "csr")], NOW);
  assert.deepEqual([...first], [["c", NOW]]);
  const later = goneSince(first, [gone], NOW + 5000);
  assert.equal(later.get("c"), NOW, "still the moment it went");
  assert.equal(goneSince(later, [connected("c", { control: "connected" })], NOW + 9000).size, 0);
});

test("durations read at a glance", () => {
  assert.equal(duration(-5), "0 s");
  assert.equal(duration(59_999), "59 s");
  assert.equal(duration(60_000), "1 min");
  assert.equal(duration(3_600_000), "1 h");
  assert.equal(duration(3_900_000), "1 h 5 min");
});

test("a customer is named by the name staff gave, else their reference; a visitor's generated id never shows", () => {
  assert.equal(customerName({ label: "Ann Lee", endpoint: { id: "v-9d66c3aa" } }), "Ann Lee");
  assert.equal(customerName({ endpoint: { id: "order-4711" } }), "order-4711");
  assert.equal(customerName({ endpoint: { id: "v-9d66c3aa" } }), "Website visitor");
  assert.equal(customerName(undefined), "no customer");
});

test("a page is its path and query, without origin or fragment; nonsense is no page", () => {
  assert.equal(pageName("https://shop.example/products/kettle?colour=red#reviews"), "/products/kettle?colour=red");
  assert.equal(pageName("https://shop.example"), "/");
  assert.equal(pageName("not a url"), null);
  assert.equal(pageName(undefined), null);
});

test("a tab names the customer, then the subject, the page and how long the conversation has gone on", () => {
  const session = {
    service: "sales", state: "active", createdAt: new Date(NOW - 185_000).toISOString(),
    legs: [{ id: "a", role: "csr", state: "connected" },
      { id: "c", role: "customer", state: "connected", endpoint: { id: "v-9d66c3" }, label: "Ann Lee" }],
  };
  assert.deepEqual(tabTitle(session, { serviceName: "Sales", subjectName: "Pricing",
    page: "https://shop.example/cart", now: NOW }), { name: "Ann Lee", detail: "Pricing · /cart · 3 min" });
  assert.deepEqual(tabTitle({ ...session, state: "ended" }, { serviceName: "Sales", now: NOW }),
    { name: "Ann Lee", detail: "Sales" }, "an ended conversation's clock stops");
});
