// A conversation's roster in the console: who is in it in people's terms (online, on the call, sharing their page,
// gone since when; roster-status.js), each leg's channels on demand, and the page the customer is on, from the leg's
// roster and page-push messages.

import { el } from "../shared/dom.js";
import { ACTIVE, goneSince, legStatus } from "./roster-status.js";

export class RosterView {
  /**
   * `leg`: this console's LegConnection (its page-push messages say who leads and where the page is); `onPage`
   * is told the page's URL when it changes.
   */
  constructor(leg, { onPage = () => {} } = {}) {
    this.leg = leg;
    this.onPage = onPage;
    this.leader = null;
    this.page = null;
    this.gone = new Map();
    this.session = null;
    this.element = el("section", "roster");
    this.element.setAttribute("aria-label", "Who is in the conversation");
    this.element.append(el("h4", null, "Participants"));
    this.list = el("ul", "legs");
    this.element.append(this.list);
    leg.addEventListener("page-push:leader", (event) => {
      this.leader = event.detail.legId || null;
      this.#draw();
    });
    leg.addEventListener("page-push:navigate", (event) => {
      if (event.detail.url && event.detail.url !== this.page) {
        this.page = event.detail.url;
        this.onPage(this.page);
      }
    });
    // "gone (since 12 s)" counts on while it shows.
    this.clock = setInterval(() => this.gone.size && this.#draw(), 1000);
  }

  show(session) {
    this.session = session;
    this.gone = goneSince(this.gone, session.legs, Date.now());
    this.#draw();
  }

  stop() {
    clearInterval(this.clock);
  }

  #draw() {
    if (!this.session) {
      return;
    }
    const now = Date.now();
    const legs = this.session.legs.filter((leg) => ACTIVE.includes(leg.state));
    const items = legs.map((leg) => {
      const { status, text } = legStatus(leg, { leader: this.leader, goneAt: this.gone.get(leg.id), now });
      const item = this.list.querySelector(`.leg[data-leg-id="${CSS.escape(leg.id)}"]`) || this.#item(leg);
      item.dataset.state = leg.state;
      item.dataset.status = status;
      item.querySelector(".who").textContent = `${leg.name}${leg.id === this.leg.legId ? " (you)" : ""}`;
      item.querySelector(".role").textContent = leg.role;
      item.querySelector(".status").textContent = text;
      item.querySelector(".channels").replaceChildren(...Object.entries(leg.channels || {}).map(([channel, state]) => {
        const badge = el("span", `channel ${state}`, `${channel}: ${state}`);
        badge.dataset.channel = channel;
        return badge;
      }));
      return item;
    });
    // Items are kept (not drawn anew), so an opened channel detail stays open.
    this.list.replaceChildren(...items);
  }

  #item(leg) {
    const item = el("li", "leg");
    item.dataset.legId = leg.id;
    const line = el("span", "line");
    line.append(el("span", "who"), el("span", "role"));
    const status = el("span", "status");
    const detail = el("details", "channel-detail");
    detail.append(el("summary", null, "Channels"), el("span", "channels"));
    item.append(line, status, detail);
    return item;
  }
}
