// A call on the leg's voice channel, as the page shows it: the call button (start, join, hang up), mute,
// who is speaking (call-meters.js), how long the call has lasted and a line in people's terms
// (call-line.js). The microphone goes out through voice-capture.js, each other leg's voice is played by
// its own voice-player.js; what the roster says about the call is read by call-roster.js.
// Each leg says on the channel what it can play ("codecs") when it joins the call, and every leg on the
// call answers with its own; while anyone listening cannot play Opus, this side sends PCM.
// The call follows the customer: a CSR's page that arrives in a conversation with a call under way (a
// transfer, a conference) joins it, and rings when a call starts while it is there.

import { CallMeters } from "./call-meters.js";
import { callStarted, duration, onCallWith } from "./call-line.js";
import {
  agentsNotOnCall, allPlayOpus, followCall, hasLeftCall, mayCall, noLongerListening, NOTHING_SEEN, onCall, own,
} from "./call-roster.js";
import { el } from "./dom.js";
import { VoiceCapture } from "./voice-capture.js";
import { playable, VoicePlayer } from "./voice-player.js";
import { OPUS, readRelayed } from "./voice-frame.js";

/** A ringing page rings this often, this many times (then it only shows that it rings). */
const RING_EVERY_MS = 3000;
const RINGS = 10;

