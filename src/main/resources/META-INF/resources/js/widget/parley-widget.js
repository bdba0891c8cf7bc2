// The embeddable widget: a launcher button, a subject picker from the service's subjects, then the
// conversation. It lives in a shadow root, so the host site's styles and Parley's never mix, and it
// keeps the conversation across page loads of the host site (localStorage), reconnecting and
// replaying the transcript on every page.

import { ParleyApi } from "../shared/api.js";
import { el } from "../shared/dom.js";
import { chime } from "../shared/chime.js";
import { RetryKey } from "../shared/idempotency-key.js";
import { subjectWords } from "../shared/subject-words.js";
import { CustomerConversation } from "./customer-conversation.js";
import { startPage } from "./start-page.js";
import { subjectChoice } from "./subject-choice.js";
import { afterMessage, launcherLabel, NOTHING_UNREAD } from "./unread.js";
import { WidgetStore } from "./widget-store.js";

/** Where the widget's panel fills the screen (as in widget.css). */
const PHONE = "(max-width: 480px)";
/** Whether a message to the minimised widget chimes: on unless the customer muted it ("off"). */
const SOUND_KEY = "parley-widget-sound";

class ParleyWidget extends HTMLElement {
  configure({ base, service, label, subject }) {
    this.base = base;
    this.pageServiceId = service;
    this.serviceId = service;
    this.label = label;
    this.fixedSubject = subject;
    this.store = new WidgetStore(base, service);
    // A conversation the customer was invited to by link carries its own visitor token.
    this.api = new ParleyApi(base, () => {
      const token = this.store.conversation?.visitorToken || this.store.visitorToken;
      return token ? `Bearer ${token}` : null;
    });
    // Starting a chat again after it failed on the way (no answer, a server error) resends its key.
    this.startKey = new RetryKey();
  }

