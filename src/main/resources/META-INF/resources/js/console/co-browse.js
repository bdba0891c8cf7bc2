// Page push from the console: push a page of the customer's site (checked by the server against the
// service's allowed origins), take the lead, and see the shared page in a preview. While this console
// leads, scrolling and pointing in the preview (when it is of this origin) are sent along; while the
// customer leads, the preview follows the customer's pages, scroll position and pointer. A click in the
// preview points the element out on the customer's page (a highlight); links there are not followed. The pointer
// travels as the element under it and the spot in that element, so it lands on the same element on the customer's
// page whatever its layout. A pushed page with an #anchor scrolls the preview to it, never the console. The customer
// decides whom their page is shared with: while it is not shared with this agent (the customer stopped sharing, or
// this agent joined later and the customer has not said yes), pushing and leading are off, and the console says why.

import { el } from "../shared/dom.js";
import { MAX_SELECTOR, pointerAt, pointerSpot, selectorOf } from "../shared/page-point.js";
import { throttle } from "../shared/throttle.js";

export class CoBrowse {
  /** @param nameOf (legId) → the name of the leg's endpoint, from the roster */
  constructor(leg, container, nameOf) {
    this.leg = leg;
    this.nameOf = nameOf;
    this.leading = false;
    this.#render(container);
    this.#listen();
  }