export class VoiceCall {
  /**
   * @param {object} options callLabel: the call button's label when nobody is on a call; ringTone(): sounds
   *   one ring where the page may (the console's, which keeps the agent's choice of sound)
   */
  constructor(leg, toolbar, { callLabel = "Start voice", ringTone = () => {} } = {}) {
    this.leg = leg;
    this.callLabel = callLabel;
    this.ringTone = ringTone;
    this.active = false;
    this.run = 0;
    this.players = new Map();
    // What the other legs on the call can play, by leg id.
    this.peerCodecs = new Map();
    this.names = new Map();
    this.onCall = [];
    // Who this page met on its call (by leg id).
    this.met = new Set();
    this.seen = NOTHING_SEEN;
    this.framesSent = 0;
    this.framesReceived = 0;
    this.capture = new VoiceCapture({
      frame: (bytes, codec) => this.#send(bytes, codec),
      level: (level) => this.meters.set(this.leg.legId, level),
      opus: () => allPlayOpus([...this.peerCodecs.values()]),
    });
    this.#render(toolbar);
    leg.addEventListener("voice:audio", (event) => this.#receive(event.detail));
    leg.addEventListener("voice:muted", (event) => this.#otherMuted(event.detail));
    leg.addEventListener("voice:ready", () => this.#announceCodecs(false));
    leg.addEventListener("voice:codecs", (event) => {
      this.peerCodecs.set(event.detail.legId, event.detail.decodes);
      if (!event.detail.reply) {
        // A leg that (re)joined the call: it learns what this side can play too.
        this.#announceCodecs(true);
      }
    });
    leg.addEventListener("voice:error", (event) => (this.state.textContent = `Voice: ${event.detail.message}`));
  }

  #render(toolbar) {
    this.group = el("div", "voice");
    this.group.setAttribute("role", "group");
    this.group.setAttribute("aria-label", "Voice");
    this.callButton = el("button", "secondary call", this.callLabel);
    this.callButton.type = "button";
    // Shown once the roster says whom there is to call.
    this.callButton.hidden = true;
    this.muteButton = el("button", "secondary mute", "Mute");
    this.muteButton.type = "button";
    this.muteButton.setAttribute("aria-pressed", "false");
    this.muteButton.hidden = true;
    this.timer = el("span", "call-timer");
    this.timer.setAttribute("role", "timer");
    this.timer.setAttribute("aria-label", "Call time");
    this.timer.hidden = true;
    this.meters = new CallMeters();
    this.meters.element.hidden = true;
    this.state = el("span", "voice-state");
    this.state.setAttribute("aria-live", "polite");
    this.group.append(this.callButton, this.muteButton, this.timer, this.meters.element, this.state);
    toolbar.append(this.group);
    this.callButton.addEventListener("click", () => (this.active ? this.stop() : this.start()));
    this.muteButton.addEventListener("click", () => this.mute(!this.muted));
  }

  /** The conversation ended: no call any more, and none to start. */
  end() {
    this.stop();
    this.callButton.textContent = this.callLabel;
    this.callButton.disabled = true;
    this.state.textContent = "";
  }

  /**
   * Follows the roster: who is on the call (their meters, the line), what left legs could play is forgotten,
   * and a page not on a call under way is offered it, or joins or rings (call-roster.js, followCall).
   */
  roster(session, ownLegId) {
    for (const legId of noLongerListening(session, [...this.peerCodecs.keys(), ...this.players.keys()])) {
      this.peerCodecs.delete(legId);
      this.players.get(legId)?.close();
      this.players.delete(legId);
    }
    this.session = session;
    this.names = new Map(session.legs.map((leg) => [leg.id, leg.name]));
    this.onCall = onCall(session, ownLegId);
    const names = this.onCall.map((leg) => leg.name);
    const mine = own(session, ownLegId);
    const { seen, action } = followCall(this.seen, {
      role: mine?.role,
      connected: mine?.state === "connected",
      live: this.onCall.length > 0,
      onIt: this.active,
      audioAllowed: navigator.userActivation?.hasBeenActive ?? true,
    });
    this.seen = seen;
    if (this.active) {
      this.onCall.forEach((leg) => this.met.add(leg.id));
      this.#showMeters();
      this.#showOnCall();
      return;
    }
    this.onCallLine = undefined;
    this.callButton.hidden = !mayCall(session, ownLegId);
    this.callButton.textContent = this.onCall.length ? "Join the call" : this.callLabel;
    this.state.textContent = callStarted(names);
    if (!this.onCall.length) {
      this.#ring(false);
    }
    if (action === "join") {
      this.start();
    } else if (action === "ring") {
      this.#ring(true);
    }
  }

  async start() {
    if (this.active) {
      return;
    }
    this.active = true;
    this.met = new Set(this.onCall.map((leg) => leg.id));
    this.#ring(false);
    // A hang-up (and maybe another start) while this one awaits the browser makes it stale.
    const run = ++this.run;
    const stale = () => run !== this.run || !this.active;
    this.callButton.hidden = false;
    this.callButton.textContent = "Hang up";
    this.state.textContent = "Starting the call…";
    try {
      // The browser's own rate: some take the microphone only at that rate; the worklet resamples to 48 kHz.
      const context = new AudioContext({ latencyHint: "interactive" });
      this.context = context;
      await context.resume();
      this.output = context.createGain();
      this.output.connect(context.destination);
      const codec = await this.capture.start(context, stale);
      if (codec === null) {
        return;
      }
      this.decodes = await playable();
      if (stale()) {
        return;
      }
      this.leg.openChannel("voice");
      this.#showMuted(false);
      this.muteButton.hidden = false;
      this.group.dataset.codec = codec === OPUS ? "opus" : "pcm";
      this.onCallLine = undefined;
      this.#showOnCall();
      this.#showMeters();
      this.#startTimer();
    } catch (error) {
      if (!stale()) {
        this.stop();
        this.state.textContent = `The call could not start: ${error.message}`;
      }
    }
  }

  stop() {
    if (!this.active) {
      return;
    }
    this.active = false;
    this.run++;
    this.leg.closeChannel("voice");
    this.capture.stop();
    this.players.forEach((player) => player.close());
    this.players.clear();
    this.peerCodecs.clear();
    this.context?.close();
    this.context = null;
    this.callButton.textContent = this.callLabel;
    this.muteButton.hidden = true;
    this.meters.element.hidden = true;
    clearInterval(this.ticking);
    this.timer.hidden = true;
    this.state.textContent = "Call ended";
  }

  mute(muted) {
    this.#showMuted(muted);
    this.leg.send("voice", { type: "mute", muted });
  }

  #showMuted(muted) {
    this.muted = muted;
    this.capture.muted = muted;
    this.muteButton.setAttribute("aria-pressed", String(muted));
    this.muteButton.textContent = muted ? "Unmute" : "Mute";
    this.meters.muted(this.leg.legId, muted);
  }

  /** Whom this page is on the call with, said when it changes only (a "muted" notice stays until then). */
  #showOnCall() {
    const { called, hungUp } = this.session ? agentsNotOnCall(this.session, this.leg.legId, this.met)
      : { called: [], hungUp: [] };
    const line = onCallWith(this.onCall.map((leg) => leg.name),
      { called: called.map((leg) => leg.name), hungUp: hungUp.map((leg) => leg.name) });
    if (line !== this.onCallLine) {
      this.onCallLine = line;
      this.state.textContent = line;
    }
  }

