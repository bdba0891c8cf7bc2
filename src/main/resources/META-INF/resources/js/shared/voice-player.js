// One sender's voice on this page: its frames put back in order (jitter-buffer.js), decoded (PCM here,
// Opus by WebCodecs where the browser has it) and played a little behind real time, its level reported
// for the sender's meter.

import { JitterBuffer } from "./jitter-buffer.js";
import { fromPcm, level, PCM } from "./voice-frame.js";

/** How far behind real time the voice plays, to ride out uneven arrival. */
const PLAYOUT_DELAY = 0.06;
// Opus frames in a row that this browser cannot decode before it says so (half a second).
const UNDECODABLE_WARNING = 25;
const OPUS_CONFIG = { codec: "opus", sampleRate: 48000, numberOfChannels: 1 };

export class VoicePlayer {
  /**
   * @param {AudioContext} context where it plays, into `output`
   * @param {object} on level(level) for each frame played; playable(false) after a run of frames it cannot
   *   decode, playable(true) when it plays again
   */
  constructor(context, output, on) {
    this.context = context;
    this.output = output;
    this.on = on;
    this.buffer = new JitterBuffer();
    this.undecodable = 0;
    this.playAt = 0;
    this.decoder = null;
  }

  push(seq, codec, payload) {
    // The payload is a view of the socket's buffer: kept as a copy while it may wait.
    for (const frame of this.buffer.push(seq, { codec, payload: payload.slice() })) {
      this.#decode(frame);
    }
  }

  #decode({ codec, payload }) {
    if (codec === PCM) {
      this.#play(fromPcm(payload), 16000);
      return;
    }
    if (typeof AudioDecoder === "undefined") {
      // Until the sender has heard that this side plays PCM only, a few Opus frames may still come.
      if (++this.undecodable === UNDECODABLE_WARNING) {
        this.on.playable(false);
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
      this.decoder.configure(OPUS_CONFIG);
      this.timestamp = 0;
    }
    this.decoder.decode(new EncodedAudioChunk({ type: "key", timestamp: this.timestamp, data: payload }));
    this.timestamp += 20000;
  }

  #play(samples, sampleRate) {
    if (this.undecodable >= UNDECODABLE_WARNING) {
      this.on.playable(true);
    }
    this.undecodable = 0;
    this.on.level(level(samples));
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
export async function playable() {
  try {
    if (typeof AudioDecoder !== "undefined" && (await AudioDecoder.isConfigSupported(OPUS_CONFIG)).supported) {
      return ["opus", "pcm"];
    }
  } catch {
    // No WebCodecs audio: PCM only.
  }
  return ["pcm"];
}
