// Follow-me page push on the customer's page, with the customer in control. While an agent leads, this page goes
// where the agent sends it, scrolls with the agent and shows the agent's pointer on the element pointed at. A push
// arrives as a line in the chat ("Alice Martin shows you: Grinders"); when the customer has changed a field of this
// page, the line asks first ("Go there" / "Stay here") instead of throwing the page away. The customer can take the
// lead ("Show the agent my page"; the agent then follows this page) and stop sharing at any time ("Stop sharing":
// no agent's push is followed, the server refuses them too, until "Share my page again"). An agent who joins later
// (a transfer, a conference) is not shared with until the customer says so when asked. Positions travel as
// fractions of an element's box (or of the page), so different window sizes line up. A page that connects while
// the agent leads is told the agent's page (a catch-up): it goes there only when that push is news to this
// conversation, so a customer who wandered off is not pulled back on every page. The rules are in page-sharing.js
// and form-changes.js.

import { el } from "../shared/dom.js";
import { pointerAt, pointerSpot } from "../shared/page-point.js";
import { throttle } from "../shared/throttle.js";
import { changedFields } from "./form-changes.js";
import { agentsToAsk, pageName, pushDecision, pushLine, sharingLine } from "./page-sharing.js";

/** How long a new agent waits before the customer is asked: the server's word on the first agent comes first. */
const ASK_AFTER_MS = 1500;

export class PageFollower {
  /**
   * @param options leading, onLeading(bool), pointerLayer, onFollow() just before this page follows a push,
   *   pushes: where the last page the agent pushed is kept across page loads ({ load() → url, save(url) }),
   *   consent: where the customer's choices outlive the page ({ load() → { stopped, declined, arriving },
   *   save(changes) }), chat (the ChatView the lines go to), nameOf(legId) → an agent's name,
   *   fields() → the page's form fields (those of the conversation itself left out)
   */
  constructor(leg, toolbar, options) {
    this.leg = leg;
    this.options = options;
    this.leading = Boolean(options.leading);
    this.pushes = options.pushes;
    this.consent = options.consent || memory();
    this.chat = options.chat;
    this.nameOf = options.nameOf || (() => "The agent");
    this.pointerLayer = options.pointerLayer;
    this.sharing = null;
    this.present = [];
    this.group = el("div", "page-push");
    this.state = el("span", "page-push-state", "");
    this.state.setAttribute("aria-live", "polite");
    this.leadButton = button("secondary", "Show the agent my page");
    this.stopButton = button("secondary stop-sharing", "Stop sharing");
    this.shareButton = button("secondary", "Share my page again");
    this.group.append(this.leadButton, this.stopButton, this.shareButton, this.state);
    toolbar.append(this.group);
    this.#listen();
    this.#announceArrival();
    this.#show();
  }

  /** The agents the customer sees connected now (from the roster): one the page is not shared with is asked about. */
  agents(connected) {
    this.present = connected.map((leg) => ({ id: leg.id, name: leg.name }));
    this.#show();
    this.#askLater();
  }

  get stopped() {
    return Boolean(this.consent.load().stopped);
  }

  #listen() {
    this.leadButton.addEventListener("click", () => {
      if (this.stopped) {
        this.#share();
      }
      // Kept at once: a page left right after the click asks for the lead again when the next one connects.
      if (this.leg.send("page-push", { type: "lead" })) {
        this.options.onLeading?.(true);
      }
    });
    this.stopButton.addEventListener("click", () => this.#stop());
    this.shareButton.addEventListener("click", () => this.#share());
    this.leg.addEventListener("page-push:ready", () => {
      // The customer's word holds across page loads, also on a server that has forgotten it, and also when it was
      // given while this page's page push was still connecting (the server told its sharing before ready).
      if (this.stopped) {
        this.leg.send("page-push", { type: "stop" });
        return;
      }
      if (this.sharing?.stopped) {
        this.leg.send("page-push", { type: "share" });
      }
      if (this.leading) {
        this.leg.send("page-push", { type: "lead" });
      }
    });
    this.leg.addEventListener("page-push:sharing", (event) => {
      this.sharing = event.detail;
      this.#show();
      this.#askLater();
    });
    this.leg.addEventListener("page-push:leader", (event) => {
      const leading = event.detail.legId === this.leg.legId;
      if (leading) {
        // The agent now follows this page: tell it where we are.
        this.leg.send("page-push", { type: "navigate", url: location.href });
      }
      this.leading = leading;
      this.options.onLeading?.(leading);
      this.#show();
    });
    this.leg.addEventListener("page-push:navigate", (event) => this.#pushed(event.detail));
    this.leg.addEventListener("page-push:scroll", (event) => {
      if (this.stopped) {
        return;
      }
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
        const page = {
          scrollWidth: root.scrollWidth, scrollHeight: root.scrollHeight,
          scrollX: window.scrollX, scrollY: window.scrollY,
        };
        this.leg.send("page-push", { type: "pointer", ...pointerAt(event.target, event.clientX, event.clientY, page) });
      }
    }, 50), { passive: true });
  }

