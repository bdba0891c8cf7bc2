// The CSR console: sign in, presence, offers with a countdown, and the agent's conversations in tabs.
// Offers and invitations arrive on the agent's standing channel /ws/endpoint; a reload finds the
// agent's open conversations again through the REST API and rejoins them.

import { ParleyApi } from "../shared/api.js";
import { renewDelay, SIGNED_OUT } from "../shared/token-renewal.js";
import { AgentBoard } from "./agent-board.js";
import { stateWords } from "./agent-state-words.js";
import { confirmFirst } from "./confirm-step.js";
import { keepSound, OfferAlerts, soundOn } from "./offer-alerts.js";
import { OfferList } from "./offer-list.js";
import { QueueList } from "./queue-list.js";
import { SessionTab } from "./session-tab.js";
// The sign-in: a console token kept, never the password.
import {
  basicAuthorization, bearerAuthorization, dropSignIn, keepSignIn, noteSignedOut, readSignIn, revokeOnServer,
  takeSignedOut,
} from "./console-sign-in.js";

const TITLE = "Parley console";
/** Close code of a socket that broke a rule (RFC 6455): here, a newer console of the agent took over. */
const POLICY_VIOLATION = 1008;
const $ = (id) => document.getElementById(id);

class Console {
  constructor() {
    this.auth = readSignIn(sessionStorage);
    this.api = new ParleyApi(location.origin + "/", () => bearerAuthorization(this.auth));
    this.tabs = new Map();
    this.offers = new OfferList($("offers"), $("no-offers"), $("offer-announcer"),
      (type, offerId, reason) => this.#answer(type, offerId, reason), () => this.#attention());
    this.attempt = 0;
    this.alerts = new OfferAlerts($("offers"));
    $("sound").checked = soundOn(localStorage);
    $("sound").addEventListener("change", (event) => keepSound(localStorage, event.target.checked));
    $("sign-in").addEventListener("submit", (event) => this.#signIn(event));
    confirmFirst($("sign-out"), { question: () => this.#signOutQuestion(), yes: "Sign out anyway",
      act: () => this.#signOut({ revoke: true }) });
    $("presence").addEventListener("change", (event) => this.#presence(event.target.value));
    $("tabs").addEventListener("keydown", (event) => this.#tabKeys(event));
    $("outbound").addEventListener("submit", (event) => this.#outbound(event));
    const signedOutBy = takeSignedOut(sessionStorage);
    if (signedOutBy) {
      $("sign-in-problem").textContent = `${signedOutBy}. Sign in again to take offers.`;
    }
    if (this.auth) {
      this.#start().catch(() => this.#signOut({ revoke: true }));
    }
  }

  /** The password is sent once, for a console token, and forgotten; the token is what the console keeps. */
  async #signIn(event) {
    event.preventDefault();
    // Asked on the click that signs in (browsers ask only from one): offers notify when the console is behind.
    this.alerts.askPermission();
    const password = basicAuthorization($("user").value.trim(), $("password").value);
    $("password").value = "";
    try {
      const grant = await new ParleyApi(location.origin + "/", () => password).post("api/tokens/console");
      this.auth = keepSignIn(sessionStorage, grant);
      await this.#start();
    } catch (error) {
      clearTimeout(this.expiry);
      dropSignIn(sessionStorage);
      this.auth = null;
      $("sign-in-problem").textContent = error.status === 401 ? "Wrong user name or password."
        : error.status === 403 || error.status === 404 ? "This account is not an agent."
          : `Could not sign in: ${error.detail}`;
    }
  }

  async #start() {
    // A shift's token: when it runs out the console asks for the password again.
    clearTimeout(this.expiry);
    const left = Math.max(0, this.auth.expiresAt - Date.now());
    this.expiry = setTimeout(() => this.#signOut({ revoke: false }), left);
    this.agent = await this.api.get(`api/agents/${encodeURIComponent(this.auth.user)}`);
    this.agents = await this.api.get("api/agents");
    this.agentBoard?.stop();
    this.agentBoard = new AgentBoard(this.api, () => bearerAuthorization(this.auth));
    this.agentBoard.start(this.agents);
    this.services = new Map((await this.api.get("api/services")).map((service) => [service.id, service]));
    $("sign-in-view").hidden = true;
    $("desk").hidden = false;
    $("me").hidden = false;
    $("agent-name").textContent = this.agent.name;
    this.#showState(this.agent.state, this.agent.wrapUpUntil);
    if (this.agent.state === "offline" || (this.agent.state === "away" && this.agent.missedOffers > 0)) {
      // Signing in is going on duty; "Away" pauses, "Offline" ends the shift. An agent the service set away
      // for offers nobody answered (nobody was at the console) is at the desk now.
      await this.#presence("available");
    }
    this.#outboundServices();
    this.queue = new QueueList({
      list: $("queue"), empty: $("nobody-waiting"), api: this.api, services: this.services,
      onPicked: (joining) => this.#open(joining.session, joining.connection),
      onRead: (waiting) => this.#showWaiting(waiting.length),
    });
    this.#connect();
    await this.#restore();
    // Sent here by the wallboard to supervise a conversation (#session=<id>): it is open, and shown.
    const wanted = new URLSearchParams(location.hash.slice(1)).get("session");
    this.tabs.get(wanted)?.select(true);
  }

  /**
   * Signs out: the token is revoked on the server first (unless it has expired, or was revoked already), then
   * forgotten; signing out works when the server cannot be reached too.
   */
  async #signOut({ revoke, reason }) {
    if (this.signingOut) {
      return;
    }
    // The revocation closes this console's own socket (4403) too: that close is not someone else's sign-out.
    this.signingOut = true;
    this.agentBoard?.stop();
    if (revoke && this.auth) {
      await revokeOnServer(this.api);
    }
    dropSignIn(sessionStorage);
    if (reason) {
      noteSignedOut(sessionStorage, reason);
    }
    this.auth = null;
    this.socket?.close();
    location.reload();
  }

  /** Signing out while in live conversations takes the agent out of them: asked first, saying how many. */
  #signOutQuestion() {
    const live = [...this.tabs.values()].filter((tab) => tab.live).length;
    if (!live) {
      return null;
    }
    return `You are in ${live === 1 ? "a live conversation" : `${live} live conversations`}. Signing out takes you `
      + "out; the customers are told at once and wait for the next agent.";
  }

  async #presence(presence) {
    try {
      const agent = await this.api.put(`api/agents/${encodeURIComponent(this.auth.user)}/presence`, { presence });
      this.#showState(agent.state, agent.wrapUpUntil);
      if (presence === "available" && this.socket?.readyState !== WebSocket.OPEN) {
        // The standing channel is down just now: coming back tries at once rather than at the next retry.
        this.#connect();
      }
    } catch (error) {
      $("connection").textContent = `Presence not changed: ${error.detail}`;
    }
  }

  /**
   * The agent's state in the badge and the presence control, in the same words (agent-state-words.js); wrap-up
   * counts down to available. Presence set elsewhere (another tab, an operator, the CLI) shows here too.
   */
  #showState(state, wrapUpUntil) {
    this.state = { state, wrapUpUntil: wrapUpUntil ? Date.parse(wrapUpUntil) : null };
    clearInterval(this.stateClock);
    this.#drawState();
    if (state === "wrap-up") {
      this.stateClock = setInterval(() => this.#drawState(), 1000);
    }
  }

  #drawState() {
    const words = stateWords(this.state.state, { wrapUpUntil: this.state.wrapUpUntil, now: Date.now() });
    const badge = $("agent-state");
    badge.textContent = words.badge;
    badge.dataset.state = this.state.state;
    $("presence").value = words.presence;
    $("presence").querySelector("option[value=available]").textContent = words.available;
  }

  /** The agent's state changed (on the server's word): wrap-up's end is read, for its countdown. */
  async #stateChanged(state) {
    let until = null;
    if (state === "wrap-up") {
      try {
        until = (await this.api.get(`api/agents/${encodeURIComponent(this.auth.user)}`)).wrapUpUntil;
      } catch {
        // No countdown: the badge says wrap-up without a number.
      }
    }
    this.#showState(state, until);
  }

  /** How many customers wait in the agent's services, beside the agent's state and over the queue. */
  #showWaiting(count) {
    const waiting = $("waiting-count");
    waiting.hidden = false;
    waiting.dataset.count = count;
    waiting.textContent = count === 0 ? "Nobody waiting" : `${count} waiting`;
    $("queue-title").textContent = count === 0 ? "Waiting" : `Waiting (${count})`;
  }

