// Conference and transfer in a conversation of the console: to an agent by name (who is offered it, with a note,
// and may decline) or to whoever fits a subject, with where it stands (handover-state.js) and calling it off.
// The "To" list holds only the agents who can take it now, kept current from the console's live agent states.

import { el } from "../shared/dom.js";
import { subjectPhrase } from "../shared/subject-words.js";
import { answered, asking, IDLE, refused, underWay, withHandoverEnded, withRoster, withTransfer }
  from "./handover-state.js";

/** The event on document that carries every agent's state as the console learns it (console-app.js). */
export const AGENTS_EVENT = "parley:agents";

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
    this.state = IDLE;
    this.element = this.#render(id);
    const listen = (event) => {
      if (!this.element.isConnected && this.wasConnected) {
        document.removeEventListener(AGENTS_EVENT, listen);
        return;
      }
      this.wasConnected ||= this.element.isConnected;
      this.#listAgents(event.detail);
    };
    document.addEventListener(AGENTS_EVENT, listen);
  }

  /** A new roster: what is under way, and the search for a subject with whom it was offered to. */
  roster(session) {
    if (session.version < this.session.version) {
      return;
    }
    this.session = session;
    this.#show(withRoster(this.state, session, this.legId, (ref) => this.#agentName(ref)));
  }

  /** The control channel's word on a transfer (started, completed, failed with its code). */
  transfer(transfer) {
    this.#show(withTransfer(this.state, transfer));
  }

  /** The control channel's word that a wait for a second agent is over (its outcome is a code). */
  handoverEnded(handover) {
    this.#show(withHandoverEnded(this.state, handover));
  }

  #show(next) {
    const changed = next.text !== this.state.text;
    this.state = next;
    this.progress.textContent = next.text;
    if (changed && next.note) {
      this.note(next.text);
    }
    const going = underWay(this.session, this.legId);
    const ended = this.session.state === "ended";
    const busy = going !== null || next.phase === "asking";
    this.handoverButtons.forEach(([button, allowed]) => {
      button.disabled = !allowed || ended || busy;
    });
    this.callOff.hidden = ended || going === null;
  }

  #render(id) {
    const form = el("form", "handover");
    // Enter in the note asks nothing and reloads nothing: the buttons say which it is.
    form.addEventListener("submit", (event) => event.preventDefault());
    form.append(el("h4", null, "Conference or transfer"));
    const targetLabel = el("label", null, "To");
    targetLabel.htmlFor = `${id}-target`;
    this.target = el("select");
    this.target.id = `${id}-target`;
    this.people = el("optgroup");
    this.people.label = "Agents free now";
    const subjects = el("optgroup");
    subjects.label = "Whoever handles";
    Object.keys(this.service.subjects || {}).forEach((subject) => {
      const option = el("option", null, subjectPhrase(subject));
      option.value = `subject:${subject}`;
      subjects.append(option);
    });
    this.target.append(this.people, subjects);
    this.#listAgents(this.agents);
    // Read again when the agent goes to the list, in case the live states missed something.
    const refresh = () => this.api.get("api/agents").then((agents) => this.#listAgents(agents)).catch(() => {});
    this.target.addEventListener("focus", refresh);
    const noteLabel = el("label", null, "Note for the other agent (optional)");
    noteLabel.htmlFor = `${id}-note`;
    // One line (an input, not a text area): Enter does not send anything by mistake, and the composer stays the
    // conversation's only text area.
    this.noteInput = el("input", "handover-note");
    this.noteInput.type = "text";
    this.noteInput.id = `${id}-note`;
    this.noteInput.maxLength = 500;
    const conference = el("button", "secondary", "Conference");
    conference.type = "button";
    // The transfer mode sits with Transfer: it means nothing to a conference.
    const transferGroup = el("div", "transfer-group");
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
    const transfer = el("button", "secondary", "Transfer");
    transfer.type = "button";
    transferGroup.append(transfer, modeLabel, this.mode);
    // Shown while a conference or transfer is under way: the wait for an answer, or a second agent not yet in.
    this.callOff = el("button", "secondary", "Call off");
    this.callOff.type = "button";
    this.callOff.hidden = true;
    this.progress = el("p", "handover-progress");
    this.progress.setAttribute("role", "status");
    form.append(targetLabel, this.target, noteLabel, this.noteInput, conference, transferGroup, this.callOff,
      this.progress);
    // What the service allows (GET /api/services/{id}: allowed.conference, allowed.transfer).
    const allow = this.service.allowed || {};
    this.handoverButtons = [[conference, allow.conference !== false], [transfer, allow.transfer !== false]];
    conference.addEventListener("click", () => this.#handover("conference"));
    transfer.addEventListener("click", () => this.#handover("transfer"));
    this.callOff.addEventListener("click", () => this.#callOff());
    this.#show(IDLE);
    return form;
  }

  /** The other agents who can take it now (available), keeping the one chosen while it still can. */
  #listAgents(agents) {
    this.agents = agents;
    const chosen = this.target.value;
    const free = agents.filter((agent) => agent.id !== this.me && agent.state === "available");
    const options = free.map((agent) => {
      const option = el("option", null, agent.name);
      option.value = `csr:${agent.id}`;
      return option;
    });
    if (!options.length) {
      const none = el("option", null, "No other agent is free now");
      none.disabled = true;
      options.push(none);
    }
    this.people.replaceChildren(...options);
    if (chosen) {
      this.target.value = chosen;
    }
    if (this.target.selectedIndex === -1 || this.target.selectedOptions[0]?.disabled) {
      // The one chosen cannot take it any more: the first who can is chosen instead, rather than nothing.
      const first = [...this.target.options].findIndex((option) => !option.disabled);
      this.target.selectedIndex = first;
    }
  }

  /** An agent's name for an endpoint reference such as csr:bob (the reference when the agent is not listed). */
  #agentName(ref) {
    return this.agents.find((agent) => `csr:${agent.id}` === ref)?.name || ref;
  }

  async #callOff() {
    try {
      await this.api.delete(`api/sessions/${this.session.id}/handover`);
    } catch (error) {
      this.progress.textContent = `Could not call off: ${error.detail}`;
    }
  }

  async #handover(kind) {
    const [type, value] = this.target.value.split(/:(.*)/s);
    if (!type) {
      return;
    }
    const body = type === "subject" ? { subject: value } : { to: { kind: "csr", id: value } };
    const note = this.noteInput.value.trim();
    if (note) {
      body.note = note;
    }
    if (kind === "transfer") {
      body.mode = this.mode.value;
    }
    this.#show(asking(kind, type === "subject" ? { subject: value } : { name: this.#agentName(this.target.value) }));
    try {
      const change = await this.api.post(`api/sessions/${this.session.id}/${kind}`, body);
      this.noteInput.value = "";
      if (change?.session && change.session.version >= this.session.version) {
        this.session = change.session;
        this.#show(answered(this.state, change.session, this.legId, (ref) => this.#agentName(ref)));
      }
    } catch (error) {
      this.#show(refused(this.state, error.detail));
    }
  }
}
