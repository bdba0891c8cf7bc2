// The conversation of one leg: the transcript (replayed after a reload or reconnect), the composer,
// the other side's typing, and each own message's delivery state: sending → sent (stored by the
// server) → read (the other side has shown it). Everything from the wire is inserted as text.

import { el } from "./dom.js";
import { charsLeft } from "./char-count.js";
import { moved, repliesFor } from "./reply-picker.js";

const TYPING_IDLE_MS = 2500;
/** The longest message the server takes (ChatMessages.MAX_TEXT). */
const MAX_TEXT = 4000;

/** Who is typing, by role, as a line under the chat says it. */
const TYPIST = { csr: "The agent", supervisor: "The supervisor", customer: "The customer", observer: "An observer" };

export class ChatView {
  /**
   * @param {HTMLElement} root where the view renders
   * @param {import("./leg-connection.js").LegConnection} leg
   * @param {object} options placeholder for the composer; isVisible() tells whether the reader sees it; notes:
   *   offer a "Private note" switch (staff: a note is kept for staff only); replies() the canned replies "/"
   *   suggests ({name, text}[], staff)
   */
  constructor(root, leg, {
    placeholder = "Write a message…", isVisible = () => true, notes = false, replies = () => [],
  } = {}) {
    this.root = root;
    this.notes = notes;
    this.replies = replies;
    this.suggested = [];
    this.highlighted = -1;
    this.leg = leg;
    this.isVisible = isVisible;
    this.bySeq = new Map();
    this.byClientId = new Map();
    this.readUpTo = 0;
    this.sentReadUpTo = 0;
    // The highest sequence number another leg has said it read. A receipt can overtake the ack of the
    // message it covers, so an own message learns it was read as soon as it learns its number.
    this.readByOthersUpTo = 0;
    this.typingTimer = null;
    this.typingSent = false;
    this.#render(placeholder);
    this.#listen();
  }

