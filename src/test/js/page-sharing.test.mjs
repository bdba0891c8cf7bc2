import { test } from "node:test";
import assert from "node:assert/strict";

import {
  agentsToAsk, pageName, pushDecision, pushLine, sharingLine,
} from "../../main/resources/META-INF/resources/js/widget/page-sharing.js";

const push = { leading: false, stopped: false, catchUp: false, news: true, samePage: false, changed: false };

test("a push is followed, and asks first when the customer changed a field of the page", () => {
  assert.equal(pushDecision(push), "follow");
  assert.equal(pushDecision({ ...push, changed: true }), "ask");
});

test("a push is left when this page leads, sharing stopped, it is this page, or a catch-up seen before", () => {
  assert.equal(pushDecision({ ...push, leading: true }), "ignore");
  assert.equal(pushDecision({ ...push, stopped: true, changed: true }), "ignore");
  assert.equal(pushDecision({ ...push, samePage: true }), "ignore");
  assert.equal(pushDecision({ ...push, catchUp: true, news: false }), "ignore");
  assert.equal(pushDecision({ ...push, catchUp: true, news: true }), "follow", "a push missed while loading");
  assert.equal(pushDecision({ ...push, catchUp: true, news: true, changed: true }), "ask");
});

test("a pushed page is called by its title, else by its path in words", () => {
  assert.equal(pageName("https://shop.example/demo/grinders.html", "Grinders · Bean & Burr"), "Grinders");
  assert.equal(pageName("https://shop.example/demo/grinders.html"), "Grinders");
  assert.equal(pageName("https://shop.example/demo/delivery.html#returns"), "Delivery, returns");
  assert.equal(pageName("https://shop.example/help/track-my_order"), "Track my order");
  assert.equal(pageName("https://shop.example/"), "shop.example");
  assert.equal(pageName("https://shop.example/demo/index.html"), "shop.example");
  assert.equal(pageName("not a url"), "a page");
});

test("the chat line names the agent and the page, and says why it asks", () => {
  assert.equal(pushLine("Alice Martin", "Grinders"), "Alice Martin shows you: Grinders");
  assert.match(pushLine("Alice Martin", "Grinders", { asking: true }), /^Alice Martin wants to show you: Grinders\./);
});

test("the customer is told whom their page is shared with, or that sharing stopped", () => {
  const names = { a: "Alice Martin", b: "Bob Okafor" };
  assert.equal(sharingLine({ stopped: false, with: ["a", "b"] }, (id) => names[id]),
    "Page sharing is on with Alice Martin and Bob Okafor.");
  assert.match(sharingLine({ stopped: true, with: [] }, (id) => names[id]), /^You stopped sharing your page/);
  assert.equal(sharingLine({ stopped: false, with: [] }, (id) => names[id]), "");
  assert.equal(sharingLine(null, (id) => names[id]), "");
});

test("only an agent the page is not shared with is asked about, once, and never after the customer stopped", () => {
  const alice = { id: "a", name: "Alice Martin" };
  const bob = { id: "b", name: "Bob Okafor" };
  assert.deepEqual(agentsToAsk({ stopped: false, with: ["a"] }, [alice, bob]), [bob]);
  assert.deepEqual(agentsToAsk({ stopped: false, with: ["a", "b"] }, [alice, bob]), []);
  assert.deepEqual(agentsToAsk({ stopped: false, with: ["a"] }, [alice, bob], ["b"]), [], "not now is an answer");
  assert.deepEqual(agentsToAsk({ stopped: true, with: [] }, [alice, bob]), []);
  assert.deepEqual(agentsToAsk(null, [alice, bob]), [], "nothing is asked before the server said");
});
