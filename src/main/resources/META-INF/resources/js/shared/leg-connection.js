// One leg's connection to a Parley session: the control channel plus the media channels it opens, each
// a WebSocket authenticated by the leg token offered as a subprotocol. It reports every channel's state
// to the session in leg messages, reconnects with back-off (asking for fresh connection details when the
// token has expired or was refused), replays the chat it missed and resends unacknowledged messages. It
// renews its leg token on the control channel before it expires: a socket lives no longer than its token.
//
// Frames arrive as events named "<channel>:<type>" (for example "chat:message", "control:roster"), with
// the frame as the event's detail; binary voice frames arrive as "voice:audio".

import { renewDelay, TOKEN_EXPIRED } from "./token-renewal.js";

const SUBPROTOCOL = "parley.v1";
const TOKEN_PREFIX = "parley.token.";
const LEG_GONE = 4004;
const POLICY_VIOLATION = 1008;

export class LegConnection extends EventTarget {
  /**
   * @param {object} details connection details: sessionId, legId, token, expiresAt, channels
   * @param {object} options refresh: async () => fresh details (joining again); lastSeq: chat already shown;
   *   unsent: where messages not yet acknowledged are kept across page loads ({ load() → [[clientId, text]],
   *   save(entries) }), so that a message written just before the page changed is still sent
   */
  constructor(details, { refresh, lastSeq = 0, unsent } = {}) {
    super();
    this.details = details;
    this.refresh = refresh;
    this.lastSeq = lastSeq;
    this.sockets = new Map();
    this.states = new Map();
    this.wanted = new Set(["control"]);
    this.unsent = unsent;
    this.pending = new Map(unsent?.load() || []);
    this.attempts = new Map();
    this.ended = false;
    this.clientCounter = 0;
    this.renewal = null;
  }

  get sessionId() {
    return this.details.sessionId;
  }

  get legId() {
    return this.details.legId;
  }

  offers(channel) {
    return Boolean(this.details.channels[channel]);
  }

  /** Opens the control channel and the given media channels. */
  start(channels = ["chat"]) {
    this.#open("control");
    channels.filter((channel) => this.offers(channel)).forEach((channel) => this.openChannel(channel));
    return this;
  }

  openChannel(channel) {
    this.wanted.add(channel);
    if (!this.sockets.has(channel)) {
      this.#open(channel);
    }
  }

  closeChannel(channel) {
    this.wanted.delete(channel);
    const socket = this.sockets.get(channel);
    this.sockets.delete(channel);
    socket?.close(1000, "closed by the endpoint");
    this.#setState(channel, "disconnected");
  }