  async #connect() {
    if (!this.auth) {
      return;
    }
    let grant;
    try {
      grant = await this.api.post("api/tokens/endpoint");
    } catch (error) {
      if (error.status === 401) {
        // The console token was revoked meanwhile (signed out elsewhere, by an operator, or removed).
        this.#signOut({ revoke: false, reason: "Your sign-in is no longer valid" });
        return;
      }
      this.#reconnectLater(`Cannot reach Parley: ${error.detail}`);
      return;
    }
    const socket = new WebSocket(grant.url, ["parley.v1", `parley.token.${grant.token}`]);
    this.socket = socket;
    socket.addEventListener("open", () => {
      this.attempt = 0;
      $("connection").textContent = "Connected: offers arrive here.";
      $("connection").dataset.state = "connected";
    });
    socket.addEventListener("message", (event) => this.#frame(JSON.parse(event.data)));
    socket.addEventListener("close", (event) => {
      clearTimeout(this.renewal);
      if (event.code === SIGNED_OUT && this.socket === socket) {
        // The server revoked this agent's tokens (an operator signed it out or removed it): sign in again.
        this.#signOut({ revoke: false, reason: event.reason || "Signed out by an operator" });
        return;
      }
      // This agent opened a newer console (the server keeps a few per agent): this one stays closed.
      if (event.code === POLICY_VIOLATION && event.reason === "too-many-connections" && this.socket === socket) {
        $("connection").dataset.state = "disconnected";
        $("connection").textContent = "A newer console of yours took over. Reload this page to use this one.";
        return;
      }
      if (this.socket === socket && this.auth) {
        $("connection").dataset.state = "disconnected";
        this.#reconnectLater("Connection lost, reconnecting…");
      }
    });
  }

