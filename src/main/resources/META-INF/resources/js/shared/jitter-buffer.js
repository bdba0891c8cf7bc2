// One sender's frames put back in order: a frame that arrives early waits for the ones before it; one
// missing for longer than the reorder window is given up on; a late frame is dropped; a sender whose
// numbering goes back by a second or more started again (its page was reloaded, it rejoined the call).

/** Frames that may wait for a missing one before it is skipped. */
export const REORDER_WINDOW = 3;
/** A step back by more than this many frames (one second of 20 ms frames) is a restart, not a late frame. */
export const RESTART_GAP = 50;

export class JitterBuffer {
  constructor() {
    this.expected = null;
    this.waiting = new Map();
  }

  /** Takes frame `seq` and answers the frames now ready to play, in order (often just this one). */
  push(seq, frame) {
    if (this.expected !== null && seq + RESTART_GAP < this.expected) {
      this.expected = null;
      this.waiting.clear();
    }
    if (this.expected !== null && seq < this.expected) {
      return [];
    }
    this.waiting.set(seq, frame);
    if (this.expected === null) {
      this.expected = seq;
    }
    if (!this.waiting.has(this.expected) && this.waiting.size > REORDER_WINDOW) {
      this.expected = Math.min(...this.waiting.keys());
    }
    const ready = [];
    while (this.waiting.has(this.expected)) {
      ready.push(this.waiting.get(this.expected));
      this.waiting.delete(this.expected);
      this.expected++;
    }
    return ready;
  }
}