  /** Sends a JSON frame on a channel; false when the channel is not open. */
  send(channel, frame) {
    const socket = this.sockets.get(channel);
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return false;
    }
    socket.send(JSON.stringify(frame));
    return true;
  }

  sendBinary(channel, bytes) {
    const socket = this.sockets.get(channel);
    if (socket && socket.readyState === WebSocket.OPEN && socket.bufferedAmount < 64 * 1024) {
      socket.send(bytes);
    }
  }

  /** Sends a chat message; it is resent after a reconnect until acknowledged. Returns its client id. */
  /** Sends a chat message, or with `note` a private note of staff; both are sent again until acknowledged. */
  say(text, { note = false } = {}) {
    const clientId = `c-${Date.now().toString(36)}-${(this.clientCounter++).toString(36)}`;
    // A note is kept with its flag: sent again without it, it would reach the customer.
    this.pending.set(clientId, note ? { text, note: true } : text);
    this.unsent?.save([...this.pending]);
    this.send("chat", { type: "message", clientId, ...chatMessage(this.pending.get(clientId)) });
    return clientId;
  }

  /** Leaves the session for good. */
  leave() {
    this.send("control", { type: "leave" });
    this.close();
  }

  /** Closes every channel without leaving (the session keeps the leg for the reconnect grace). */
  close() {
    this.ended = true;
    clearTimeout(this.renewal);
    for (const [, socket] of this.sockets) {
      socket.close(1000, "closed by the endpoint");
    }
    this.sockets.clear();
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #setState(channel, state) {
    if (this.states.get(channel) === state) {
      return;
    }
    this.states.set(channel, state);
    this.#emit("channel-state", { channel, state });
    if (channel !== "control" || state === "connected") {
      this.#report(channel === "control" ? Object.fromEntries(this.states) : { [channel]: state });
    }
  }

  #report(channels) {
    this.send("control", { type: "leg-state", channels });
  }

  #open(channel) {
    const url = this.details.channels[channel];
    if (!url || this.ended) {
      return;
    }
    this.#setState(channel, "connecting");
    const socket = new WebSocket(url, [SUBPROTOCOL, TOKEN_PREFIX + this.details.token]);
    socket.binaryType = "arraybuffer";
    let opened = false;
    this.sockets.set(channel, socket);
    socket.addEventListener("open", () => {
      opened = true;
      this.attempts.set(channel, 0);
    });
    socket.addEventListener("message", (event) => this.#receive(channel, event.data));
    socket.addEventListener("close", (event) => {
      if (this.sockets.get(channel) !== socket) {
        return;
      }
      this.sockets.delete(channel);
      this.#setState(channel, "disconnected");
      if (this.ended || !this.wanted.has(channel)) {
        return;
      }
      // A newer page of this leg took the channel over (the server keeps a few per leg): it stays closed.
      if (event.code === POLICY_VIOLATION && event.reason === "too-many-connections") {
        return;
      }
      // A refused upgrade never opens: the token may have expired. A 4004 close: the leg is gone; a 4401
      // close: its token expired without a renewal.
      this.#reconnect(channel, !opened || event.code === LEG_GONE || event.code === TOKEN_EXPIRED);
    });
  }

  #receive(channel, data) {
    if (typeof data !== "string") {
      this.#emit(`${channel}:audio`, data);
      return;
    }
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (channel === "control" && (frame.type === "welcome" || frame.type === "renewed")) {
      if (frame.type === "renewed") {
        this.details = { ...this.details, token: frame.token, expiresAt: frame.expiresAt };
      }
      this.#scheduleRenewal(frame.expiresAt);
    }
    if (frame.type === "ready" || frame.type === "welcome") {
      this.#setState(channel, "connected");
      if (channel === "chat") {
        this.send("chat", { type: "history", after: this.lastSeq });
        for (const [clientId, pending] of this.pending) {
          this.send("chat", { type: "message", clientId, ...chatMessage(pending) });
        }
      }
    } else if (channel === "chat") {
      this.#chat(frame);
    } else if (channel === "control" && frame.type === "session-ended") {
      this.close();
    }
    this.#emit(`${channel}:${frame.type}`, frame);
  }

  #scheduleRenewal(expiresAt) {
    clearTimeout(this.renewal);
    const delay = renewDelay(expiresAt);
    if (delay !== null && !this.ended) {
      this.renewal = setTimeout(() => this.send("control", { type: "renew" }), delay);
    }
  }

  #chat(frame) {
    if (frame.type === "ack") {
      if (this.pending.delete(frame.clientId)) {
        this.unsent?.save([...this.pending]);
      }
    } else if (frame.type === "message") {
      this.lastSeq = Math.max(this.lastSeq, frame.seq);
    } else if (frame.type === "history") {
      frame.messages.forEach((message) => (this.lastSeq = Math.max(this.lastSeq, message.seq)));
      if (frame.more) {
        // A reply is bounded in size: the rest comes with the next one.
        this.send("chat", { type: "history", after: this.lastSeq });
      }
    }
  }

  async #reconnect(channel, renew) {
    const attempt = (this.attempts.get(channel) || 0) + 1;
    this.attempts.set(channel, attempt);
    const delay = Math.min(10000, 250 * 2 ** Math.min(attempt, 6)) * (0.75 + Math.random() / 2);
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (this.ended || !this.wanted.has(channel) || this.sockets.has(channel)) {
      return;
    }
    const expired = Date.parse(this.details.expiresAt) - Date.now() < 5000;
    if ((renew || expired) && this.refresh) {
      try {
        this.details = await this.refresh();
      } catch (error) {
        if (error.status >= 400 && error.status < 500) {
          // The session ended or the leg is gone: nothing to come back to.
          this.ended = true;
          this.#emit("control:session-ended", { type: "session-ended", reason: error.detail });
          return;
        }
      }
    }
    this.#open(channel);
  }
}

/** A message waiting for its ack as the wire carries it: its text, and `note` for a private note. */
export function chatMessage(pending) {
  return typeof pending === "string" ? { text: pending } : { text: pending.text, note: true };
}
