// Every agent's state as the console knows it, kept current from the agents' live stream (GET /api/stream/agents)
// and told to whoever listens on document (the "To" lists of conference and transfer): a colleague who goes away
// leaves the list at once. A stream that missed too much ("reset") or came back reads the whole list again.

import { followEventStream } from "../shared/event-stream.js";
import { AGENTS_EVENT } from "./handover-form.js";

/** The agents with one agent's state changed (an agent not listed yet is read again with the whole list). */
export function withState(agents, { agent, state }) {
  return agents.map((each) => (each.id === agent ? { ...each, state } : each));
}

/** Whether the list must be read again for this change: an agent it does not hold yet. */
export function unknownAgent(agents, { agent }) {
  return !agents.some((each) => each.id === agent);
}

export class AgentBoard {
  constructor(api, authorization) {
    this.api = api;
    this.authorization = authorization;
    this.agents = [];
  }

  start(agents) {
    this.#tell(agents);
    this.stream = followEventStream(this.api.url("api/stream/agents"), {
      authorization: this.authorization,
      onEvent: (event) => this.#heard(event),
      onState: (state) => state === "live" && this.#reload(),
    });
  }

  stop() {
    this.stream?.stop();
  }

  #heard(event) {
    if (event.event === "reset") {
      this.#reload();
      return;
    }
    if (event.event !== "agent") {
      return;
    }
    const change = JSON.parse(event.data);
    if (unknownAgent(this.agents, change)) {
      this.#reload();
      return;
    }
    this.#tell(withState(this.agents, change));
  }

  #reload() {
    this.api.get("api/agents").then((agents) => this.#tell(agents)).catch(() => {});
  }

  #tell(agents) {
    this.agents = agents;
    document.dispatchEvent(new CustomEvent(AGENTS_EVENT, { detail: agents }));
  }
}
