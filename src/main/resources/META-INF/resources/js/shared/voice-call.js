// Packetized voice on the leg's voice channel. The microphone is cut into 20 ms frames, encoded as Opus
// with WebCodecs where the browser has it (16 kHz PCM otherwise) and sent with a 12-byte header:
// uint32 sequence, uint32 timestamp (in samples), uint8 codec (1 Opus, 2 PCM), uint8 flags, uint16 0.
// Frames from the others arrive prefixed with the sender's leg id; each sender gets a small jitter
// buffer (frames put back in order, played 60 ms behind) and a decoder. Mute, and live level meters.
// Each leg says on the channel what it can play ("codecs") when it joins the call, and every leg on the
// call answers with its own; while anyone listening cannot play Opus, this side sends PCM.

import { callStarted, onCallWith } from "./call-line.js";
import { el } from "./dom.js";

const OPUS = 1;
const PCM = 2;
const HEADER = 12;
const PLAYOUT_DELAY = 0.06;
const REORDER_WINDOW = 3;
// A sender whose numbering goes back by more than this many frames (one second) started again: its page
// was reloaded or it rejoined the call. Anything less is a late frame, and dropped.
const RESTART_GAP = 50;
// Opus frames in a row that this browser cannot decode before it says so (half a second).
const UNDECODABLE_WARNING = 25;

export class VoiceCall {
  constructor(leg, toolbar, { callLabel = "Start voice" } = {}) {
    this.leg = leg;
    this.callLabel = callLabel;
    this.active = false;
    this.run = 0;
    this.muted = false;
    this.seq = 0;
    this.players = new Map();
    // What the other legs on the call can play, by leg id.
    this.peerCodecs = new Map();
    this.framesSent = 0;
    this.framesReceived = 0;
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
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 },
      });
      if (stale()) {
        // Hung up while the browser asked for the microphone: let go of it at once.
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      this.stream = stream;
      await context.audioWorklet.addModule(new URL("./voice-worklet.js", import.meta.url));
      if (stale()) {
        return;
      }
      const source = this.context.createMediaStreamSource(this.stream);
      this.capture = new AudioWorkletNode(this.context, "parley-capture");
      this.capture.port.onmessage = (event) => this.#captured(event.data);
      source.connect(this.capture);
      this.codec = await this.#encoder();
      this.decodes = await playable();
      if (stale()) {
        return;
      }
      this.leg.openChannel("voice");
      this.muteButton.hidden = false;
      this.micMeter.wrapper.hidden = false;
      this.speakerMeter.wrapper.hidden = false;
      this.group.dataset.codec = this.codec === OPUS ? "opus" : "pcm";
      this.state.textContent = `On the call (${this.codec === OPUS ? "Opus" : "PCM"})`;
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
    this.stream?.getTracks().forEach((track) => track.stop());
    this.capture?.disconnect();
    if (this.encoder?.state === "configured") {
      this.encoder.close();
    }
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
    this.muteButton.setAttribute("aria-pressed", String(muted));
    this.muteButton.textContent = muted ? "Unmute" : "Mute";
    this.leg.send("voice", { type: "mute", muted });
  }

  #announceCodecs(reply) {
    if (this.active && this.decodes) {
      this.leg.send("voice", { type: "codecs", decodes: this.decodes, reply });
    }
  }

  /** Opus while every other leg that said what it plays can play it. */
  #sendsOpus() {
    return this.codec === OPUS && [...this.peerCodecs.values()].every((decodes) => decodes.includes("opus"));
  }

  async #encoder() {
    const config = { codec: "opus", sampleRate: 48000, numberOfChannels: 1, bitrate: 32000 };
    if (typeof AudioEncoder === "undefined" || !(await AudioEncoder.isConfigSupported(config)).supported) {
      return PCM;
    }
    this.encoder = new AudioEncoder({
      output: (chunk) => {
        const payload = new Uint8Array(chunk.byteLength);
        chunk.copyTo(payload);
        this.#send(OPUS, Math.round((chunk.timestamp / 1e6) * 48000), payload);
      },
      error: () => (this.codec = PCM),
    });
    this.encoder.configure({ ...config, opus: { frameDuration: 20000 } });
    this.encodedSamples = 0;
    return OPUS;
  }

  #captured({ samples, level }) {
    this.micMeter.set(this.muted ? 0 : level);
    if (!this.active || this.muted) {
      return;
    }
    if (this.#sendsOpus() && this.encoder?.state === "configured") {
      const data = new AudioData({
        format: "f32-planar",
        sampleRate: 48000,
        numberOfFrames: samples.length,
        numberOfChannels: 1,
        timestamp: Math.round((this.encodedSamples / 48000) * 1e6),
        data: samples,
      });
      this.encodedSamples += samples.length;
      this.encoder.encode(data);
      data.close();
      return;
    }
    const pcm = new DataView(new ArrayBuffer(320 * 2));
    for (let i = 0; i < 320; i++) {
      const value = (samples[i * 3] + samples[i * 3 + 1] + samples[i * 3 + 2]) / 3;
      pcm.setInt16(i * 2, Math.max(-1, Math.min(1, value)) * 0x7fff, true);
    }
    this.#send(PCM, this.seq * 320, new Uint8Array(pcm.buffer));
  }

  #send(codec, timestamp, payload) {
    const frame = new Uint8Array(HEADER + payload.length);
    const view = new DataView(frame.buffer);
    view.setUint32(0, this.seq++);
    view.setUint32(4, timestamp >>> 0);
    view.setUint8(8, codec);
    frame.set(payload, HEADER);
    this.leg.sendBinary("voice", frame);
    this.framesSent++;
    this.group.dataset.framesSent = this.framesSent;
    this.group.dataset.sending = codec === OPUS ? "opus" : "pcm";
  }

  #receive(buffer) {
    if (!this.active || !this.context) {
      return;
    }
    const bytes = new Uint8Array(buffer);
    const idLength = bytes[0];
    const from = new TextDecoder().decode(bytes.subarray(1, 1 + idLength));
    const frame = bytes.subarray(1 + idLength);
    if (frame.length < HEADER) {
      return;
    }
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    let player = this.players.get(from);
    if (!player) {
      player = new Player(this.context, this.output, (level) => this.#heard(level), (playable) => {
        this.state.textContent = playable ? "On the call"
          : "This browser cannot play the other side's voice (no Opus decoder)";
      });
      this.players.set(from, player);
    }
    player.push(view.getUint32(0), view.getUint8(8), frame.subarray(HEADER));
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

