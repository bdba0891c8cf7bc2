// A call on the leg's voice channel, as the page shows it: the call button (start, join, hang up), mute,
// live level meters and a line in people's terms (call-line.js). The microphone goes out through
// voice-capture.js (frames in voice-frame.js's format); each other leg's voice is played by its own
// voice-player.js (a jitter buffer, a decoder, played 60 ms behind).
// Each leg says on the channel what it can play ("codecs") when it joins the call, and every leg on the
// call answers with its own; while anyone listening cannot play Opus, this side sends PCM.

import { callStarted, onCallWith } from "./call-line.js";
import { el } from "./dom.js";
import { VoiceCapture } from "./voice-capture.js";
import { playable, VoicePlayer } from "./voice-player.js";
import { OPUS, readRelayed } from "./voice-frame.js";

export class VoiceCall {
  constructor(leg, toolbar, { callLabel = "Start voice" } = {}) {
    this.leg = leg;
    this.callLabel = callLabel;
    this.active = false;
    this.run = 0;
    this.muted = false;
    this.players = new Map();
    // What the other legs on the call can play, by leg id.
    this.peerCodecs = new Map();
    this.framesSent = 0;
    this.framesReceived = 0;
    this.capture = new VoiceCapture({
      frame: (bytes, codec) => this.#send(bytes, codec),
      level: (level) => this.micMeter.set(level),
      opus: () => [...this.peerCodecs.values()].every((decodes) => decodes.includes("opus")),
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
    this.muteButton = el("button", "secondary mute", "Mute");
    this.muteButton.type = "button";
    this.muteButton.setAttribute("aria-pressed", "false");
    this.muteButton.hidden = true;
    this.micMeter = meter("Your microphone", "mic-level");
    this.speakerMeter = meter("What you hear", "speaker-level");
    this.micMeter.wrapper.hidden = true;
    this.speakerMeter.wrapper.hidden = true;
    this.state = el("span", "voice-state");
    this.state.setAttribute("aria-live", "polite");
    this.group.append(this.callButton, this.muteButton, this.micMeter.wrapper, this.speakerMeter.wrapper, this.state);
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
   * Offers to join when somebody else in the session is on voice, and says who is on the call while this
   * side is; forgets what left legs could play.
   */
  roster(session, ownLegId) {
    // A leg that hung up (its voice channel reported disconnected) or left no longer listens. (One whose
    // voice is not reported yet may already have said what it plays: it stays.)
    const legs = new Map(session.legs.map((leg) => [leg.id, leg]));
    for (const legId of [...this.peerCodecs.keys()]) {
      const leg = legs.get(legId);
      if (!leg || ["left", "failed", "declined"].includes(leg.state) || leg.channels?.voice === "disconnected") {
        this.peerCodecs.delete(legId);
      }
    }
    const others = session.legs.filter((leg) => leg.id !== ownLegId && leg.channels?.voice === "connected");
    const names = others.map((leg) => leg.name);
    if (this.active) {
      // Said when it changes only (a "muted" notice stays until then).
      const line = onCallWith(names);
      if (line !== this.onCallLine) {
        this.onCallLine = line;
        this.state.textContent = line;
      }
      return;
    }
    this.onCallLine = undefined;
    this.callButton.textContent = others.length ? "Join the call" : this.callLabel;
    this.state.textContent = callStarted(names);
  }

  async start() {
    if (this.active) {
      return;
    }
    this.active = true;
    // A hang-up (and maybe another start) while this one awaits the browser makes it stale.
    const run = ++this.run;
    const stale = () => run !== this.run || !this.active;
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
      this.muteButton.hidden = false;
      this.micMeter.wrapper.hidden = false;
      this.speakerMeter.wrapper.hidden = false;
      this.group.dataset.codec = codec === OPUS ? "opus" : "pcm";
      this.state.textContent = `On the call (${codec === OPUS ? "Opus" : "PCM"})`;
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
    this.micMeter.wrapper.hidden = true;
    this.speakerMeter.wrapper.hidden = true;
    this.state.textContent = "Call ended";
  }

  mute(muted) {
    this.muted = muted;
    this.capture.muted = muted;
    this.muteButton.setAttribute("aria-pressed", String(muted));
    this.muteButton.textContent = muted ? "Unmute" : "Mute";
    this.leg.send("voice", { type: "mute", muted });
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
      player = new VoicePlayer(this.context, this.output, {
        level: (level) => this.#heard(level),
        playable: (plays) => {
          this.state.textContent = plays ? "On the call"
            : "This browser cannot play the other side's voice (no Opus decoder)";
        },
      });
      this.players.set(frame.from, player);
    }
    player.push(frame.seq, frame.codec, frame.payload);
    this.framesReceived++;
    this.group.dataset.framesReceived = this.framesReceived;
  }

  #heard(level) {
    this.speakerMeter.set(level);
    this.heardEnergy = (this.heardEnergy || 0) + level;
    this.group.dataset.heardEnergy = this.heardEnergy.toFixed(4);
  }

  #otherMuted({ muted }) {
    this.state.textContent = muted ? "The other side muted their microphone" : "On the call";
  }
}

function meter(label, className) {
  const wrapper = el("label", `meter ${className}`);
  wrapper.append(el("span", "visually-hidden", label));
  const bar = el("meter");
  bar.min = 0;
  bar.max = 1;
  bar.value = 0;
  wrapper.append(bar);
  return {
    wrapper,
    set(level) {
      bar.value = Math.min(1, level * 4);
    },
  };
}
