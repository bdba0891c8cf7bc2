// Incoming offers: what the customer asks about, for which service, and a countdown to the expiry;
// accept or decline each. A transfer's offer shows the conversation so far.

import { el } from "../shared/chat-view.js";

const PURPOSES = { serve: "New conversation", conference: "Conference request", transfer: "Transfer" };

export class OfferList {
  constructor(list, empty, answer) {
    this.list = list;
    this.empty = empty;
    this.answer = answer;
    this.items = new Map();
    setInterval(() => this.#tick(), 1000);
  }

  add(offer) {
    if (this.items.has(offer.offerId)) {
      return;
    }
    const deadline = Date.now() + offer.secondsLeft * 1000;
    const item = el("li", "offer");
    item.dataset.offerId = offer.offerId;
    const titleId = `offer-${offer.offerId}`;
    const title = el("h3", null, `${PURPOSES[offer.purpose] || offer.purpose}: ${offer.serviceName}`);
    title.id = titleId;
    item.setAttribute("aria-labelledby", titleId);
    const about = el("p", "about", offer.subject ? `About ${offer.subject.replace(/-/g, " ")}` : "No subject");
    const countdown = el("p", "countdown");
    const actions = el("div", "actions");
    const accept = el("button", "primary", "Accept");
    accept.type = "button";
    const decline = el("button", "secondary", "Decline");
    decline.type = "button";
    actions.append(accept, decline);
    item.append(title, about, countdown);
    if (offer.conversation?.length) {
      const earlier = el("ol", "earlier");
      earlier.setAttribute("aria-label", "Conversation so far");
      offer.conversation.slice(-5).forEach((message) => earlier.append(el("li", null,
        `${message.name}: ${message.text}`)));
      item.append(earlier);
    }
    const problem = el("p", "problem");
    problem.setAttribute("role", "alert");
    item.append(actions, problem);
    accept.addEventListener("click", () => {
      accept.disabled = decline.disabled = true;
      this.answer("accept-offer", offer.offerId);
    });
    decline.addEventListener("click", () => {
      accept.disabled = decline.disabled = true;
      this.answer("decline-offer", offer.offerId);
    });
    this.items.set(offer.offerId, { item, deadline, countdown });
    this.list.append(item);
    this.#tick();
    accept.focus({ preventScroll: true });
  }

  close(closed) {
    const entry = this.items.get(closed.offerId);
    if (!entry) {
      return;
    }
    this.items.delete(closed.offerId);
    entry.item.remove();
    this.#tick();
  }

  problem(offerId, detail) {
    const entry = this.items.get(offerId);
    if (entry) {
      entry.item.querySelector(".problem").textContent = detail;
    }
  }

  #tick() {
    this.empty.hidden = this.items.size > 0;
    for (const { deadline, countdown } of this.items.values()) {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      countdown.textContent = `${left} s left to answer`;
      countdown.dataset.secondsLeft = left;
    }
  }
}
