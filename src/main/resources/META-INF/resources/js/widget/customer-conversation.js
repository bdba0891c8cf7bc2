// The customer's side of one conversation, used by the widget and by the join page: who is there
// (from the roster), the place in the queue while waiting, the chat, and the voice and page-push
// controls when the service offers them.

import { ChatView } from "../shared/chat-view.js";
import { el } from "../shared/dom.js";
import { LegConnection } from "../shared/leg-connection.js";
import { VoiceCall } from "../shared/voice-call.js";
import { PageFollower } from "./page-follower.js";
import { ratingPrompt } from "./rating-prompt.js";

export class CustomerConversation extends EventTarget {
  /**
   * @param {HTMLElement} root where the conversation renders
   * @param {object} options api, service (as GET /api/services/{id} answers), details (connection
   *   details), lastSeq, leading (this page leads page push), isVisible, onSeen(lastSeq), onLeading(bool),
   *   unsent (where messages not yet acknowledged outlive the page), onFollow() (a push takes the page along),
   *   pushes (where the last page the agent pushed outlives the page: { load() → url, save(url) }),
   *   consent (where the customer's page-sharing choices outlive the page: { load() → object, save(changes) })
   */
  constructor(root, options) {
    super();
    this.root = root;
    this.options = options;
    this.csrs = new Map();
    this.ended = false;
    const { api, details } = options;
    this.leg = new LegConnection(details, {
      lastSeq: 0,
      refresh: async () => (await api.post(`api/sessions/${details.sessionId}/legs`)).connection,
      unsent: options.unsent,
    });
    this.#render();
    this.#listen();
    this.leg.start(["chat", "page-push"]);
  }

