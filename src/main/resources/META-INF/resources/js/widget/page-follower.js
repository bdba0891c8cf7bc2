// Follow-me page push on the customer's page. While the agent leads, this page goes where the agent
// sends it, scrolls with the agent and shows the agent's pointer. The customer can take the lead
// ("Show the agent my page"); then this page reports where it is, its scroll position and pointer.
// Positions travel as fractions of the page so that different window sizes line up. A page that connects
// while the agent leads is told the agent's page (a catch-up): it goes there only when that push is news to
// this conversation (it was missed during a page load), so a customer who wandered off is not pulled back
// on every page; a push the agent makes while the page is connected is always followed.

import { el } from "../shared/dom.js";
import { throttle } from "../shared/throttle.js";

export class PageFollower {
  /**
   * @param options leading, onLeading(bool), pointerLayer, onFollow() just before this page follows a push,
   *   pushes: where the last page the agent pushed is kept across page loads ({ load() → url, save(url) })
   */
  constructor(leg, toolbar, { leading = false, onLeading, pointerLayer, onFollow, pushes }) {
    this.leg = leg;
    this.leading = leading;
    this.onLeading = onLeading;
    this.onFollow = onFollow;
    this.pushes = pushes;
    this.pointerLayer = pointerLayer;
    this.group = el("div", "page-push");
    this.state = el("span", "page-push-state", "");
    this.state.setAttribute("aria-live", "polite");
    this.leadButton = el("button", "secondary", "Show the agent my page");
    this.leadButton.type = "button";
    this.group.append(this.leadButton, this.state);
    toolbar.append(this.group);
    this.#listen();
    this.#show();
  }

  #listen() {
    this.leadButton.addEventListener("click", () => {
      // Kept at once: a page left right after the click asks for the lead again when the next one connects.
      if (this.leg.send("page-push", { type: "lead" })) {
        this.onLeading?.(true);
      }
    });
    this.leg.addEventListener("page-push:ready", () => {
      if (this.leading) {
        this.leg.send("page-push", { type: "lead" });
      }
    });
    this.leg.addEventListener("page-push:leader", (event) => {
      const leading = event.detail.legId === this.leg.legId;
      if (leading) {
        // The agent now follows this page: tell it where we are.
        this.leg.send("page-push", { type: "navigate", url: location.href });
      }
      this.leading = leading;
      this.onLeading?.(leading);
      this.#show();
    });
    this.leg.addEventListener("page-push:navigate", (event) => {
      const { url, catchUp } = event.detail;
      const news = url !== this.pushes?.load();
      this.pushes?.save(url);
      if (!catchUp || news) {
        this.#navigate(url);
      }
    });
    this.leg.addEventListener("page-push:scroll", (event) => {
      const { x, y } = event.detail;
      const root = document.documentElement;
      window.scrollTo({
        left: x * Math.max(0, root.scrollWidth - window.innerWidth),
        top: y * Math.max(0, root.scrollHeight - window.innerHeight),
        behavior: "instant",
      });
    });
    this.leg.addEventListener("page-push:pointer", (event) => this.#pointer(event.detail));
    this.leg.addEventListener("page-push:highlight", (event) => this.#highlight(event.detail.selector));
    this.leg.addEventListener("page-push:error", (event) => {
      this.state.textContent = `Page sharing: ${event.detail.message}`;
    });
    window.addEventListener("scroll", throttle(() => {
      if (this.leading) {
        const root = document.documentElement;
        this.leg.send("page-push", {
          type: "scroll",
          x: fraction(window.scrollX, root.scrollWidth - window.innerWidth),
          y: fraction(window.scrollY, root.scrollHeight - window.innerHeight),
        });
      }
    }, 100), { passive: true });
    document.addEventListener("pointermove", throttle((event) => {
      if (this.leading) {
        const root = document.documentElement;
        this.leg.send("page-push", {
          type: "pointer",
          x: fraction(event.pageX, root.scrollWidth),
          y: fraction(event.pageY, root.scrollHeight),
        });
      }
    }, 50), { passive: true });
  }

  #show() {
    this.leadButton.hidden = this.leading;
    this.state.textContent = this.leading ? "The agent follows the pages you visit" : "";
    this.group.dataset.leading = String(this.leading);
  }

  #navigate(url) {
    if (this.leading) {
      return;
    }
    let target;
    try {
      target = new URL(url, location.href);
    } catch {
      return;
    }
    // The server lets only allowed http(s) origins through; a page never follows anything else anyway.
    if (!["http:", "https:"].includes(target.protocol) || target.href === location.href) {
      return;
    }
    this.state.textContent = `The agent is taking you to ${target.pathname}`;
    this.onFollow?.();
    location.assign(target.href);
  }

  #pointer({ x, y }) {
    if (!this.pointerLayer) {
      return;
    }
    let dot = this.pointerLayer.querySelector(".agent-pointer");
    if (!dot) {
      dot = el("div", "agent-pointer");
      dot.setAttribute("aria-hidden", "true");
      this.pointerLayer.append(dot);
    }
    const root = document.documentElement;
    dot.style.left = `${x * root.scrollWidth}px`;
    dot.style.top = `${y * root.scrollHeight}px`;
  }

  #highlight(selector) {
    let target;
    try {
      target = document.querySelector(selector);
    } catch {
      return;
    }
    if (!target) {
      return;
    }
    const before = target.style.outline;
    target.style.outline = "3px solid #f59e0b";
    target.scrollIntoView({ block: "center", behavior: "smooth" });
    setTimeout(() => (target.style.outline = before), 3000);
  }
}

function fraction(value, total) {
  return total > 0 ? Math.min(1, Math.max(0, value / total)) : 0;
}
