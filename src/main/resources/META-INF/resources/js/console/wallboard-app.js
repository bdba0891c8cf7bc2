// The supervisors' wallboard: every service's queue and service level, every agent with its state and
// conversations, and who waits; loaded from GET /api/wallboard and loaded again as GET /api/stream says something
// changed. A conversation clicked offers monitor, whisper and barge in; the console then opens it.

import { ParleyApi } from "../shared/api.js";
import { el } from "../shared/dom.js";
import { followEventStream } from "../shared/event-stream.js";
import { throttle } from "../shared/throttle.js";
import {
  basicAuthorization, bearerAuthorization, dropSignIn, keepSignIn, readSignIn, revokeOnServer,
} from "./console-sign-in.js";
import {
  agentsLine, changesBoard, clock, levelState, levelText, percent, ratingText, secondsSince,
} from "./wallboard-figures.js";

const $ = (id) => document.getElementById(id);
/** The board is loaded again at least this often: the window's figures move without any change. */
const RELOAD_EVERY_MS = 10000;

class Wallboard {
  constructor() {
    this.auth = readSignIn(sessionStorage);
    this.api = new ParleyApi(location.origin + "/", () => bearerAuthorization(this.auth));
    this.reload = throttle(() => this.#load(), 500);
    $("sign-in").addEventListener("submit", (event) => this.#signIn(event));
    $("sign-out").addEventListener("click", () => this.#signOut());
    $("supervise").querySelectorAll("[data-mode]").forEach((button) => button.addEventListener("click",
      () => this.#supervise(button.dataset.mode)));
    if (this.auth) {
      this.#start().catch((error) => this.#refused(error));
    }
  }

  async #signIn(event) {
    event.preventDefault();
    const password = basicAuthorization($("user").value.trim(), $("password").value);
    $("password").value = "";
    try {
      const grant = await new ParleyApi(location.origin + "/", () => password).post("api/tokens/console");
      this.auth = keepSignIn(sessionStorage, grant);
      await this.#start();
    } catch (error) {
      this.#refused(error);
    }
  }

  #refused(error) {
    dropSignIn(sessionStorage);
    this.auth = null;
    this.stream?.stop();
    $("board").hidden = true;
    $("me").hidden = true;
    $("sign-in-view").hidden = false;
    $("sign-in-problem").textContent = error.status === 401 ? "Wrong user name or password."
      : error.status === 403 ? "The wallboard is for supervisors." : `Could not sign in: ${error.detail}`;
  }

  async #start() {
    this.services = new Map((await this.api.get("api/services")).map((service) => [service.id, service]));
    await this.#load();
    $("sign-in-view").hidden = true;
    $("board").hidden = false;
    $("me").hidden = false;
    $("agent-name").textContent = this.auth.user;
    this.stream = followEventStream(this.api.url("api/stream"), {
      authorization: () => bearerAuthorization(this.auth),
      onEvent: (event) => changesBoard(event) && this.reload(),
      onState: (state, detail) => this.#live(state, detail),
    });
    // The clocks of who waits tick between loads; the window's figures move with time alone.
    this.ticking = setInterval(() => this.#tick(), 1000);
    this.reloading = setInterval(() => this.reload(), RELOAD_EVERY_MS);
  }

  #live(state, detail) {
    const live = $("live");
    live.dataset.state = state;
    live.textContent = state === "live" ? "Live" : state === "refused" ? `Not live (${detail})` : "Reconnecting…";
    if (state === "live") {
      // Whatever happened while the stream was down is on the board now.
      this.reload();
    }
  }

  async #load() {
    try {
      this.board = await this.api.get("api/wallboard");
      this.loadedAt = Date.now();
      $("board-problem").textContent = "";
      this.#show(this.board);
    } catch (error) {
      if (error.status === 401 || error.status === 403) {
        throw error;
      }
      $("board-problem").textContent = `Not up to date: ${error.detail}`;
    }
  }

  #show(board) {
    // Drawn anew on every change: the conversation button a keyboard user is on keeps the focus.
    const focused = document.activeElement?.dataset?.sessionId;
    this.#draw(board);
    if (focused) {
      document.querySelector(`#agents .session-button[data-session-id="${CSS.escape(focused)}"]`)?.focus();
    }
  }