  #stop() {
    this.consent.save({ stopped: true, arriving: null });
    this.leg.send("page-push", { type: "stop" });
    this.leading = false;
    this.options.onLeading?.(false);
    this.asking?.remove();
    this.chat?.note("You stopped sharing your page. Agents cannot show you pages or see yours.");
    this.#show();
  }

  #share() {
    this.consent.save({ stopped: false });
    this.leg.send("page-push", { type: "share" });
    this.#show();
  }

  #show() {
    const stopped = this.stopped || Boolean(this.sharing?.stopped);
    this.leadButton.hidden = this.leading;
    this.stopButton.hidden = stopped;
    this.shareButton.hidden = !stopped;
    const names = (legId) => this.present.find((agent) => agent.id === legId)?.name || this.nameOf(legId);
    this.state.textContent = this.leading ? "The agent follows the pages you visit"
      : stopped ? "Page sharing is off" : sharingLine(this.sharing, names);
    this.group.dataset.leading = String(this.leading);
    this.group.dataset.sharing = stopped ? "stopped" : "on";
  }

  /** An agent pushed a page: followed, asked about first, or left (see pushDecision). */
  #pushed({ url, catchUp, legId }) {
    const news = url !== this.pushes?.load();
    this.pushes?.save(url);
    let target;
    try {
      target = new URL(url, location.href);
    } catch {
      return;
    }
    // The server lets only allowed http(s) origins through; a page never follows anything else anyway.
    if (!["http:", "https:"].includes(target.protocol)) {
      return;
    }
    const fields = this.options.fields?.() ?? [];
    const decision = pushDecision({
      leading: this.leading, stopped: this.stopped, catchUp, news, samePage: target.href === location.href,
      changed: changedFields(fields).length > 0,
    });
    const agent = this.nameOf(legId);
    if (decision === "follow") {
      this.#go(target, agent);
    } else if (decision === "ask") {
      this.#ask(target, agent);
    }
  }

  /** The customer changed something on this page: the push asks in the chat before the page is left. */
  #ask(target, agent) {
    this.asking?.remove();
    const go = button("primary", "Go there");
    const stay = button("secondary", "Stay here");
    const line = this.chat?.note(pushLine(agent, pageName(target.href), { asking: true }), "note push-ask",
      [go, stay]);
    this.asking = line;
    this.state.textContent = `${agent} wants to show you another page`;
    go.addEventListener("click", () => {
      line?.remove();
      this.#go(target, agent);
    });
    stay.addEventListener("click", () => {
      line?.remove();
      this.leg.send("page-push", { type: "stay" });
      this.chat?.note("You stayed on this page.");
      this.#show();
    });
    if (!line) {
      // Without a chat to ask in, the page stays: nothing the customer typed is thrown away.
      this.state.textContent = `${agent} wants to show you ${target.href}`;
    }
  }

  #go(target, agent) {
    const here = new URL(location.href);
    if (target.origin === here.origin && target.pathname === here.pathname && target.search === here.search) {
      // Only the anchor differs: the page stays, and scrolls there.
      this.chat?.note(pushLine(agent, pageName(target.href)));
      location.assign(target.href);
      return;
    }
    this.consent.save({ arriving: { url: target.href, by: agent } });
    this.state.textContent = `${agent} is taking you to ${pageName(target.href)}`;
    this.options.onFollow?.();
    location.assign(target.href);
  }

  /** On the page a push brought the customer to, the chat says so, after the conversation so far. */
  #announceArrival() {
    const arriving = this.consent.load().arriving;
    if (!arriving) {
      return;
    }
    this.consent.save({ arriving: null });
    if (arriving.url !== location.href || !this.chat) {
      return;
    }
    const announce = (event) => {
      if (!event.detail?.more) {
        this.leg.removeEventListener("chat:history", announce);
        this.chat.note(pushLine(arriving.by, pageName(location.href, document.title)), "note push-line");
      }
    };
    this.leg.addEventListener("chat:history", announce);
  }

  /** Asks about an agent the page is not shared with, once the server has said whom it is shared with. */
  #askLater() {
    clearTimeout(this.askTimer);
    this.askTimer = setTimeout(() => this.#askAboutAgents(), ASK_AFTER_MS);
  }

  #askAboutAgents() {
    const declined = this.consent.load().declined || [];
    const [agent] = agentsToAsk(this.sharing, this.present, declined);
    if (!agent || !this.chat || this.askingAbout === agent.id) {
      return;
    }
    this.askingAbout = agent.id;
    const share = button("primary", "Share my page");
    const notNow = button("secondary", "Not now");
    const line = this.chat.note(`Share your page with ${agent.name} too? They could show you pages of this site `
      + "and see the page you are on.", "note share-ask", [share, notNow]);
    const done = () => {
      line.remove();
      this.askingAbout = null;
    };
    share.addEventListener("click", () => {
      done();
      this.#share();
    });
    notNow.addEventListener("click", () => {
      done();
      this.consent.save({ declined: [...declined, agent.id] });
      this.chat.note(`${agent.name} cannot show you pages or see yours.`);
    });
  }

  #pointer(pointer) {
    if (!this.pointerLayer || this.stopped) {
      return;
    }
    let dot = this.pointerLayer.querySelector(".agent-pointer");
    if (!dot) {
      dot = el("div", "agent-pointer");
      dot.setAttribute("aria-hidden", "true");
      this.pointerLayer.append(dot);
    }
    const spot = pointerSpot(pointer, document, window);
    dot.style.left = `${spot.left}px`;
    dot.style.top = `${spot.top}px`;
  }

  #highlight(selector) {
    if (this.stopped) {
      return;
    }
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

function button(className, text) {
  const element = el("button", className, text);
  element.type = "button";
  return element;
}

/** Choices kept for this page only (no store given). */
function memory() {
  let kept = {};
  return { load: () => kept, save: (changes) => (kept = { ...kept, ...changes }) };
}

function fraction(value, total) {
  return total > 0 ? Math.min(1, Math.max(0, value / total)) : 0;
}