  #reconnectLater(message) {
    $("connection").textContent = message;
    this.attempt++;
    setTimeout(() => this.#connect(), Math.min(10000, 500 * 2 ** Math.min(this.attempt, 5)));
  }

  /** Before the standing channel's token expires, renews it with a fresh one (signing in gives it). */
  #scheduleRenewal(expiresAt) {
    clearTimeout(this.renewal);
    const delay = renewDelay(expiresAt);
    if (delay === null) {
      return;
    }
    this.renewal = setTimeout(async () => {
      try {
        const grant = await this.api.post("api/tokens/endpoint");
        if (this.socket?.readyState === WebSocket.OPEN) {
          this.socket.send(JSON.stringify({ type: "renew", token: grant.token }));
        }
      } catch {
        // Not renewed: the socket closes at expiry and the console reconnects.
      }
    }, delay);
  }

  #frame(frame) {
    switch (frame.type) {
      case "hello":
      case "renewed":
        this.#scheduleRenewal(frame.expiresAt);
        break;
      case "agent-state":
        this.#stateChanged(frame.state);
        break;
      case "offer":
        this.alerts.offer(frame);
        this.offers.add(frame);
        this.queue?.read();
        break;
      case "offer-closed":
        this.offers.close(frame);
        this.queue?.read();
        break;
      case "invitation":
        this.#open(frame.session, frame.connection);
        break;
      case "error":
        if (frame.offerId) {
          this.offers.problem(frame.offerId, frame.message, frame.code);
        } else {
          $("connection").textContent = `${frame.code}: ${frame.message}`;
        }
        break;
      default:
        break;
    }
  }

  #answer(type, offerId, reason) {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ type, offerId, reason }));
    } else {
      this.api.post(`api/offers/${offerId}/${type === "accept-offer" ? "accept" : "decline"}`, { reason })
        .catch((error) => this.offers.problem(offerId, error.detail, error.code));
    }
  }

  /** Services where an agent starts a conversation with a named customer (direct ones). */
  #outboundServices() {
    const direct = [...this.services.values()].filter((service) => service.behaviour === "direct");
    $("outbound").hidden = direct.length === 0;
    $("outbound-service").replaceChildren(...direct.map((service) => {
      const option = document.createElement("option");
      option.value = service.id;
      option.textContent = service.name;
      return option;
    }));
  }

  /** Starts a session with a customer, who joins by the link shown in the new tab. */
  async #outbound(event) {
    event.preventDefault();
    $("outbound-problem").textContent = "";
    try {
      const joining = await this.api.post("api/sessions", {
        service: $("outbound-service").value,
        with: { kind: "customer", id: $("outbound-customer").value.trim() },
      });
      this.#open(joining.session, joining.connection, joining.joinUrl);
      $("outbound-customer").value = "";
    } catch (error) {
      $("outbound-problem").textContent = `Not started: ${error.detail}`;
    }
  }

  /** After a reload: the conversations this agent is still in. */
  async #restore() {
    const sessions = await this.api.get("api/sessions");
    const mine = sessions.filter((session) => session.state !== "ended" && session.legs.some((leg) =>
      leg.endpoint.kind === "csr" && leg.endpoint.id === this.auth.user
        && ["invited", "joining", "connected"].includes(leg.state)));
    for (const session of mine) {
      try {
        const joining = await this.api.post(`api/sessions/${session.id}/legs`);
        this.#open(joining.session, joining.connection, await this.#linkForWaitingCustomer(joining.session));
      } catch (error) {
        console.warn(`could not rejoin ${session.id}: ${error.detail}`);
      }
    }
  }

  /** A customer invited by link who has not come yet: a fresh link to send again (the first one was on the page). */
  async #linkForWaitingCustomer(session) {
    const waiting = session.legs.find((leg) => leg.role === "customer" && leg.state === "invited");
    if (!waiting) {
      return undefined;
    }
    try {
      return (await this.api.post(`api/sessions/${session.id}/legs/${waiting.id}/link`)).url;
    } catch {
      return undefined;
    }
  }

  #open(session, details, joinUrl) {
    if (this.tabs.has(session.id)) {
      this.tabs.get(session.id).select();
      return;
    }
    const tab = new SessionTab({
      session,
      details,
      joinUrl,
      api: this.api,
      me: this.auth.user,
      service: this.services.get(session.service),
      agents: this.agents,
      tablist: $("tabs"),
      panels: $("panels"),
      onSelect: (selected) => this.tabs.forEach((other) => other !== selected && other.deselect()),
      onUnread: () => this.#attention(),
      onClose: (closed) => {
        this.tabs.delete(session.id);
        $("no-sessions").hidden = this.tabs.size > 0;
        const next = this.tabs.values().next().value;
        next?.select();
      },
    });
    this.tabs.set(session.id, tab);
    $("no-sessions").hidden = true;
    tab.select();
  }

  /** The window's title counts what waits for the agent (offers, conversations with new messages). */
  #attention() {
    const waiting = (this.offers?.size || 0) + [...(this.tabs?.values() || [])].filter((tab) => tab.unread).length;
    document.title = waiting ? `(${waiting}) ${TITLE}` : TITLE;
  }

  #tabKeys(event) {
    if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) {
      return;
    }
    const tabs = [...this.tabs.values()];
    const current = tabs.findIndex((tab) => tab.selected);
    const next = event.key === "Home" ? 0 : event.key === "End" ? tabs.length - 1
      : (current + (event.key === "ArrowRight" ? 1 : -1) + tabs.length) % tabs.length;
    tabs[next]?.select(true);
    event.preventDefault();
  }
}

new Console();