  #draw(board) {
    $("window").textContent = `${Math.round((board.services[0]?.windowSeconds || 900) / 60)} minutes`;
    $("services").replaceChildren(...board.services.map((service) => this.#serviceRow(service)));
    $("agents").replaceChildren(...board.agents.map((agent) => this.#agentRow(agent)));
    $("waiting").replaceChildren(...board.waiting.map((waiting) => this.#waitingRow(waiting)));
    $("nobody-waits").hidden = board.waiting.length > 0;
    $("waiting-table").hidden = board.waiting.length === 0;
  }

  #serviceRow(service) {
    const row = el("tr");
    row.dataset.service = service.service;
    const name = el("th", null, this.services.get(service.service)?.name || service.service);
    name.scope = "row";
    const level = el("td", "level", levelText(service));
    level.dataset.level = levelState(service);
    const longest = el("td", "longest", clock(service.longestWaitSeconds));
    longest.dataset.seconds = service.longestWaitSeconds;
    row.append(name, el("td", "waiting-count", String(service.waiting)), longest, level,
      el("td", null, `${percent(service.abandonRate)} (${service.abandoned})`),
      el("td", null, clock(service.averageHandlingSeconds)), el("td", "rating", ratingText(service)),
      el("td", null, agentsLine(service.agents)));
    return row;
  }

  #agentRow(agent) {
    const row = el("tr");
    row.dataset.agent = agent.id;
    const name = el("th", null, agent.name);
    name.scope = "row";
    const badge = el("span", "agent-state", agent.state.replace("-", " "));
    badge.dataset.state = agent.state;
    const state = el("td");
    state.append(badge);
    const conversations = el("div", "conversations");
    agent.sessions.forEach((engaged) => {
      const button = el("button", "secondary session-button",
        `${this.services.get(engaged.service)?.name || engaged.service} · ${engaged.subject || "no subject"}`
        + (engaged.role === "supervisor" ? ` (${engaged.supervision || "supervising"})` : ""));
      button.type = "button";
      button.dataset.sessionId = engaged.session;
      button.setAttribute("aria-haspopup", "dialog");
      button.addEventListener("click", () => this.#choose(agent, engaged));
      conversations.append(button);
    });
    const cell = el("td");
    cell.append(conversations);
    row.append(name, state, el("td", null, `${agent.activeSessions} / ${agent.maxSessions}`), cell);
    return row;
  }

  #waitingRow(waiting) {
    const row = el("tr");
    row.dataset.sessionId = waiting.session;
    const since = el("td", "since", clock(secondsSince(waiting.since, Date.now())));
    since.dataset.since = waiting.since;
    row.append(el("td", null, this.services.get(waiting.service)?.name || waiting.service),
      el("td", null, waiting.subject || "—"), el("td", null, waiting.purpose), since,
      el("td", null, waiting.customer || "—"));
    return row;
  }

  #tick() {
    const now = Date.now();
    document.querySelectorAll("#waiting .since").forEach((cell) => {
      cell.textContent = clock(secondsSince(cell.dataset.since, now));
    });
    const elapsed = (now - (this.loadedAt || now)) / 1000;
    document.querySelectorAll("#services .longest").forEach((cell) => {
      const seconds = Number(cell.dataset.seconds);
      cell.textContent = clock(seconds > 0 ? seconds + elapsed : 0);
    });
  }

  /** The ways the service lets a supervisor into the conversation, offered in a dialog. */
  #choose(agent, engaged) {
    this.chosen = engaged;
    const allowed = this.services.get(engaged.service)?.allowed?.supervision || [];
    $("supervise-what").textContent = `${agent.name}'s conversation: `
      + `${this.services.get(engaged.service)?.name || engaged.service} · ${engaged.subject || "no subject"}`;
    $("supervise").querySelectorAll("[data-mode]").forEach((button) => {
      button.hidden = !allowed.includes(button.dataset.mode);
    });
    $("supervise-problem").textContent = allowed.length ? "" : "This service does not allow supervision.";
    $("supervise").showModal();
  }

  async #supervise(mode) {
    try {
      await this.api.post(`api/sessions/${this.chosen.session}/supervision`, { mode });
      // The console finds the conversation among the signed-in user's and opens it.
      location.assign(`/console/#session=${encodeURIComponent(this.chosen.session)}`);
    } catch (error) {
      $("supervise-problem").textContent = `Not allowed: ${error.detail}`;
    }
  }

  async #signOut() {
    this.stream?.stop();
    clearInterval(this.ticking);
    clearInterval(this.reloading);
    await revokeOnServer(this.api);
    dropSignIn(sessionStorage);
    location.reload();
  }
}

new Wallboard();
