// The voice channel's frame format (README, "voice" channel): a 12-byte big-endian header — uint32
// sequence, uint32 timestamp (in samples), uint8 codec (1 Opus, 2 PCM), uint8 flags, uint16 reserved —
// then the payload. The server relays each frame prefixed with the sender's leg id ([uint8 length][ASCII]).
// PCM is signed 16-bit little-endian mono at 16 kHz, 320 samples (20 ms), made from the 48 kHz capture.

export const OPUS = 1;
export const PCM = 2;
export const HEADER = 12;
/** Samples in 20 ms: 960 at 48 kHz (what the worklet captures), 320 of 16 kHz PCM. */
export const CAPTURE_FRAME = 960;
export const PCM_FRAME = 320;

/** A frame to send: the header, then the payload. */
export function encodeFrame({ seq, timestamp, codec }, payload) {
  const frame = new Uint8Array(HEADER + payload.length);
  const view = new DataView(frame.buffer);
  view.setUint32(0, seq >>> 0);
  view.setUint32(4, timestamp >>> 0);
  view.setUint8(8, codec);
  frame.set(payload, HEADER);
  return frame;
}

/** A relayed frame read: who sent it, its header and payload; null when it is too short to be one. */
export function readRelayed(buffer) {
  const bytes = new Uint8Array(buffer);
  const idLength = bytes[0];
  if (bytes.length < 1 + idLength + HEADER) {
    return null;
  }
  const from = new TextDecoder().decode(bytes.subarray(1, 1 + idLength));
  const frame = bytes.subarray(1 + idLength);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  return {
    from,
    seq: view.getUint32(0),
    timestamp: view.getUint32(4),
    codec: view.getUint8(8),
    payload: frame.subarray(HEADER),
  };
}

/** 20 ms captured at 48 kHz as 16 kHz PCM: each three samples averaged, clipped to [-1, 1]. */
export function toPcm(samples) {
  const pcm = new DataView(new ArrayBuffer(PCM_FRAME * 2));
  for (let i = 0; i < PCM_FRAME; i++) {
    const value = (samples[i * 3] + samples[i * 3 + 1] + samples[i * 3 + 2]) / 3;
    pcm.setInt16(i * 2, Math.max(-1, Math.min(1, value)) * 0x7fff, true);
  }
  return new Uint8Array(pcm.buffer);
}

/** PCM payload back to samples in [-1, 1). */
export function fromPcm(payload) {
  const samples = new Float32Array(payload.length / 2);
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  for (let i = 0; i < samples.length; i++) {
    samples[i] = view.getInt16(i * 2, true) / 0x8000;
  }
  return samples;
}

/** The RMS level of some samples (0 silence, about 0.7 a full-scale sine). */
export function level(samples) {
  let energy = 0;
  for (const sample of samples) {
    energy += sample * sample;
  }
  return samples.length ? Math.sqrt(energy / samples.length) : 0;
}