  /** "You", then everybody else on the call (and anyone heard before the roster says they are on it). */
  #showMeters() {
    const others = new Set([...this.onCall.map((leg) => leg.id), ...this.players.keys()]);
    others.delete(this.leg.legId);
    this.meters.show([{ id: this.leg.legId, name: "You" },
      ...[...others].map((id) => ({ id, name: this.names.get(id) || "Someone" }))]);
    this.meters.element.hidden = false;
  }

  #startTimer() {
    const started = Date.now();
    const tick = () => (this.timer.textContent = duration((Date.now() - started) / 1000));
    tick();
    this.timer.hidden = false;
    clearInterval(this.ticking);
    this.ticking = setInterval(tick, 1000);
  }

  /** A call this page is not on rings: the button shows it, and the ring tone sounds a few times. */
  #ring(on) {
    clearInterval(this.ringing);
    this.ringing = null;
    this.callButton.classList.toggle("ringing", on);
    if (on) {
      this.group.dataset.ringing = "true";
      let rings = 0;
      this.ringTone();
      this.ringing = setInterval(() => (++rings < RINGS ? this.ringTone() : clearInterval(this.ringing)),
        RING_EVERY_MS);
    } else {
      delete this.group.dataset.ringing;
    }
  }

  #announceCodecs(reply) {
    if (this.active && this.decodes) {
      this.leg.send("voice", { type: "codecs", decodes: this.decodes, reply });
    }
  }

  #send(bytes, codec) {
    if (!this.active) {
      return;
    }
    this.leg.sendBinary("voice", bytes);
    this.framesSent++;
    this.group.dataset.framesSent = this.framesSent;
    this.group.dataset.sending = codec === OPUS ? "opus" : "pcm";
  }

  #receive(buffer) {
    if (!this.active || !this.context) {
      return;
    }
    const frame = readRelayed(buffer);
    if (!frame) {
      return;
    }
    let player = this.players.get(frame.from);
    if (!player) {
      if (this.session && hasLeftCall(this.session, frame.from)) {
        // Sent before it left (a transfer) or hung up: nobody is there to hear any more.
        return;
      }
      player = new VoicePlayer(this.context, this.output, {
        level: (level) => this.#heard(frame.from, level),
        playable: (plays) => {
          this.state.textContent = plays ? "On the call"
            : "This browser cannot play the other side's voice (no Opus decoder)";
        },
      });
      this.players.set(frame.from, player);
      this.#showMeters();
    }
    player.push(frame.seq, frame.codec, frame.payload);
    this.framesReceived++;
    this.group.dataset.framesReceived = this.framesReceived;
  }

  #heard(from, level) {
    this.meters.set(from, level);
    this.heardEnergy = (this.heardEnergy || 0) + level;
    this.group.dataset.heardEnergy = this.heardEnergy.toFixed(4);
  }

  #otherMuted({ legId, muted }) {
    this.meters.muted(legId, muted);
    this.state.textContent = muted ? "The other side muted their microphone" : "On the call";
  }
}
