// Who waits for an agent in the agent's services (GET /api/queue): the subject, how long, and Pick where the
// service lets agents take a customer themselves (else why not). Read again every few seconds and whenever an
// offer comes or goes; a waiting clock ticks in between.

import { el } from "../shared/dom.js";
import { clock, secondsSince } from "./wallboard-figures.js";

const READ_EVERY_MS = 5000;

export class QueueList {
  /**
   * @param services the services by id (their names)
   * @param onPicked called with the answer to a pick (the session and the agent's connection details)
   * @param onRead called with the waits each time they are read
   */
  constructor({ list, empty, api, services, onPicked, onRead = () => {} }) {
    this.list = list;
    this.empty = empty;
    this.api = api;
    this.services = services;
    this.onPicked = onPicked;
    this.onRead = onRead;
    this.read();
    setInterval(() => this.read(), READ_EVERY_MS);
    setInterval(() => this.#tick(), 1000);
  }

  async read() {
    try {
      const waiting = await this.api.get("api/queue");
      this.#show(waiting);
      this.onRead(waiting);
    } catch {
      // Kept as it was; the next read tries again.
    }
  }

  /**
   * Keeps each wait's item (a button the agent is about to press, or has focused, stays the same element): items
   * of waits that ended go, new ones come, and each shows whether it can be picked now.
   */
  #show(waiting) {
    const now = new Set(waiting.map((wait) => wait.session));
    this.list.querySelectorAll(".waiting").forEach((item) => {
      if (!now.has(item.dataset.sessionId)) {
        item.remove();
      }
    });
    waiting.forEach((wait) => {
      const item = this.list.querySelector(`.waiting[data-session-id="${CSS.escape(wait.session)}"]`)
        || this.#item(wait);
      this.list.append(item);
      item.querySelector(".pick").hidden = !wait.pickable;
      const whyNot = item.querySelector(".why-not");
      whyNot.hidden = wait.pickable;
      whyNot.textContent = wait.notPickable || "";
    });
    this.empty.hidden = waiting.length > 0;
  }

  #item(wait) {
    const item = el("li", "waiting");
    item.dataset.sessionId = wait.session;
    const service = this.services.get(wait.service)?.name || wait.service;
    const title = el("p", "about", `${service} · ${wait.subject ? wait.subject.replace(/-/g, " ") : "no subject"}`);
    const since = el("span", "since", clock(secondsSince(wait.since, Date.now())));
    since.dataset.since = wait.since;
    const line = el("p", "waited", "Waiting ");
    line.append(since);
    if (wait.priority > 0) {
      line.append(el("span", "priority", ` · priority ${wait.priority}`));
    }
    const pick = el("button", "secondary pick", "Pick");
    pick.type = "button";
    pick.setAttribute("aria-label", `Pick: ${service}, ${wait.subject || "no subject"}`);
    pick.addEventListener("click", () => this.#pick(wait.session, item, pick));
    item.append(title, line, pick, el("p", "why-not"));
    return item;
  }

  async #pick(sessionId, item, button) {
    button.disabled = true;
    try {
      this.onPicked(await this.api.post(`api/queue/${sessionId}/pick`));
      item.remove();
    } catch (error) {
      item.append(el("p", "problem", `Not picked: ${error.detail}`));
    }
    this.read();
  }

  #tick() {
    const now = Date.now();
    this.list.querySelectorAll(".since").forEach((cell) => {
      cell.textContent = clock(secondsSince(cell.dataset.since, now));
    });
  }
}
