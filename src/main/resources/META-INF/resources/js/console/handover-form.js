// Conference and transfer in a conversation of the console: to a named agent or to whoever fits a subject, with
// their progress as the roster and the control channel tell it, and calling either off.

import { el } from "../shared/dom.js";

const ACTIVE = ["invited", "joining", "connected"];

export class HandoverForm {
  /**
   * @param id the conversation panel's id (the form's controls are named after it)
   * @param note writes a line in the conversation's chat (how a transfer or a wait ended)
   */
  constructor({ id, api, session, service, me, legId, agents, note }) {
    this.api = api;
    this.session = session;
    this.service = service;
    this.me = me;
    this.legId = legId;
    this.agents = agents;
    this.note = note;
    this.element = this.#render(id);
  }

  /** A new roster: what is under way, and the search for a subject with whom it was offered to. */
  roster(session) {
    this.session = session;
    if (session.queue && session.queue.purpose !== "serve") {
      const offered = (session.queue.offers || []).map((offer) => this.#agentName(offer.csr));
      this.progress.textContent = `${session.queue.purpose === "transfer" ? "Transfer" : "Conference"}: looking for `
        + `${session.queue.subject} — ${offered.length ? `offered to ${offered.join(", ")}` : "nobody free yet"}`;
    }
    this.#showHandoverTools(session);
  }

  #render(id) {
    const form = el("form", "handover");
    form.append(el("h4", null, "Conference or transfer"));
    const targetLabel = el("label", null, "To");
    targetLabel.htmlFor = `${id}-target`;
    this.target = el("select");
    this.target.id = `${id}-target`;
    this.people = el("optgroup");
    this.people.label = "Agents";
    this.#listAgents(this.agents);
    // Who is available changes all the time: the list is read again whenever the agent goes to it.
    const refresh = () => this.api.get("api/agents").then((agents) => this.#listAgents(agents)).catch(() => {});
    this.target.addEventListener("focus", refresh);
    this.target.addEventListener("mousedown", refresh);
    const subjects = el("optgroup");
    subjects.label = "Whoever fits a subject";
    Object.keys(this.service.subjects || {}).forEach((subject) => {
      const option = el("option", null, `Subject: ${subject}`);
      option.value = `subject:${subject}`;
      subjects.append(option);
    });
    this.target.append(this.people, subjects);
    const modeLabel = el("label", null, "Transfer mode");
    modeLabel.htmlFor = `${id}-mode`;
    this.mode = el("select");
    this.mode.id = `${id}-mode`;
    [["cold", "cold (you leave once they join)"], ["warm", "warm (you stay until you leave)"]]
      .forEach(([value, text]) => {
        const option = el("option", null, text);
        option.value = value;
        this.mode.append(option);
      });
    const conference = el("button", "secondary", "Conference");
    conference.type = "button";
    const transfer = el("button", "secondary", "Transfer");
    transfer.type = "button";
    // Shown while a conference or transfer is under way: the wait for a subject, or a second agent not yet in.
    this.callOff = el("button", "secondary", "Call off");
    this.callOff.type = "button";
    this.callOff.hidden = true;
    this.progress = el("p", "handover-progress");
    this.progress.setAttribute("role", "status");
    form.append(targetLabel, this.target, modeLabel, this.mode, conference, transfer, this.callOff, this.progress);
    // What the service allows (GET /api/services/{id}: allowed.conference, allowed.transfer).
    const allow = this.service.allowed || {};
    this.handoverButtons = [[conference, allow.conference !== false], [transfer, allow.transfer !== false]];
    conference.addEventListener("click", () => this.#handover("conference"));
    transfer.addEventListener("click", () => this.#handover("transfer"));
    this.callOff.addEventListener("click", () => this.#callOff());
    this.#showHandoverTools(this.session);
    return form;
  }

  /**
   * What is under way to bring a second agent in: "transfer", "conference", or null. A second agent is one
   * invited after the first agent still in (as the server decides what Call off lets go), never this one.
   */
  #underWay(session) {
    if (session.queue && session.queue.purpose !== "serve") {
      return session.queue.purpose;
    }
    const csrs = (session.legs || []).filter((leg) => leg.role === "csr" && ACTIVE.includes(leg.state));
    if (session.transfer) {
      return csrs.some((leg) => leg.id === session.transfer.fromLegId) ? "transfer" : null;
    }
    return csrs.slice(1).some((leg) => leg.state === "invited" && leg.id !== this.legId) ? "conference" : null;
  }

  /** Conference and transfer while nothing is under way (and the service allows them); Call off while it is. */
  #showHandoverTools(session) {
    const underWay = this.#underWay(session);
    const ended = session.state === "ended";
    this.handoverButtons.forEach(([button, allowed]) => {
      button.disabled = !allowed || ended || underWay !== null;
    });
    this.callOff.hidden = ended || underWay === null;
    // A wait for a named agent that is over without a word from the control channel (someone else called
    // it off, or the agent joined): the progress says how it ended instead of still waiting.
    if (underWay === null && this.awaiting && this.progress.textContent === this.awaiting.text) {
      const joined = session.legs.some((leg) => leg.name === this.awaiting.to && leg.state === "connected");
      this.progress.textContent = joined ? `${this.awaiting.what}: ${this.awaiting.to} joined.`
        : `${this.awaiting.what} with ${this.awaiting.to} did not go ahead.`;
    }
    if (underWay === null) {
      this.awaiting = null;
    }
  }

  /** The other agents, with the state each is in, keeping the one chosen. */
  #listAgents(agents) {
    this.agents = agents;
    const chosen = this.target.value;
    this.people.replaceChildren(...agents.filter((agent) => agent.id !== this.me).map((agent) => {
      const option = el("option", null, `${agent.name} (${agent.state.replace("-", " ")})`);
      option.value = `csr:${agent.id}`;
      return option;
    }));
    if (chosen) {
      this.target.value = chosen;
    }
    if (this.target.selectedIndex === -1) {
      // The one chosen is no longer listed: the first one is, rather than nothing.
      this.target.selectedIndex = 0;
    }
  }

  /** An agent's name for an endpoint reference such as csr:bob (the reference when the agent is not listed). */
  #agentName(ref) {
    return this.agents.find((agent) => `csr:${agent.id}` === ref)?.name || ref;
  }

