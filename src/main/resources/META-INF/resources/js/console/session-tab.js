// One conversation in the console: a tab with the roster (every leg's state and channel states, from
// the leg messages), the chat, page push with a preview of the shared page, voice, and conference and
// transfer to a named CSR or to whoever fits a subject, with their progress, and calling either off.

import { ChatView, el } from "../shared/chat-view.js";
import { LegConnection } from "../shared/leg-connection.js";
import { VoiceCall } from "../shared/voice-call.js";
import { CoBrowse } from "./co-browse.js";
import { earlierConversations } from "./earlier-conversations.js";

const ACTIVE = ["invited", "joining", "connected"];

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
    this.#render(tablist, panels);
    if (joinUrl) {
      this.#showLink(joinUrl);
    }
    this.#listen();
    this.#showRoster(session);
    this.leg.start(["chat", "page-push"]);
  }

  #render(tablist, panels) {
    const id = `session-${this.session.id}`;
    this.tab = el("button", "tab", this.#title(this.session));
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
    this.heading = el("h3", null, `${this.service.name} · ${this.session.subject || "no subject"}`);
    this.stateLine = el("p", "session-state");
    this.stateLine.setAttribute("role", "status");
    const leave = el("button", "secondary", "Leave");
    leave.type = "button";
    const end = el("button", "end", "End conversation");
    end.type = "button";
    head.append(this.heading, this.stateLine, leave, end);

    const roster = el("section", "roster");
    roster.setAttribute("aria-label", "Who is in the conversation");
    roster.append(el("h4", null, "Participants"));
    this.rosterList = el("ul", "legs");
    roster.append(this.rosterList);
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
      this.voice = new VoiceCall(this.leg, voiceBar, { callLabel: "Start voice" });
    }
    tools.append(voiceBar);
    if (this.service.media.includes("page-push")) {
      this.coBrowse = new CoBrowse(this.leg, tools,
        (legId) => this.session.legs.find((leg) => leg.id === legId)?.name || "The customer");
    }
    tools.append(this.#handoverForm());

    const layout = el("div", "session-layout");
    layout.append(roster, chat, tools);
    this.panel.append(head, layout);
    tablist.append(this.tab);
    panels.append(this.panel);

    this.tab.addEventListener("click", () => this.select(true));
    leave.addEventListener("click", () => this.#leave());
    end.addEventListener("click", () => this.#end());
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

  #handoverForm() {
    const form = el("form", "handover");
    const id = this.panel.id;
    form.append(el("h4", null, "Conference or transfer"));
    const targetLabel = el("label", null, "To");
    targetLabel.htmlFor = `${id}-target`;
    this.target = el("select");
    this.target.id = `${id}-target`;
    this.people = el("optgroup");
    this.people.label = "Agents";
    this.#listAgents(this.agents);
    // Who is available changes all the time: the list is read again whenever the agent goes to it.
    const refresh = () => this.api.get("api/agents").then((agents) => this.#listAgents(agents)).catch(() => {});
    this.target.addEventListener("focus", refresh);
    this.target.addEventListener("mousedown", refresh);
    const subjects = el("optgroup");
    subjects.label = "Whoever fits a subject";
    Object.keys(this.service.subjects || {}).forEach((subject) => {
      const option = el("option", null, `Subject: ${subject}`);
      option.value = `subject:${subject}`;
      subjects.append(option);
    });
    this.target.append(this.people, subjects);
    const modeLabel = el("label", null, "Transfer mode");
    modeLabel.htmlFor = `${id}-mode`;
    this.mode = el("select");
    this.mode.id = `${id}-mode`;
    [["cold", "cold (you leave once they join)"], ["warm", "warm (you stay until you leave)"]]
      .forEach(([value, text]) => {
        const option = el("option", null, text);
        option.value = value;
        this.mode.append(option);
      });
    const conference = el("button", "secondary", "Conference");
    conference.type = "button";
    const transfer = el("button", "secondary", "Transfer");
    transfer.type = "button";
    // Shown while a conference or transfer is under way: the wait for a subject, or a second agent not yet in.
    this.callOff = el("button", "secondary", "Call off");
    this.callOff.type = "button";
    this.callOff.hidden = true;
    this.progress = el("p", "handover-progress");
    this.progress.setAttribute("role", "status");
    form.append(targetLabel, this.target, modeLabel, this.mode, conference, transfer, this.callOff, this.progress);
    // What the service allows (GET /api/services/{id}: allowed.conference, allowed.transfer).
    const allow = this.service.allowed || {};
    this.handoverButtons = [[conference, allow.conference !== false], [transfer, allow.transfer !== false]];
    conference.addEventListener("click", () => this.#handover("conference"));
    transfer.addEventListener("click", () => this.#handover("transfer"));
    this.callOff.addEventListener("click", () => this.#callOff());
    this.#showHandoverTools(this.session);
    return form;
  }

  /**
   * What is under way to bring a second agent in: "transfer", "conference", or null. A second agent is one
   * invited after the first agent still in (as the server decides what Call off lets go), never this one.
   */
  #underWay(session) {
    if (session.queue && session.queue.purpose !== "serve") {
      return session.queue.purpose;
    }
    const csrs = (session.legs || []).filter((leg) => leg.role === "csr" && ACTIVE.includes(leg.state));
    if (session.transfer) {
      return csrs.some((leg) => leg.id === session.transfer.fromLegId) ? "transfer" : null;
    }
    return csrs.slice(1).some((leg) => leg.state === "invited" && leg.id !== this.leg.legId) ? "conference" : null;
  }

  /** Conference and transfer while nothing is under way (and the service allows them); Call off while it is. */
  #showHandoverTools(session) {
    const underWay = this.#underWay(session);
    const ended = session.state === "ended";
    this.handoverButtons.forEach(([button, allowed]) => {
      button.disabled = !allowed || ended || underWay !== null;
    });
    this.callOff.hidden = ended || underWay === null;
    // A wait for a named agent that is over without a word from the control channel (someone else called
    // it off, or the agent joined): the progress says how it ended instead of still waiting.
    if (underWay === null && this.awaiting && this.progress.textContent === this.awaiting.text) {
      const joined = session.legs.some((leg) => leg.name === this.awaiting.to && leg.state === "connected");
      this.progress.textContent = joined ? `${this.awaiting.what}: ${this.awaiting.to} joined.`
        : `${this.awaiting.what} with ${this.awaiting.to} did not go ahead.`;
    }
    if (underWay === null) {
      this.awaiting = null;
    }
  }

  /** The other agents, with the state each is in, keeping the one chosen. */
  #listAgents(agents) {
    this.agents = agents;
    const chosen = this.target.value;
    this.people.replaceChildren(...agents.filter((agent) => agent.id !== this.me).map((agent) => {
      const option = el("option", null, `${agent.name} (${agent.state.replace("-", " ")})`);
      option.value = `csr:${agent.id}`;
      return option;
    }));
    if (chosen) {
      this.target.value = chosen;
    }
    if (this.target.selectedIndex === -1) {
      // The one chosen is no longer listed: the first one is, rather than nothing.
      this.target.selectedIndex = 0;
    }
  }

  #listen() {
    this.leg.addEventListener("chat:message", (event) => {
      if (!this.selected && event.detail.legId !== this.leg.legId) {
        this.unread = true;
        this.#showTitle();
      }
    });
    this.leg.addEventListener("control:roster", (event) => this.#showRoster(event.detail.session));
    this.leg.addEventListener("control:transfer", (event) => this.#transfer(event.detail));
    this.leg.addEventListener("control:handover", (event) => this.#handoverEnded(event.detail));
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

  /** The tab's name, and "new" while messages arrived that the agent has not seen. */
  #showTitle() {
    this.tab.textContent = this.#title(this.session);
    this.tab.classList.toggle("unread", this.unread);
    if (this.unread) {
      this.tab.append(el("span", "unread-mark", "new"));
    }
    this.onUnread();
  }

  #title(session) {
    const customer = session.legs.find((leg) => leg.role === "customer");
    const who = !customer ? "no customer"
      : customer.label || `customer ${customer.endpoint.id.replace(/^v-/, "").slice(0, 6)}`;
    return `${session.subject || session.service} · ${who}`;
  }

  #showRoster(session) {
    if (session.version < (this.session.version || 0)) {
      return;
    }
    this.session = session;
    this.#showTitle();
    this.stateLine.textContent = session.state === "waiting" && session.queue
      ? `Waiting: ${session.queue.purpose} (${session.queue.subject || "any"})` : `State: ${session.state}`;
    this.panel.dataset.state = session.state;
    this.rosterList.replaceChildren(...session.legs.filter((leg) => ACTIVE.includes(leg.state)).map((leg) => {
      const item = el("li", "leg");
      item.dataset.legId = leg.id;
      item.dataset.state = leg.state;
      const who = el("span", "who", `${leg.name}${leg.id === this.leg.legId ? " (you)" : ""}`);
      const role = el("span", "role", `${leg.role} · ${leg.state}`);
      const channels = el("span", "channels");
      Object.entries(leg.channels || {}).forEach(([channel, state]) => {
        const badge = el("span", `channel ${state}`, `${channel}: ${state}`);
        badge.dataset.channel = channel;
        channels.append(badge);
      });
      item.append(who, role, channels);
      return item;
    }));
    if (session.queue && session.queue.purpose !== "serve") {
      const offered = (session.queue.offers || []).map((offer) => this.#agentName(offer.csr));
      this.progress.textContent = `${session.queue.purpose === "transfer" ? "Transfer" : "Conference"}: looking for `
        + `${session.queue.subject} — ${offered.length ? `offered to ${offered.join(", ")}` : "nobody free yet"}`;
    }
    this.#showHandoverTools(session);
    this.voice?.roster(session, this.leg.legId);
    const mine = session.legs.find((leg) => leg.id === this.leg.legId);
    if (session.state === "ended") {
      this.#ended(session.endReason);
    } else if (mine && !ACTIVE.includes(mine.state)) {
      // Transferred away or removed: this conversation is no longer ours.
      this.close();
    }
  }

  /** An agent's name for an endpoint reference such as csr:bob (the reference when the agent is not listed). */
  #agentName(ref) {
    return this.agents.find((agent) => `csr:${agent.id}` === ref)?.name || ref;
  }

  #transfer(transfer) {
    const calledOff = transfer.state === "failed" && transfer.reason?.startsWith("called off");
    const text = {
      started: "Transfer started: waiting for the other agent to connect…",
      completed: "Transfer completed.",
      failed: calledOff ? `Transfer ${transfer.reason}.` : `Transfer failed: ${transfer.reason || "no reason given"}`,
    }[transfer.state];
    this.progress.textContent = text || transfer.state;
    this.chat.note(text || transfer.state);
  }

  /**
   * A wait for whoever fits a subject is over: answered (the agent is on the way), timed out, called off,
   * abandoned (the customer left) or cancelled for another reason (the conversation ended).
   */
  #handoverEnded(handover) {
    const what = handover.purpose === "transfer" ? "Transfer" : "Conference";
    const calledOff = handover.outcome === "cancelled" && handover.reason?.startsWith("called off");
    const text = {
      answered: `${what}: an agent for ${handover.subject} accepted and is joining…`,
      "timed-out": `${what}: nobody for ${handover.subject} answered in time; the conversation stays with you.`,
      abandoned: `${what} to ${handover.subject} stopped: the customer left.`,
    }[handover.outcome] || (calledOff ? `${what} to ${handover.subject} ${handover.reason}.`
      : `${what} to ${handover.subject} stopped: ${handover.reason}.`);
    this.progress.textContent = text;
    if (handover.outcome !== "answered") {
      this.chat.note(text);
    }
  }

  async #callOff() {
    const what = this.#underWay(this.session) === "transfer" ? "Transfer" : "Conference";
    const before = this.progress.textContent;
    try {
      await this.api.delete(`api/sessions/${this.session.id}/handover`);
      // The control channel tells a called-off wait or transfer; an invitation let go is said here.
      if (this.progress.textContent === before) {
        this.progress.textContent = `${what} called off.`;
      }
    } catch (error) {
      this.progress.textContent = `Could not call off: ${error.detail}`;
    }
  }

  async #handover(kind) {
    const [type, value] = this.target.value.split(/:(.*)/s);
    const body = type === "subject" ? { subject: value } : { to: { kind: "csr", id: value } };
    if (kind === "transfer") {
      body.mode = this.mode.value;
    }
    const what = kind === "transfer" ? "Transfer" : "Conference";
    const to = this.target.selectedOptions[0]?.textContent.replace(/ \(.*\)$/, "").replace(/^Subject: /, "") || value;
    this.progress.textContent = `${what}: asking…`;
    const before = this.progress.textContent;
    try {
      await this.api.post(`api/sessions/${this.session.id}/${kind}`, body);
      // The roster may already have told more (offered to whom, started): that stays.
      if (this.progress.textContent === before) {
        this.progress.textContent = type === "subject" ? `${what}: looking for whoever fits ${to}…`
          : `${what}: waiting for ${to} to join…`;
        if (type !== "subject") {
          // The next roster tells how it ends (one already here may be from before the invitation).
          this.awaiting = { what, to, text: this.progress.textContent };
        }
      }
    } catch (error) {
      this.progress.textContent = `${kind === "transfer" ? "Transfer" : "Conference"} refused: ${error.detail}`;
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
    try {
      await this.api.post(`api/sessions/${this.session.id}/end`);
    } catch (error) {
      this.stateLine.textContent = `Could not end: ${error.detail}`;
    }
  }

  #ended(reason) {
    if (this.ended) {
      return;
    }
    this.ended = true;
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
    this.leg.close();
    this.voice?.stop();
    this.tab.remove();
    this.panel.remove();
    this.onClose(this);
  }
}
