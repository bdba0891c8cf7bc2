// One conversation in the console: a tab naming the customer, the page and the time (roster-status.js), the roster
// (roster-view.js), the chat, page push with a preview of the shared page, voice, and conference and transfer
// (handover-form.js). End and Leave ask first while the conversation is live (confirm-step.js).

import { ChatView } from "../shared/chat-view.js";
import { chime } from "../shared/chime.js";
import { el } from "../shared/dom.js";
import { LegConnection } from "../shared/leg-connection.js";
import { subjectWords } from "../shared/subject-words.js";
import { VoiceCall } from "../shared/voice-call.js";
import { CoBrowse } from "./co-browse.js";
import { confirmFirst } from "./confirm-step.js";
import { earlierConversations } from "./earlier-conversations.js";
import { HandoverForm } from "./handover-form.js";
import { soundOn } from "./offer-alerts.js";
import { ACTIVE, tabTitle } from "./roster-status.js";
import { RosterView } from "./roster-view.js";
import { MODES, SupervisionBar } from "./supervision-bar.js";

/** How often a tab's time in the conversation is drawn again. */
const TAB_CLOCK_MS = 15000;

export class SessionTab {
  constructor({ session, details, joinUrl, api, me, service, agents, tablist, panels, onSelect, onClose,
    onUnread = () => {} }) {
    this.session = session;
    this.api = api;
    this.me = me;
    this.service = service || { media: ["chat"], subjects: {}, name: session.service };
    this.agents = agents;
    this.onSelect = onSelect;
    this.onClose = onClose;
    this.onUnread = onUnread;
    this.selected = false;
    this.unread = false;
    this.closed = false;
    this.leg = new LegConnection(details, { refresh: () => this.#rejoin() });
    this.page = null;
    this.#render(tablist, panels);
    this.clock = setInterval(() => this.#showTitle(false), TAB_CLOCK_MS);
    if (joinUrl) {
      this.#showLink(joinUrl);
    }
    this.#listen();
    this.#showRoster(session);
    this.leg.start(["chat", "page-push"]);
  }

  #render(tablist, panels) {
    const id = `session-${this.session.id}`;
    this.tab = el("button", "tab");
    this.tab.type = "button";
    this.tab.id = `${id}-tab`;
    this.tab.setAttribute("role", "tab");
    this.tab.setAttribute("aria-controls", id);
    this.tab.dataset.sessionId = this.session.id;
    this.panel = el("section", "session-panel");
    this.panel.id = id;
    this.panel.dataset.sessionId = this.session.id;
    this.panel.setAttribute("role", "tabpanel");
    this.panel.setAttribute("aria-labelledby", this.tab.id);
    this.panel.hidden = true;

    const head = el("div", "session-head");
    this.heading = el("h3", null, `${this.service.name} · ${subjectWords(this.session.subject) || "no subject"}`);
    this.stateLine = el("p", "session-state");
    this.stateLine.setAttribute("role", "status");
    const leave = el("button", "secondary", "Leave");
    leave.type = "button";
    this.endButton = el("button", "end", "End conversation");
    this.endButton.type = "button";
    head.append(this.heading, this.stateLine, leave, this.endButton);

    this.roster = new RosterView(this.leg, { onPage: (url) => {
      this.page = url;
      this.#showTitle(false);
    } });
    const roster = this.roster.element;
    roster.append(earlierConversations(this.api, this.session.id));

    const chat = el("section", "chat");
    chat.setAttribute("aria-label", "Chat");
    // The service's canned replies, offered after "/" in the composer (none until they have come).
    this.cannedReplies = [];
    this.api.get(`api/services/${encodeURIComponent(this.session.service)}/replies`)
      .then((replies) => (this.cannedReplies = replies)).catch(() => {});
    this.chat = new ChatView(chat, this.leg, {
      isVisible: () => this.selected, notes: true, replies: () => this.cannedReplies,
    });

    const tools = el("section", "session-tools");
    tools.setAttribute("aria-label", "Voice, page push, conference and transfer");
    const voiceBar = el("div", "tools");
    if (this.service.media.includes("voice")) {
      // A call rings with the offers' chime, and not when the agent switched the sound off.
      this.voice = new VoiceCall(this.leg, voiceBar, {
        callLabel: "Start voice", ringTone: () => soundOn(localStorage) && chime(),
      });
    }
    tools.append(voiceBar);
    if (this.service.media.includes("page-push")) {
      this.coBrowse = new CoBrowse(this.leg, tools,
        (legId) => this.session.legs.find((leg) => leg.id === legId)?.name || "The customer");
    }
    this.handover = new HandoverForm({
      id: this.panel.id, api: this.api, session: this.session, service: this.service, me: this.me,
      legId: this.leg.legId, agents: this.agents, note: (text) => this.chat.note(text),
    });
    tools.append(this.handover.element);

    const layout = el("div", "session-layout");
    layout.append(roster, chat, tools);
    this.panel.append(head, layout);
    tablist.append(this.tab);
    panels.append(this.panel);

    this.tab.addEventListener("click", () => this.select(true));
    confirmFirst(leave, { question: () => this.live && "Leave this conversation? It goes on without you.",
      yes: "Leave it", act: () => this.#leave() });
    confirmFirst(this.endButton, { question: () => this.live && "End this conversation for everyone in it?",
      yes: "End it", act: () => this.#end() });
  }

  /** Whether someone besides this agent is still in the conversation: leaving or ending it then cuts them off. */
  get live() {
    return !this.ended && this.session.state !== "ended" && this.session.legs.some((leg) =>
      leg.id !== this.leg.legId && leg.state === "connected" && leg.role !== "supervisor");
  }

  /** The link that brings the invited customer in: to send by e-mail, SMS or the channel at hand. */
  #showLink(url) {
    const box = el("div", "join-link");
    const id = `${this.panel.id}-link`;
    const label = el("label", null, "Send the customer this link");
    label.htmlFor = id;
    const input = el("input");
    input.id = id;
    input.readOnly = true;
    input.value = url;
    const copy = el("button", "secondary", "Copy");
    copy.type = "button";
    copy.addEventListener("click", async () => {
      input.select();
      try {
        await navigator.clipboard.writeText(url);
        copy.textContent = "Copied";
      } catch {
        copy.textContent = "Select and copy";
      }
    });
    box.append(label, input, copy);
    this.panel.querySelector(".session-head").after(box);
  }

  #listen() {
    this.leg.addEventListener("chat:message", (event) => {
      if (!this.selected && event.detail.legId !== this.leg.legId) {
        this.unread = true;
        this.#showTitle();
      }
    });
    this.leg.addEventListener("control:roster", (event) => this.#showRoster(event.detail.session));
    this.leg.addEventListener("control:transfer", (event) => this.handover.transfer(event.detail));
    this.leg.addEventListener("control:handover", (event) => this.handover.handoverEnded(event.detail));
    this.leg.addEventListener("control:session-ended", (event) => this.#ended(event.detail.reason));
  }

  select(focus = false) {
    this.selected = true;
    this.onSelect(this);
    this.tab.setAttribute("aria-selected", "true");
    this.tab.tabIndex = 0;
    this.panel.hidden = false;
    this.unread = false;
    this.#showTitle();
    this.chat.markRead();
    if (focus) {
      this.tab.focus();
    }
  }

  deselect() {
    this.selected = false;
    this.tab.setAttribute("aria-selected", "false");
    this.tab.tabIndex = -1;
    this.panel.hidden = true;
  }

  /**
   * The tab: the customer's name or reference, then the subject, the page they are on and the time in the
   * conversation; "new" while messages arrived that the agent has not seen.
   */
  #showTitle(unreadChanged = true) {
    const { name, detail } = tabTitle(this.session, { serviceName: this.service.name,
      subjectName: subjectWords(this.session.subject), page: this.page, now: Date.now() });
    this.tab.replaceChildren(el("span", "tab-name", name), el("span", "tab-detail", detail));
    this.tab.classList.toggle("unread", this.unread);
    if (this.unread) {
      this.tab.append(el("span", "unread-mark", "new"));
    }
    if (unreadChanged) {
      this.onUnread();
    }
  }

  /** A supervisor's leg shows how it is in, and the composer follows; one who took over is an agent now. */
  #showSupervision(mine) {
    if (mine?.role === "supervisor") {
      if (!this.supervision) {
        this.supervision = new SupervisionBar({
          api: this.api, sessionId: this.session.id, allowed: this.service.allowed?.supervision || [],
          onMode: (mode) => (mode === "monitor" ? this.chat.disable(MODES.monitor.composer)
            : this.chat.enable(MODES[mode].composer)),
        });
        this.panel.querySelector(".session-head").after(this.supervision.element);
      }
      this.supervision.show(mine);
    } else if (this.supervision && mine) {
      this.supervision.element.remove();
      this.supervision = null;
      this.chat.enable("Write a message…");
    }
  }

  #showRoster(session) {
    if (session.version < (this.session.version || 0)) {
      return;
    }
    this.session = session;
    this.#showTitle();
    this.stateLine.textContent = session.state === "waiting" && session.queue
      ? `Waiting: ${session.queue.purpose} (${subjectWords(session.queue.subject) || "any"})`
      : `State: ${session.state}`;
    this.panel.dataset.state = session.state;
    this.roster.show(session);
    this.handover?.roster(session);
    this.voice?.roster(session, this.leg.legId);
    const mine = session.legs.find((leg) => leg.id === this.leg.legId);
    this.#showSupervision(mine);
    if (session.state === "ended") {
      this.#ended(session.endReason);
    } else if (mine && !ACTIVE.includes(mine.state)) {
      // Transferred away or removed: this conversation is no longer ours.
      this.close();
    }
  }

  async #rejoin() {
    const session = await this.api.get(`api/sessions/${this.session.id}`);
    const mine = session.legs.find((leg) => leg.id === this.leg.legId);
    if (session.state === "ended" || !mine || !ACTIVE.includes(mine.state)) {
      throw Object.assign(new Error("no longer in the conversation"), { status: 410, detail: "left" });
    }
    return (await this.api.post(`api/sessions/${this.session.id}/legs`)).connection;
  }

  async #leave() {
    this.leg.leave();
    this.close();
  }

  async #end() {
    // One End at a time; the server answers a second one as the first (the conversation had ended), not as an error.
    this.endButton.disabled = true;
    try {
      await this.api.post(`api/sessions/${this.session.id}/end`);
    } catch (error) {
      this.stateLine.textContent = `Could not end: ${error.detail}`;
      this.endButton.disabled = this.ended;
    }
  }

  #ended(reason) {
    if (this.ended) {
      return;
    }
    this.ended = true;
    this.#showTitle(false);
    this.leg.close();
    this.voice?.end();
    // Nothing is left to do in an ended conversation but read it and close its tab.
    this.panel.querySelectorAll(".session-tools button, .session-tools input, .session-tools select, "
      + ".session-head button").forEach((control) => (control.disabled = true));
    this.stateLine.textContent = `Ended${reason ? `: ${reason}` : ""}`;
    this.chat.note("The conversation has ended.");
    this.chat.disable("This conversation has ended");
    const close = el("button", "secondary", "Close tab");
    close.type = "button";
    close.addEventListener("click", () => this.close());
    this.panel.querySelector(".session-head").append(close);
  }

  close() {
    if (this.closed) {
      return;
    }
    this.closed = true;
    clearInterval(this.clock);
    this.roster.stop();
    this.leg.close();
    this.voice?.stop();
    this.tab.remove();
    this.panel.remove();
    this.onClose(this);
  }
}