  #render(placeholder) {
    const id = `composer-${Math.random().toString(36).slice(2, 8)}`;
    // A log region (announced politely) around an ordered list of messages.
    this.scroller = el("div", "chat-log");
    this.scroller.setAttribute("role", "log");
    this.scroller.setAttribute("aria-live", "polite");
    this.scroller.setAttribute("aria-label", "Conversation");
    this.scroller.tabIndex = 0;
    this.log = el("ol", "messages");
    this.scroller.append(this.log);
    this.typing = el("p", "typing");
    this.typing.setAttribute("aria-live", "polite");
    this.form = el("form", "composer");
    const label = el("label", "visually-hidden", "Message");
    label.htmlFor = id;
    this.input = el("textarea");
    this.input.id = id;
    this.input.rows = 1;
    this.input.maxLength = MAX_TEXT;
    this.input.placeholder = placeholder;
    this.input.autocomplete = "off";
    const send = el("button", "send", "Send");
    send.type = "submit";
    // Near the limit, how many characters are left (read out politely, not on every keystroke before that).
    this.charsLeft = el("span", "chars-left");
    this.charsLeft.setAttribute("aria-live", "polite");
    this.input.addEventListener("input", () => {
      this.charsLeft.textContent = charsLeft(this.input.value.length, MAX_TEXT);
    });
    this.form.append(label, this.input, send, this.charsLeft);
    if (this.notes) {
      const noteLabel = el("label", "note-switch");
      this.noteBox = el("input");
      this.noteBox.type = "checkbox";
      noteLabel.append(this.noteBox, document.createTextNode(" Private note (staff only)"));
      this.form.append(noteLabel);
    }
    // Canned replies "/" suggests, above the composer; the input owns the focus (aria-activedescendant).
    this.suggestions = el("ul", "reply-suggestions");
    this.suggestions.id = `${id}-replies`;
    this.suggestions.setAttribute("role", "listbox");
    this.suggestions.setAttribute("aria-label", "Canned replies");
    this.suggestions.hidden = true;
    this.input.setAttribute("aria-controls", this.suggestions.id);
    this.form.prepend(this.suggestions);
    this.root.append(this.scroller, this.typing, this.form);
  }

  /** Shows the canned replies the composer's text asks for (none: hidden). */
  #suggest() {
    this.suggested = repliesFor(this.input.value, this.replies());
    this.highlighted = this.suggested.length ? 0 : -1;
    this.#showSuggestions();
  }

  #showSuggestions() {
    this.suggestions.replaceChildren(...this.suggested.map((reply, index) => {
      const option = el("li", "reply", "");
      option.id = `${this.suggestions.id}-${index}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", String(index === this.highlighted));
      option.append(el("strong", null, `/${reply.name}`), document.createTextNode(` ${reply.text}`));
      // Picked with the pointer without taking the focus from the composer.
      option.addEventListener("mousedown", (event) => {
        event.preventDefault();
        this.#insert(reply);
      });
      return option;
    }));
    this.suggestions.hidden = this.suggested.length === 0;
    if (this.highlighted >= 0) {
      this.input.setAttribute("aria-activedescendant", `${this.suggestions.id}-${this.highlighted}`);
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  /** The reply replaces the "/…" typed; the CSR may still edit it before sending. */
  #insert(reply) {
    this.input.value = reply.text;
    this.suggested = [];
    this.highlighted = -1;
    this.#showSuggestions();
    this.#typing(true);
  }

  #listen() {
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#send();
    });
    this.input.addEventListener("keydown", (event) => {
      if (this.suggested.length && !event.isComposing) {
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          this.highlighted = moved(this.highlighted, event.key === "ArrowDown" ? 1 : -1, this.suggested.length);
          this.#showSuggestions();
          return;
        }
        if (event.key === "Enter" || event.key === "Tab") {
          event.preventDefault();
          this.#insert(this.suggested[this.highlighted]);
          return;
        }
        if (event.key === "Escape") {
          event.preventDefault();
          this.suggested = [];
          this.#showSuggestions();
          return;
        }
      }
      // Enter while an input method composes a word (Japanese, Chinese…) belongs to the composition.
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.#send();
      }
    });
    this.input.addEventListener("input", () => {
      this.#typing(this.input.value.length > 0);
      this.#suggest();
    });
    this.leg.addEventListener("chat:history", (event) => {
      event.detail.messages.forEach((m) => this.#message(m));
      // How far the others had read when this page (re)connected: "Read" outlives a reload.
      const others = Object.entries(event.detail.readMarks || {}).filter(([legId]) => legId !== this.leg.legId);
      if (others.length) {
        this.#read({ seq: Math.max(...others.map(([, seq]) => seq)) });
      }
    });
    this.leg.addEventListener("chat:message", (event) => this.#message(event.detail));
    this.leg.addEventListener("chat:ack", (event) => this.#ack(event.detail));
    this.leg.addEventListener("chat:read", (event) => this.#read(event.detail));
    this.leg.addEventListener("chat:typing", (event) => this.#otherTyping(event.detail));
    this.leg.addEventListener("chat:error", (event) => this.note(`Not sent: ${event.detail.message}`, "error"));
    document.addEventListener("visibilitychange", () => this.markRead());
  }

  focus() {
    this.input.focus();
  }

  /** Adds a line from the system (someone joined, the session ended), with buttons to answer it if any; returns it. */
  note(text, kind = "note", actions = []) {
    const item = el("li", `msg ${kind}`);
    item.append(el("span", "text", text));
    if (actions.length) {
      const answers = el("span", "actions");
      answers.append(...actions);
      item.append(answers);
    }
    this.#append(item);
    return item;
  }

  disable(reason) {
    this.input.disabled = true;
    this.form.querySelector("button").disabled = true;
    this.input.placeholder = reason;
  }

  /** The composer works again, with this placeholder (a supervisor who stops monitoring and whispers). */
  enable(placeholder) {
    this.input.disabled = false;
    this.form.querySelector("button").disabled = false;
    this.input.placeholder = placeholder;
  }

  /** Tells the other side what this reader has seen, when it can be seen. */
  markRead() {
    if (this.readUpTo > this.sentReadUpTo && document.visibilityState === "visible" && this.isVisible()) {
      if (this.leg.send("chat", { type: "read", seq: this.readUpTo })) {
        this.sentReadUpTo = this.readUpTo;
      }
    }
  }

  #send() {
    const text = this.input.value.trim();
    if (!text) {
      return;
    }
    if (text.length > MAX_TEXT) {
      // The server refuses it; it would stay unsent for good.
      this.note(`Not sent: a message holds at most ${MAX_TEXT} characters (this one has ${text.length})`, "error");
      return;
    }
    this.input.value = "";
    this.#typing(false);
    const note = Boolean(this.noteBox?.checked);
    const clientId = this.leg.say(text, { note });
    const item = this.#bubble({ own: true, name: "You", text, at: new Date().toISOString() });
    if (note) {
      this.#mark(item, "private-note", "Note · staff only");
    }
    item.dataset.clientId = clientId;
    this.#delivery(item, "sending");
    this.byClientId.set(clientId, item);
    this.#append(item);
  }

  #message(message) {
    if (this.bySeq.has(message.seq)) {
      return;
    }
    let item = message.clientId ? this.byClientId.get(message.clientId) : null;
    if (item) {
      this.#stored(item, message.seq);
    } else {
      const own = message.legId === this.leg.legId;
      item = this.#bubble({ own, name: own ? "You" : message.name, text: message.text, at: message.at });
      item.dataset.seq = message.seq;
      // Only staff get these; the customer never sees them.
      if (message.coaching) {
        this.#mark(item, "coaching", "Coaching · not seen by the customer");
      } else if (message.note) {
        this.#mark(item, "private-note", "Note · staff only");
      }
      if (own) {
        this.#delivery(item, message.seq <= this.readByOthersUpTo ? "read" : "sent");
      } else {
        this.readUpTo = Math.max(this.readUpTo, message.seq);
        this.typing.textContent = "";
      }
      this.#insertInOrder(item, message.seq);
    }
    this.bySeq.set(message.seq, item);
    this.markRead();
  }

  #ack(ack) {
    const item = this.byClientId.get(ack.clientId);
    if (item) {
      this.#stored(item, ack.seq);
      this.bySeq.set(ack.seq, item);
    }
  }

  /** An own message the server stored under `seq`: sent, or read already if a receipt covered it. */
  #stored(item, seq) {
    item.dataset.seq = seq;
    if (seq <= this.readByOthersUpTo) {
      this.#delivery(item, "read");
    } else if (item.dataset.delivery === "sending") {
      this.#delivery(item, "sent");
    }
  }

  #read(read) {
    this.readByOthersUpTo = Math.max(this.readByOthersUpTo, read.seq);
    for (const [seq, item] of this.bySeq) {
      if (seq <= read.seq && item.classList.contains("own")) {
        this.#delivery(item, "read");
      }
    }
  }

  #otherTyping(typing) {
    this.typing.textContent = typing.typing ? `${TYPIST[typing.role] || "Someone"} is typing…` : "";
  }

  #typing(active) {
    clearTimeout(this.typingTimer);
    if (active !== this.typingSent) {
      this.typingSent = active;
      this.leg.send("chat", { type: "typing", typing: active });
    }
    if (active) {
      this.typingTimer = setTimeout(() => this.#typing(false), TYPING_IDLE_MS);
    }
  }

  #bubble({ own, name, text, at }) {
    const item = el("li", own ? "msg own" : "msg other");
    const meta = el("span", "meta");
    meta.append(el("span", "name", name));
    const time = el("time", "at", new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
    time.dateTime = at;
    meta.append(time);
    const body = el("span", "text", text);
    // Right-to-left text (Arabic, Hebrew) is laid out as written.
    body.dir = "auto";
    item.append(meta, body);
    return item;
  }

  /** Marks a message only staff get (a whisper, a note) as such, in words as well as in colour. */
  #mark(item, kind, words) {
    item.classList.add(kind);
    item.querySelector(".meta").append(el("span", "staff-only-mark", words));
  }

  #delivery(item, state) {
    item.dataset.delivery = state;
    let mark = item.querySelector(".delivery");
    if (!mark) {
      mark = el("span", "delivery");
      item.append(mark);
    }
    mark.textContent = { sending: "Sending…", sent: "Sent", read: "Read" }[state];
  }

  #insertInOrder(item, seq) {
    const later = [...this.log.children].find((child) => Number(child.dataset.seq) > seq);
    if (later) {
      this.log.insertBefore(item, later);
      return;
    }
    this.#append(item);
  }

  #append(item) {
    this.log.append(item);
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}
