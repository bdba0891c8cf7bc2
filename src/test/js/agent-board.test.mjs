import { test } from "node:test";
import assert from "node:assert/strict";

import { unknownAgent, withState } from "../../main/resources/META-INF/resources/js/console/agent-board.js";

const agents = [{ id: "alice", name: "Alice Martin", state: "available" },
  { id: "bob", name: "Bob Okafor", state: "away" }];

test("a state change replaces that agent's state and nobody else's", () => {
  const next = withState(agents, { agent: "bob", state: "available", at: "2026-12-03T12:00:00Z" });
  assert.deepEqual(next.map((agent) => agent.state), ["available", "available"]);
  assert.equal(agents[1].state, "away", "the list it was given is not changed");
});

test("a change of an agent the console does not know yet asks for the whole list", () => {
  assert.equal(unknownAgent(agents, { agent: "dave", state: "available" }), true);
  assert.equal(unknownAgent(agents, { agent: "bob", state: "busy" }), false);
});
