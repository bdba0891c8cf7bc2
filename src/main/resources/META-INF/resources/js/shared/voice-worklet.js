// Runs in the audio thread: cuts the microphone into 20 ms frames (960 samples at 48 kHz) and posts
// each to the page, with its RMS level for the meter. An audio context that runs at another rate (the
// microphone's own, as some browsers require) is resampled to 48 kHz on the way, by linear interpolation.
const FRAME = 960;
const RATE = 48000;

class ParleyCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.frame = new Float32Array(FRAME);
    this.filled = 0;
    // Resampling: how far one output sample moves through the input, where the next one is (relative to
    // the current block; -1 is the last sample of the block before) and that last sample.
    this.step = sampleRate / RATE;
    this.position = 0;
    this.previous = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) {
      return true;
    }
    const samples = this.step === 1 ? channel : this.resample(channel);
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(samples.length - offset, this.frame.length - this.filled);
      this.frame.set(samples.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.frame.length) {
        let energy = 0;
        for (let i = 0; i < this.frame.length; i++) {
          energy += this.frame[i] * this.frame[i];
        }
        this.port.postMessage({ samples: this.frame, level: Math.sqrt(energy / this.frame.length) },
          [this.frame.buffer]);
        this.frame = new Float32Array(FRAME);
        this.filled = 0;
      }
    }
    return true;
  }

  resample(input) {
    const out = new Float32Array(Math.ceil((input.length - this.position) / this.step) + 1);
    let count = 0;
    while (this.position < input.length - 1) {
      const index = Math.floor(this.position);
      const fraction = this.position - index;
      const before = index < 0 ? this.previous : input[index];
      out[count++] = before + (input[index + 1] - before) * fraction;
      this.position += this.step;
    }
    this.position -= input.length;
    this.previous = input[input.length - 1];
    return out.subarray(0, count);
  }
}

registerProcessor("parley-capture", ParleyCapture);
