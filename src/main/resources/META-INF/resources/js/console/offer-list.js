// Incoming offers: who the customer is, what they ask about (the subject in words, their first message), for which
// service, how long they have waited, and a countdown to the expiry; accept or decline each. A conference's or
// transfer's offer says who asks, shows their note and the conversation so far, and lets the agent say why it
// declines (the agent who asked reads it). A new offer is announced
// (once) to screen readers; focus stays where the agent is typing, so a keystroke never answers an offer.
// An offer whose time ran out while this console could not hear it closing is taken off a little later.

import { el } from "../shared/dom.js";
import { subjectWords } from "../shared/subject-words.js";
import { customerName, duration } from "./roster-status.js";

/** What an offer is, by its purpose, in the card's title and the notification's. */
export const PURPOSES = Object.freeze({ serve: "New conversation", conference: "Conference request",
  transfer: "Transfer" });
const STALE_AFTER_MS = 5000;

export class OfferList {
  constructor(list, empty, announcer, answer, onChange = () => {}) {
    this.list = list;
    this.empty = empty;
    this.announcer = announcer;
    this.answer = answer;
    this.onChange = onChange;
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
    const about = el("p", "about", offer.subject ? `About ${subjectWords(offer.subject).toLowerCase()}` : "No subject");
    const who = el("p", "who", customerName(offer.session?.legs?.find((leg) => leg.role === "customer")));
    // Their own words, as they wrote them (text, never markup), quoted.
    const first = offer.firstMessage?.text ? el("blockquote", "first-message", offer.firstMessage.text) : null;
    const waited = el("p", "waited");
    const waitingSince = Date.parse(offer.waitingSince);
    const countdown = el("p", "countdown");
    // A timer: screen readers do not read every second of it out.
    countdown.setAttribute("role", "timer");
    countdown.setAttribute("aria-live", "off");
    const actions = el("div", "actions");
    const accept = el("button", "primary", "Accept");
    accept.type = "button";
    const decline = el("button", "secondary", "Decline");
    decline.type = "button";
    actions.append(accept, decline);
    item.append(title, who, about);
    if (offer.page) {
      // The page the customer asked from: as text (their title, their address), never a link to follow.
      const page = el("p", "on-page", `On “${offer.page.title || offer.page.url}”`);
      page.title = offer.page.url;
      item.append(page);
    }
    if (first) {
      item.append(first);
    }
    if (offer.askedBy) {
      item.append(el("p", "asked-by", `${offer.askedBy} asks ${offer.named ? "you" : "whoever fits"}`));
    }
    if (offer.note) {
      const note = el("blockquote", "offer-note", offer.note);
      note.setAttribute("aria-label", `Note from ${offer.askedBy || "the other agent"}`);
      item.append(note);
    }
    item.append(waited, countdown);
    if (offer.conversation?.length) {
      const earlier = el("ol", "earlier");
      earlier.setAttribute("aria-label", "Conversation so far");
      offer.conversation.slice(-5).forEach((message) => earlier.append(el("li", null,
        `${message.name}: ${message.text}`)));
      item.append(earlier);
    }
    const problem = el("p", "problem");
    problem.setAttribute("role", "alert");
    // Saying why one declines is for a colleague's request; a customer's offer simply goes to the next agent.
    let reason = null;
    if (offer.purpose !== "serve") {
      reason = el("input", "decline-reason");
      reason.type = "text";
      reason.maxLength = 200;
      reason.placeholder = "Why not? (optional)";
      reason.setAttribute("aria-label", "Reason if you decline");
      item.append(reason);
    }
    item.append(actions, problem);
    accept.addEventListener("click", () => {
      accept.disabled = decline.disabled = true;
      this.answer("accept-offer", offer.offerId);
    });
    decline.addEventListener("click", () => {
      accept.disabled = decline.disabled = true;
      this.answer("decline-offer", offer.offerId, reason?.value.trim() || undefined);
    });
    this.items.set(offer.offerId, { item, deadline, countdown, buttons: [accept, decline], waited, waitingSince });
    this.list.append(item);
    this.#tick();
    this.announcer.textContent = `${title.textContent}. ${about.textContent}. ${offer.secondsLeft} seconds to answer.`;
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

  /**
   * The answer to an offer was refused. An offer that is gone (taken, expired, closed) says so and leaves;
   * otherwise its buttons work again.
   */
  problem(offerId, detail, code) {
    const entry = this.items.get(offerId);
    if (!entry) {
      return;
    }
    entry.item.querySelector(".problem").textContent = detail;
    if (["offer-not-found", "offer-expired", "offer-taken", "offer-closed"].includes(code)) {
      setTimeout(() => this.close({ offerId }), STALE_AFTER_MS);
    } else {
      entry.buttons.forEach((button) => (button.disabled = false));
    }
  }

  #tick() {
    for (const [offerId, { deadline, countdown, waited, waitingSince }] of this.items) {
      if (Date.now() - deadline > STALE_AFTER_MS) {
        this.items.get(offerId).item.remove();
        this.items.delete(offerId);
        continue;
      }
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      countdown.textContent = `${left} s left to answer`;
      countdown.dataset.secondsLeft = left;
      waited.textContent = Number.isNaN(waitingSince) ? "" : `Waiting for ${duration(Date.now() - waitingSince)}`;
    }
    this.empty.hidden = this.items.size > 0;
    this.onChange();
  }

  get size() {
    return this.items.size;
  }
}
