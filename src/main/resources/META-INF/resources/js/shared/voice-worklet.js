// Runs in the audio thread: cuts the microphone into 20 ms frames (960 samples at 48 kHz) and posts
// each to the page, with its RMS level for the meter.
class ParleyCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.frame = new Float32Array(960);
    this.filled = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) {
      return true;
    }
    let offset = 0;
    while (offset < channel.length) {
      const take = Math.min(channel.length - offset, this.frame.length - this.filled);
      this.frame.set(channel.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.frame.length) {
        let energy = 0;
        for (let i = 0; i < this.frame.length; i++) {
          energy += this.frame[i] * this.frame[i];
        }
        this.port.postMessage({ samples: this.frame, level: Math.sqrt(energy / this.frame.length) },
          [this.frame.buffer]);
        this.frame = new Float32Array(960);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor("parley-capture", ParleyCapture);