  /** The control channel's word on a transfer (started, completed, failed). */
  transfer(transfer) {
    const calledOff = transfer.state === "failed" && transfer.reason?.startsWith("called off");
    const text = {
      started: "Transfer started: waiting for the other agent to connect…",
      completed: "Transfer completed.",
      failed: calledOff ? `Transfer ${transfer.reason}.` : `Transfer failed: ${transfer.reason || "no reason given"}`,
    }[transfer.state];
    this.progress.textContent = text || transfer.state;
    this.note(text || transfer.state);
  }

  /**
   * A wait for whoever fits a subject is over: answered (the agent is on the way), timed out, called off,
   * abandoned (the customer left) or cancelled for another reason (the conversation ended).
   */
  handoverEnded(handover) {
    const what = handover.purpose === "transfer" ? "Transfer" : "Conference";
    const calledOff = handover.outcome === "cancelled" && handover.reason?.startsWith("called off");
    const text = {
      answered: `${what}: an agent for ${handover.subject} accepted and is joining…`,
      "timed-out": `${what}: nobody for ${handover.subject} answered in time; the conversation stays with you.`,
      abandoned: `${what} to ${handover.subject} stopped: the customer left.`,
    }[handover.outcome] || (calledOff ? `${what} to ${handover.subject} ${handover.reason}.`
      : `${what} to ${handover.subject} stopped: ${handover.reason}.`);
    this.progress.textContent = text;
    if (handover.outcome !== "answered") {
      this.note(text);
    }
  }

  async #callOff() {
    const what = this.#underWay(this.session) === "transfer" ? "Transfer" : "Conference";
    const before = this.progress.textContent;
    try {
      await this.api.delete(`api/sessions/${this.session.id}/handover`);
      // The control channel tells a called-off wait or transfer; an invitation let go is said here.
      if (this.progress.textContent === before) {
        this.progress.textContent = `${what} called off.`;
      }
    } catch (error) {
      this.progress.textContent = `Could not call off: ${error.detail}`;
    }
  }

  async #handover(kind) {
    const [type, value] = this.target.value.split(/:(.*)/s);
    const body = type === "subject" ? { subject: value } : { to: { kind: "csr", id: value } };
    if (kind === "transfer") {
      body.mode = this.mode.value;
    }
    const what = kind === "transfer" ? "Transfer" : "Conference";
    const to = this.target.selectedOptions[0]?.textContent.replace(/ \(.*\)$/, "").replace(/^Subject: /, "") || value;
    this.progress.textContent = `${what}: asking…`;
    const before = this.progress.textContent;
    try {
      await this.api.post(`api/sessions/${this.session.id}/${kind}`, body);
      // The roster may already have told more (offered to whom, started): that stays.
      if (this.progress.textContent === before) {
        this.progress.textContent = type === "subject" ? `${what}: looking for whoever fits ${to}…`
          : `${what}: waiting for ${to} to join…`;
        if (type !== "subject") {
          // The next roster tells how it ends (one already here may be from before the invitation).
          this.awaiting = { what, to, text: this.progress.textContent };
        }
      }
    } catch (error) {
      this.progress.textContent = `${kind === "transfer" ? "Transfer" : "Conference"} refused: ${error.detail}`;
    }
  }
}