  #render() {
    const media = this.options.service.media || [];
    this.status = el("p", "status", "Connecting…");
    this.status.setAttribute("role", "status");
    this.queue = el("p", "queue");
    this.queue.hidden = true;
    this.queue.setAttribute("aria-live", "polite");
    const conversation = el("div", "conversation");
    this.chat = new ChatView(conversation, this.leg, { isVisible: this.options.isVisible });
    this.tools = el("div", "tools");
    this.tools.setAttribute("role", "toolbar");
    this.tools.setAttribute("aria-label", "Call and screen tools");
    if (media.includes("voice")) {
      this.voice = new VoiceCall(this.leg, this.tools, { callLabel: "Call the agent" });
    }
    if (media.includes("page-push")) {
      this.follower = new PageFollower(this.leg, this.tools, {
        leading: this.options.leading,
        pointerLayer: this.options.pointerLayer,
        onLeading: (leading) => this.options.onLeading?.(leading),
        onFollow: () => this.options.onFollow?.(),
        pushes: this.options.pushes,
        consent: this.options.consent,
        chat: this.chat,
        nameOf: (legId) => this.csrs.get(legId)?.name || "The agent",
        // The page's own fields: the conversation's composer (on the join page, in the document) is not one.
        fields: () => [...document.querySelectorAll("input, textarea, select")]
          .filter((field) => !this.root.contains(field)),
      });
    }
    this.endButton = el("button", "end", "End chat");
    this.endButton.type = "button";
    this.tools.append(this.endButton);
    this.root.append(this.status, this.queue, conversation, this.tools);
  }

  #listen() {
    this.leg.addEventListener("control:roster", (event) => this.#roster(event.detail.session));
    this.leg.addEventListener("control:queue", (event) => this.#queue(event.detail));
    this.leg.addEventListener("control:transfer", (event) => this.#transfer(event.detail));
    this.leg.addEventListener("control:session-ended", (event) => this.#ended(event.detail.reason));
    this.leg.addEventListener("control:leg-ended", (event) => this.#legEnded(event.detail));
    this.leg.addEventListener("chat:message", () => this.options.onSeen?.(this.leg.lastSeq));
    this.leg.addEventListener("chat:history", () => this.options.onSeen?.(this.leg.lastSeq));
    this.leg.addEventListener("channel-state", (event) => {
      if (event.detail.channel === "control" && event.detail.state === "connecting" && !this.ended) {
        this.status.textContent = "Reconnecting…";
      }
    });
    this.endButton.addEventListener("click", () => {
      this.leg.leave();
      this.#ended("you ended the chat");
    });
  }

  focus() {
    this.chat.focus();
  }

  #roster(session) {
    if (session.state === "ended") {
      this.#ended(session.endReason);
      return;
    }
    const now = new Map(session.legs
      // A supervisor is listed only once barged in (the server leaves one who monitors or whispers out).
      .filter((leg) => ["csr", "supervisor"].includes(leg.role)
        && ["invited", "joining", "connected"].includes(leg.state))
      .map((leg) => [leg.id, leg]));
    for (const [id, leg] of now) {
      if (!this.csrs.has(id) && leg.state === "connected") {
        this.chat.note(`${leg.name} joined the conversation`);
      } else if (this.csrs.has(id) && this.csrs.get(id).state !== "connected" && leg.state === "connected") {
        this.chat.note(`${leg.name} joined the conversation`);
      }
    }
    for (const [id, leg] of this.csrs) {
      if (!now.has(id) && leg.state === "connected") {
        this.chat.note(`${leg.name} left the conversation`);
      }
    }
    this.csrs = now;
    const connected = [...now.values()].filter((leg) => leg.state === "connected");
    // An agent has been here: at the end the customer is asked to rate the conversation.
    this.served ||= connected.some((leg) => leg.role === "csr");
    if (connected.length) {
      const names = connected.map((leg) => leg.name).join(" and ");
      this.status.textContent = `You are talking with ${names}`;
      this.status.dataset.agent = connected.map((leg) => leg.name).join(",");
      this.queue.hidden = true;
    } else if (session.state === "waiting") {
      this.status.textContent = now.size ? "An agent is joining…" : "Waiting for an agent…";
      delete this.status.dataset.agent;
    }
    this.voice?.roster(session, this.leg.legId);
    this.follower?.agents(connected);
    this.dispatchEvent(new CustomEvent("roster", { detail: session }));
  }

  /** An agent who signed out (or was taken off the desk) is gone for good: the customer is told so at once. */
  #legEnded({ role, name, code }) {
    if (role !== "csr" || this.ended || !["signed-out", "removed"].includes(code)) {
      return;
    }
    const why = code === "signed-out" ? `${name} signed out` : `${name} is no longer available`;
    const next = this.csrs.size ? "" : ": you are back in line for the next agent";
    this.chat.note(`${why}${next}.`);
    this.status.dataset.agentLeft = code;
  }

  #queue(queue) {
    // A place in line is the customer's own wait; a CSR's conference or transfer by subject waits too,
    // but the customer is in a conversation meanwhile.
    if (!queue.position || (queue.purpose && queue.purpose !== "serve")) {
      this.queue.hidden = true;
      return;
    }
    const wait = queue.estimatedWaitSeconds == null ? "no agent is available right now"
      : queue.estimatedWaitSeconds < 60 ? "less than a minute"
        : `about ${Math.round(queue.estimatedWaitSeconds / 60)} min`;
    this.queue.textContent = `You are number ${queue.position} in line · estimated wait: ${wait}`;
    this.queue.dataset.position = queue.position;
    this.queue.hidden = false;
  }

  #transfer(transfer) {
    if (transfer.state === "started") {
      this.chat.note("You are being transferred to another agent…");
    } else if (transfer.state === "failed") {
      this.chat.note("The transfer did not go through; your agent is still here.");
    }
  }

  #ended(reason) {
    if (this.ended) {
      return;
    }
    this.ended = true;
    this.leg.close();
    this.voice?.end();
    this.tools.querySelectorAll("button").forEach((button) => (button.disabled = true));
    this.status.textContent = "The conversation has ended.";
    this.queue.hidden = true;
    this.chat.note(reason ? `Conversation ended: ${reason}` : "Conversation ended");
    this.chat.disable("This conversation has ended");
    this.endButton.hidden = true;
    if (this.served) {
      this.root.append(ratingPrompt(this.options.api, this.options.details.sessionId));
    }
    this.dispatchEvent(new CustomEvent("ended", { detail: reason }));
  }
}