/** One sender: frames put back in order, decoded, and played a little behind real time. */
class Player {
  /** @param onPlayable (false) after a run of frames it cannot decode, (true) when it plays again */
  constructor(context, output, onLevel, onPlayable) {
    this.context = context;
    this.output = output;
    this.onLevel = onLevel;
    this.onPlayable = onPlayable;
    this.undecodable = 0;
    this.expected = null;
    this.waiting = new Map();
    this.playAt = 0;
    this.decoder = null;
  }

  push(seq, codec, payload) {
    if (this.expected !== null && seq + RESTART_GAP < this.expected) {
      this.expected = null;
      this.waiting.clear();
    }
    if (this.expected !== null && seq < this.expected) {
      return;
    }
    this.waiting.set(seq, { codec, payload: payload.slice() });
    if (this.expected === null) {
      this.expected = seq;
    }
    if (!this.waiting.has(this.expected) && this.waiting.size > REORDER_WINDOW) {
      this.expected = Math.min(...this.waiting.keys());
    }
    while (this.waiting.has(this.expected)) {
      const next = this.waiting.get(this.expected);
      this.waiting.delete(this.expected);
      this.expected++;
      this.#decode(next);
    }
  }

  #decode({ codec, payload }) {
    if (codec === PCM) {
      const samples = new Float32Array(payload.length / 2);
      const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
      for (let i = 0; i < samples.length; i++) {
        samples[i] = view.getInt16(i * 2, true) / 0x8000;
      }
      this.#play(samples, 16000);
      return;
    }
    if (typeof AudioDecoder === "undefined") {
      // Until the sender has heard that this side plays PCM only, a few Opus frames may still come.
      if (++this.undecodable === UNDECODABLE_WARNING) {
        this.onPlayable(false);
      }
      return;
    }
    if (!this.decoder) {
      this.decoder = new AudioDecoder({
        output: (data) => {
          const samples = new Float32Array(data.numberOfFrames);
          data.copyTo(samples, { planeIndex: 0, format: "f32-planar" });
          this.#play(samples, data.sampleRate);
          data.close();
        },
        error: () => (this.decoder = null),
      });
      this.decoder.configure({ codec: "opus", sampleRate: 48000, numberOfChannels: 1 });
      this.timestamp = 0;
    }
    this.decoder.decode(new EncodedAudioChunk({ type: "key", timestamp: this.timestamp, data: payload }));
    this.timestamp += 20000;
  }

  #play(samples, sampleRate) {
    if (this.undecodable >= UNDECODABLE_WARNING) {
      this.onPlayable(true);
    }
    this.undecodable = 0;
    let energy = 0;
    for (const sample of samples) {
      energy += sample * sample;
    }
    this.onLevel(Math.sqrt(energy / samples.length));
    const buffer = this.context.createBuffer(1, samples.length, sampleRate);
    buffer.copyToChannel(samples, 0);
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.output);
    const now = this.context.currentTime;
    if (this.playAt < now + 0.01) {
      this.playAt = now + PLAYOUT_DELAY;
    }
    source.start(this.playAt);
    this.playAt += buffer.duration;
  }

  close() {
    if (this.decoder?.state === "configured") {
      this.decoder.close();
    }
  }
}

/** What this browser can play: Opus where WebCodecs decodes it, PCM everywhere. */
async function playable() {
  try {
    if (typeof AudioDecoder !== "undefined" && (await AudioDecoder.isConfigSupported(
      { codec: "opus", sampleRate: 48000, numberOfChannels: 1 })).supported) {
      return ["opus", "pcm"];
    }
  } catch {
    // No WebCodecs audio: PCM only.
  }
  return ["pcm"];
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