  async connectedCallback() {
    if (this.shadowRoot) {
      return;
    }
    const root = this.attachShadow({ mode: "open" });
    const style = el("link");
    style.rel = "stylesheet";
    style.href = `${this.base}css/widget.css`;
    this.launcher = el("button", "launcher");
    this.launcher.type = "button";
    this.launcher.setAttribute("aria-expanded", "false");
    this.launcher.setAttribute("aria-controls", "parley-panel");
    this.launcher.append(chatIcon());
    this.launcherText = el("span", "launcher-text", this.label || "Chat with us");
    // Messages that came while the chat was minimised: how many, and the first words of the last one.
    this.unread = NOTHING_UNREAD;
    this.unreadCount = el("span", "unread-count");
    this.unreadCount.hidden = true;
    this.unreadCount.setAttribute("aria-hidden", "true");
    this.launcher.append(this.launcherText, this.unreadCount);
    this.unreadPreview = el("p", "unread-preview");
    this.unreadPreview.hidden = true;
    this.unreadPreview.setAttribute("aria-hidden", "true");
    this.panel = el("section", "panel");
    this.panel.id = "parley-panel";
    this.panel.hidden = true;
    this.panel.setAttribute("role", "dialog");
    this.header = el("header", "panel-header");
    this.heading = el("h2", "title", "Chat");
    this.heading.id = "parley-title";
    this.panel.setAttribute("aria-labelledby", "parley-title");
    const close = el("button", "close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "Minimise the chat");
    this.sound = el("button", "sound", "♪");
    this.sound.type = "button";
    this.sound.setAttribute("aria-label", "Sound for new messages while minimised");
    this.sound.setAttribute("aria-pressed", String(localStorage.getItem(SOUND_KEY) !== "off"));
    this.sound.addEventListener("click", () => {
      const on = this.sound.getAttribute("aria-pressed") !== "true";
      this.sound.setAttribute("aria-pressed", String(on));
      localStorage.setItem(SOUND_KEY, on ? "on" : "off");
    });
    this.header.append(this.heading, this.sound, close);
    this.body = el("div", "panel-body");
    this.panel.append(this.header, this.body);
    this.pointerLayer = el("div", "pointer-layer");
    root.append(style, this.launcher, this.unreadPreview, this.panel, this.pointerLayer);

    this.launcher.addEventListener("click", () => this.toggle(true));
    close.addEventListener("click", () => this.toggle(false));
    this.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        this.toggle(false);
      }
    });
    await this.#load();
  }

  async #load() {
    // The customer followed the agent here from a conversation with another service (a join page, or a
    // page whose widget names another one): that conversation goes on in this widget.
    const current = WidgetStore.current(this.base);
    if (current && current !== this.serviceId) {
      this.serviceId = current;
      this.store = new WidgetStore(this.base, current);
    }
    if (!(await this.#readService())) {
      return;
    }
    const conversation = this.store.conversation;
    if (conversation?.sessionId) {
      await this.#resume(conversation);
    } else {
      this.#picker();
    }
  }

  async #readService() {
    try {
      this.service = await this.api.get(`api/services/${encodeURIComponent(this.serviceId)}`);
    } catch (error) {
      this.launcher.hidden = true;
      console.error(`Parley: service '${this.serviceId}' is not available: ${error.detail}`);
      return false;
    }
    this.heading.textContent = this.service.name;
    return true;
  }

  /**
   * A new chat: with this page's own service again after a conversation carried on from another one (or
   * back into the page's own conversation, if one was left open meanwhile).
   */
  async #startOver() {
    if (this.serviceId !== this.pageServiceId) {
      this.serviceId = this.pageServiceId;
      this.store = new WidgetStore(this.base, this.pageServiceId);
      if (!(await this.#readService())) {
        return;
      }
      const conversation = this.store.conversation;
      if (conversation?.sessionId) {
        await this.#resume(conversation);
        return;
      }
    }
    this.#picker();
  }

  /** Opens or minimises the panel; focus moves with it only when the customer did it (not on a page load). */
  toggle(open, { moveFocus = true } = {}) {
    this.panel.hidden = !open;
    this.launcher.setAttribute("aria-expanded", String(open));
    this.launcher.classList.toggle("open", open);
    if (this.store.conversation?.sessionId) {
      this.store.update({ open });
    }
    if (open) {
      this.conversation?.chat.markRead();
      this.#showUnread(NOTHING_UNREAD);
    }
    if (!moveFocus) {
      return;
    }
    if (open) {
      (this.conversation || this).focus?.();
      this.body.querySelector("input, button, textarea")?.focus();
    } else {
      this.launcher.focus();
    }
  }

  #picker(error) {
    this.conversation = null;
    const form = el("form", "picker");
    const choice = subjectChoice({ service: this.service, serviceId: this.serviceId, pageServiceId: this.pageServiceId,
      tagSubject: this.fixedSubject });
    const fieldset = el("fieldset");
    fieldset.append(el("legend", null, "What can we help you with?"));
    if (choice.options.length === 0) {
      fieldset.append(el("p", "hint", "An agent will be with you shortly."));
    } else {
      choice.options.forEach((subject) => {
        const option = el("label", "subject");
        const radio = el("input");
        radio.type = "radio";
        radio.name = "subject";
        radio.value = subject;
        radio.required = true;
        radio.checked = subject === choice.preselected;
        option.append(radio, el("span", null, subjectWords(subject)));
        fieldset.append(option);
      });
    }
    const start = el("button", "primary", "Start chat");
    start.type = "submit";
    const problem = el("p", "problem", error || "");
    problem.setAttribute("role", "alert");
    form.append(fieldset, problem, start);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      start.disabled = true;
      const subject = choice.fixed || new FormData(form).get("subject") || undefined;
      // Where the customer asks from: the offer shows the agent the page (start-page.js).
      const request = { service: this.serviceId, subject, page: startPage(location.href, document.title) };
      try {
        const joining = await this.api.post("api/sessions", request, this.startKey.for(request));
        this.startKey.settled();
        if (joining.visitorToken) {
          this.store.visitorToken = joining.visitorToken;
        }
        this.store.update({ sessionId: joining.session.id, open: true, leading: false, pushed: null, consent: {} });
        this.#converse(joining.connection);
        this.conversation.focus();
      } catch (failure) {
        this.startKey.settled(failure);
        problem.textContent = `Sorry, the chat could not start: ${failure.detail}`;
        start.disabled = false;
      }
    });
    this.body.replaceChildren(form);
  }

  /**
   * Back into the conversation after a page load. When Parley cannot be reached or answers with a server
   * error (a restart, a network glitch), the conversation is kept and tried again with back-off; only an
   * answer that the conversation is over (ended, or this customer is no longer in it) forgets it.
   */
  async #resume(conversation, attempt = 0) {
    // What the store says when the answer comes: the customer may have opened the panel meanwhile, or
    // started a new chat instead (then this answer is for a conversation they gave up).
    const current = () => (this.store.conversation?.sessionId === conversation.sessionId ? this.store.conversation
      : null);
    try {
      const joining = await this.api.post(`api/sessions/${conversation.sessionId}/legs`);
      if (!current()) {
        return;
      }
      this.#converse(joining.connection);
      this.toggle(current().open !== false, { moveFocus: false });
    } catch (error) {
      if (!current()) {
        return;
      }
      if (error.status === 0 || error.status >= 500) {
        this.#resumeLater(conversation, attempt, error.detail);
        return;
      }
      this.store.forget();
      await this.#startOver();
    }
  }

  #resumeLater(conversation, attempt, why) {
    const seconds = Math.min(30, 2 ** attempt);
    const waiting = el("div", "resuming");
    const note = el("p", "status", `Reconnecting to your conversation in ${seconds} s… (${why})`);
    note.setAttribute("role", "status");
    const fresh = el("button", "secondary", "Start a new chat instead");
    fresh.type = "button";
    waiting.append(note, fresh);
    this.body.replaceChildren(waiting);
    this.panel.hidden = conversation.open === false;
    this.launcher.setAttribute("aria-expanded", String(!this.panel.hidden));
    const timer = setTimeout(() => this.#resume(conversation, attempt + 1), seconds * 1000);
    fresh.addEventListener("click", () => {
      clearTimeout(timer);
      this.store.forget();
      this.#startOver();
    });
  }

  /** The launcher's count and the preview above it; screen readers hear the count in the launcher's name. */
  #showUnread(unread) {
    this.unread = unread;
    this.unreadCount.hidden = unread.count === 0;
    this.unreadCount.textContent = String(unread.count);
    this.unreadPreview.hidden = unread.count === 0;
    this.unreadPreview.textContent = unread.preview;
    if (unread.count === 0) {
      this.launcher.removeAttribute("aria-label");
    } else {
      this.launcher.setAttribute("aria-label", launcherLabel(this.launcherText.textContent, unread));
    }
  }

  #converse(details) {
    const conversation = el("div", "conversation-root");
    this.body.replaceChildren(conversation);
    this.launcherText.textContent = "Your conversation";
    this.conversation = new CustomerConversation(conversation, {
      api: this.api,
      service: this.service,
      details,
      leading: Boolean(this.store.conversation?.leading),
      pointerLayer: this.pointerLayer,
      isVisible: () => !this.panel.hidden,
      onLeading: (leading) => this.store.update({ leading }),
      pushes: this.store.pushes,
      consent: this.store.consent,
      // On a phone the open panel fills the screen: the page the agent pushes is shown, the chat a tap away.
      onFollow: () => {
        if (window.matchMedia(PHONE).matches) {
          this.store.update({ open: false });
        }
      },
      unsent: {
        load: () => this.store.conversation?.unsent || [],
        save: (entries) => this.store.conversation?.sessionId && this.store.update({ unsent: entries }),
      },
    });
    this.conversation.leg.addEventListener("chat:message", (event) => {
      const unread = afterMessage(this.unread, event.detail, {
        open: !this.panel.hidden, ownLegId: this.conversation?.leg.legId,
      });
      if (unread !== this.unread && this.sound.getAttribute("aria-pressed") === "true") {
        chime();
      }
      this.#showUnread(unread);
    });
    this.conversation.addEventListener("ended", () => {
      this.store.forget();
      this.launcherText.textContent = this.label || "Chat with us";
      const again = el("button", "primary", "Start a new chat");
      again.type = "button";
      again.addEventListener("click", () => this.#startOver());
      conversation.append(again);
    });
  }
}

function chatIcon() {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "22");
  svg.setAttribute("height", "22");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("fill", "currentColor");
  path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z");
  svg.append(path);
  return svg;
}

/** Puts the widget on the page (once). */
export function mount(options) {
  if (!customElements.get("parley-widget")) {
    customElements.define("parley-widget", ParleyWidget);
  }
  if (document.querySelector("parley-widget")) {
    return;
  }
  const widget = document.createElement("parley-widget");
  widget.configure(options);
  if (document.body) {
    document.body.append(widget);
  } else {
    // The tag sits in the head of a page still loading.
    document.addEventListener("DOMContentLoaded", () => document.body.append(widget), { once: true });
  }
}
