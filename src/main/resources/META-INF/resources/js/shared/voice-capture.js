// This page's microphone on a call: captured in an audio worklet (voice-worklet.js: 20 ms frames at
// 48 kHz, with their level), encoded as Opus by WebCodecs where the browser has it, 16 kHz PCM otherwise
// or while a listener cannot play Opus, and handed on as numbered frames ready to send (voice-frame.js).

import { encodeFrame, OPUS, PCM, toPcm } from "./voice-frame.js";

const OPUS_CONFIG = { codec: "opus", sampleRate: 48000, numberOfChannels: 1, bitrate: 32000 };

export class VoiceCapture {
  /**
   * @param {object} on frame(bytes, codec) for each frame to send; level(level) for each 20 ms captured
   *   (0 while muted); opus() whether Opus may be sent now (every listener plays it)
   */
  constructor(on) {
    this.on = on;
    this.muted = false;
    // The numbering goes on across calls from this page: a listener's player takes a rejoin as frames to come.
    this.seq = 0;
  }

  /**
   * Asks for the microphone and wires it into `context`. Answers the codec it encodes (OPUS or PCM), or
   * null when `stale()` says the call was hung up meanwhile (the microphone is then let go at once).
   */
  async start(context, stale) {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 },
    });
    if (stale()) {
      stream.getTracks().forEach((track) => track.stop());
      return null;
    }
    this.stream = stream;
    await context.audioWorklet.addModule(new URL("./voice-worklet.js", import.meta.url));
    if (stale()) {
      return null;
    }
    const source = context.createMediaStreamSource(stream);
    this.worklet = new AudioWorkletNode(context, "parley-capture");
    this.worklet.port.onmessage = (event) => this.#captured(event.data);
    source.connect(this.worklet);
    this.codec = await this.#encoder();
    return this.codec;
  }

  stop() {
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
    this.worklet?.disconnect();
    this.worklet = null;
    if (this.encoder?.state === "configured") {
      this.encoder.close();
    }
    this.encoder = null;
  }

  async #encoder() {
    if (typeof AudioEncoder === "undefined" || !(await AudioEncoder.isConfigSupported(OPUS_CONFIG)).supported) {
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
    this.encoder.configure({ ...OPUS_CONFIG, opus: { frameDuration: 20000 } });
    this.encodedSamples = 0;
    return OPUS;
  }

  #captured({ samples, level }) {
    this.on.level(this.muted ? 0 : level);
    if (!this.worklet || this.muted) {
      return;
    }
    if (this.codec === OPUS && this.on.opus() && this.encoder?.state === "configured") {
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
    this.#send(PCM, this.seq * 320, toPcm(samples));
  }

  #send(codec, timestamp, payload) {
    this.on.frame(encodeFrame({ seq: this.seq++, timestamp, codec }, payload), codec);
  }
}
