// A supervisor's place in a conversation of the console: how it is in (monitoring, whispering or barged in), a
// switch between the ways the service allows, and taking the conversation over after barging in.

import { el } from "../shared/dom.js";

/** What each way means for the supervisor, in words, and what the chat composer says. */
export const MODES = {
  monitor: {
    label: "Monitor",
    says: "Monitoring: the customer does not see you; you read, follow and hear, and send nothing.",
    composer: "Monitoring: whisper or barge in to write",
  },
  whisper: {
    label: "Whisper",
    says: "Whispering: what you write and say reaches the agents only, never the customer.",
    composer: "Whisper to the agents…",
  },
  barge: {
    label: "Barge in",
    says: "Barged in: everyone sees and hears you, as an agent.",
    composer: "Write a message…",
  },
};

export class SupervisionBar {
  /**
   * @param allowed the ways the service allows (GET /api/services/{id}: allowed.supervision)
   * @param onMode called with the mode whenever it is shown (the tab sets its composer)
   */
  constructor({ api, sessionId, allowed, onMode }) {
    this.api = api;
    this.sessionId = sessionId;
    this.onMode = onMode;
    this.element = el("div", "supervision");
    this.element.setAttribute("role", "group");
    this.element.setAttribute("aria-label", "Supervision");
    this.says = el("p", "supervision-mode");
    this.says.setAttribute("role", "status");
    this.buttons = Object.entries(MODES).filter(([mode]) => allowed.includes(mode)).map(([mode, { label }]) => {
      const button = el("button", "secondary", label);
      button.type = "button";
      button.dataset.mode = mode;
      button.addEventListener("click", () => this.#switch(mode));
      return button;
    });
    this.takeOver = el("button", "primary", "Take over");
    this.takeOver.type = "button";
    this.takeOver.hidden = true;
    this.takeOver.addEventListener("click", () => this.#takeOver());
    this.problem = el("p", "problem");
    this.problem.setAttribute("role", "alert");
    this.element.append(this.says, ...this.buttons, this.takeOver, this.problem);
  }

  /** The supervisor's own leg as the roster tells it. */
  show(leg) {
    const mode = leg.supervision || "monitor";
    this.element.dataset.mode = mode;
    this.says.textContent = MODES[mode]?.says || mode;
    this.buttons.forEach((button) => (button.hidden = button.dataset.mode === mode));
    this.takeOver.hidden = mode !== "barge";
    this.onMode(mode);
  }

  async #switch(mode) {
    this.problem.textContent = "";
    try {
      await this.api.post(`api/sessions/${this.sessionId}/supervision`, { mode });
    } catch (error) {
      this.problem.textContent = `Not switched: ${error.detail}`;
    }
  }

  async #takeOver() {
    this.problem.textContent = "";
    try {
      await this.api.post(`api/sessions/${this.sessionId}/take-over`);
    } catch (error) {
      this.problem.textContent = `Not taken over: ${error.detail}`;
    }
  }
}