  #render(container) {
    const section = el("form", "co-browse");
    const id = `push-${this.leg.sessionId}`;
    section.append(el("h4", null, "Page push"));
    const label = el("label", null, "Page to show the customer");
    label.htmlFor = id;
    this.url = el("input");
    this.url.id = id;
    this.url.type = "url";
    this.url.required = true;
    this.url.value = `${location.origin}/demo/`;
    const push = el("button", "primary", "Push page");
    push.type = "submit";
    this.pushButton = push;
    this.consent = el("p", "co-browse-consent", "");
    this.consent.setAttribute("role", "status");
    this.consent.hidden = true;
    this.leadButton = el("button", "secondary", "Take the lead");
    this.leadButton.type = "button";
    this.state = el("p", "co-browse-state", "Nobody leads yet: the first to push a page leads.");
    this.state.setAttribute("role", "status");
    this.hint = el("p", "co-browse-hint", "Click something in the preview to point it out to the customer.");
    this.hint.hidden = true;
    this.preview = el("iframe", "preview");
    this.preview.name = "parley-preview";
    this.preview.title = "The shared page";
    this.preview.setAttribute("sandbox", "allow-same-origin");
    this.preview.hidden = true;
    section.append(label, this.url, push, this.leadButton, this.consent, this.state, this.hint, this.preview);
    container.append(section);
    section.addEventListener("submit", (event) => {
      event.preventDefault();
      // The server checks the URL; a refusal comes back as an error and the preview is taken back.
      const url = this.url.value.trim();
      delete this.state.dataset.error;
      delete this.state.dataset.stayed;
      if (!this.leg.send("page-push", { type: "navigate", url })) {
        this.#notConnected();
        return;
      }
      // Shown at once; taken back if the server refuses this push (not-leader, url-not-allowed). The
      // server's next word on the lead (a leader or another's navigation) settles it.
      this.unconfirmed = this.#show(url);
      this.state.textContent = `The customer is taken to ${url}`;
    });
    this.leadButton.addEventListener("click", () => {
      if (!this.leg.send("page-push", { type: "lead" })) {
        this.#notConnected();
      }
    });
    this.preview.addEventListener("load", () => {
      this.#watchPreview();
      this.#toAnchor();
    });
  }

  /** Whom the customer shares their page with: pushing and leading are on only while it is shared with this agent. */
  #sharing({ stopped, with: shared = [] }) {
    const mine = !stopped && shared.includes(this.leg.legId);
    this.pushButton.disabled = !mine;
    this.leadButton.disabled = !mine;
    this.consent.hidden = mine;
    this.consent.dataset.sharing = stopped ? "stopped" : mine ? "on" : "not-asked";
    this.consent.textContent = stopped
      ? "The customer stopped sharing their page: you cannot show them pages until they share it again."
      : mine ? "" : "The customer has not shared their page with you yet: they are asked in their chat.";
  }

  #listen() {
    this.leg.addEventListener("page-push:sharing", (event) => this.#sharing(event.detail));
    this.leg.addEventListener("page-push:leader", (event) => {
      this.unconfirmed = false;
      this.leading = event.detail.legId === this.leg.legId;
      this.state.textContent = this.leading ? "You lead: the customer's page follows yours."
        : event.detail.legId ? `${this.nameOf(event.detail.legId)} leads: the preview follows their pages.`
          : "Nobody leads now: the first to push a page leads.";
      this.state.dataset.leading = String(this.leading);
    });
    this.leg.addEventListener("page-push:pointer", (event) => this.#pointer(event.detail));
    this.leg.addEventListener("page-push:stayed", (event) => {
      // Asked first because they had changed something on their page, the customer did not go.
      this.state.textContent = `${this.nameOf(event.detail.legId)} stayed on their page: they had changed `
        + "something there (the push asked first).";
      this.state.dataset.stayed = "true";
    });
    this.leg.addEventListener("page-push:navigate", (event) => {
      // The server relays the leader's navigation to the others only; seeing one means someone else leads.
      this.unconfirmed = false;
      this.leading = false;
      this.#show(event.detail.url);
      this.state.textContent = `${this.nameOf(event.detail.legId)} leads: the preview follows their pages `
        + `(now ${event.detail.url}).`;
    });
    this.leg.addEventListener("page-push:scroll", (event) => {
      const view = this.#previewWindow();
      if (view) {
        const root = view.document.documentElement;
        view.scrollTo(event.detail.x * (root.scrollWidth - view.innerWidth),
          event.detail.y * (root.scrollHeight - view.innerHeight));
      }
    });
    this.leg.addEventListener("page-push:error", (event) => {
      this.state.textContent = `Not pushed: ${event.detail.message}`;
      this.state.dataset.error = event.detail.code;
      if (this.unconfirmed && ["not-leader", "url-not-allowed", "not-shared"].includes(event.detail.code)) {
        this.unconfirmed = false;
        this.#revert();
      }
    });
  }

  /** Shows an http(s) page in the preview (never any other scheme, whatever was typed); true if it did. */
  #show(url) {
    let page;
    try {
      page = url ? new URL(url) : null;
    } catch {
      page = null;
    }
    if (!page || !["http:", "https:"].includes(page.protocol)) {
      return false;
    }
    this.previous = this.shown;
    this.shown = page.href;
    this.preview.hidden = false;
    this.hint.hidden = false;
    // Framed without its #anchor: a frame that jumps to an anchor scrolls the console around it too. The preview
    // scrolls itself to the anchor once loaded (at once when only the anchor changed).
    this.anchor = anchorOf(page);
    page.hash = "";
    if (this.preview.src !== page.href) {
      this.preview.src = page.href;
    } else {
      this.#toAnchor();
    }
    return true;
  }

  /** Scrolls the preview, and only the preview, to the pushed page's anchor. */
  #toAnchor() {
    const view = this.#previewWindow();
    const target = this.anchor && view?.document.getElementById(this.anchor);
    if (target) {
      view.scrollTo(view.scrollX, target.getBoundingClientRect().top + view.scrollY);
    }
  }

  #notConnected() {
    this.state.textContent = "Page push is reconnecting: try again in a moment.";
    this.state.dataset.error = "not-connected";
  }

  /** Back to the page shown before a push the server refused. */
  #revert() {
    this.shown = this.previous;
    this.previous = null;
    if (this.shown) {
      const page = new URL(this.shown);
      this.anchor = anchorOf(page);
      page.hash = "";
      this.preview.src = page.href;
    } else {
      this.preview.hidden = true;
      this.hint.hidden = true;
      this.preview.removeAttribute("src");
    }
  }

  /** Highlights the element on the customer's page, and for a moment in the preview. */
  #pointOut(element) {
    const selector = selectorOf(element);
    if (!selector || selector.length > MAX_SELECTOR) {
      this.state.textContent = "That part of the page cannot be pointed out; try the element around it.";
      return;
    }
    this.leg.send("page-push", { type: "highlight", selector });
    const before = element.style.outline;
    element.style.outline = "3px solid #f59e0b";
    setTimeout(() => (element.style.outline = before), 3000);
    this.state.textContent = "Pointed out to the customer.";
  }

  /** The leader's pointer, drawn over the preview on the element pointed at (when the preview is of this origin). */
  #pointer(pointer) {
    const view = this.#previewWindow();
    if (!view) {
      return;
    }
    const page = view.document;
    let dot = page.getElementById("parley-customer-pointer");
    if (!dot) {
      dot = page.createElement("div");
      dot.id = "parley-customer-pointer";
      dot.setAttribute("aria-hidden", "true");
      Object.assign(dot.style, {
        position: "absolute", width: "14px", height: "14px", margin: "-7px 0 0 -7px", borderRadius: "50%",
        background: "rgba(180, 83, 9, 0.8)", border: "2px solid #fff", pointerEvents: "none", zIndex: 2147483647,
      });
      page.body.append(dot);
    }
    const spot = pointerSpot(pointer, page, view);
    dot.style.left = `${spot.left}px`;
    dot.style.top = `${spot.top}px`;
  }

  #previewWindow() {
    try {
      const view = this.preview.contentWindow;
      return view && view.document ? view : null;
    } catch {
      return null;
    }
  }

  #watchPreview() {
    const view = this.#previewWindow();
    if (!view) {
      return;
    }
    view.addEventListener("scroll", throttle(() => {
      if (this.leading) {
        const root = view.document.documentElement;
        this.leg.send("page-push", {
          type: "scroll",
          x: fraction(view.scrollX, root.scrollWidth - view.innerWidth),
          y: fraction(view.scrollY, root.scrollHeight - view.innerHeight),
        });
      }
    }, 100), { passive: true });
    view.document.addEventListener("click", (event) => {
      event.preventDefault();
      this.#pointOut(event.target);
    });
    view.document.addEventListener("pointermove", throttle((event) => {
      if (this.leading) {
        const root = view.document.documentElement;
        const page = {
          scrollWidth: root.scrollWidth, scrollHeight: root.scrollHeight, scrollX: view.scrollX, scrollY: view.scrollY,
        };
        this.leg.send("page-push", { type: "pointer", ...pointerAt(event.target, event.clientX, event.clientY, page) });
      }
    }, 50), { passive: true });
  }
}

/** The element id the URL's #anchor names ("" for none, or for one that is not well-formed). */
function anchorOf(page) {
  try {
    return decodeURIComponent(page.hash.slice(1));
  } catch {
    return "";
  }
}

function fraction(value, total) {
  return total > 0 ? Math.min(1, Math.max(0, value / total)) : 0;
}
