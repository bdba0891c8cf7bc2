// Who is speaking on a call: a level meter for this page's microphone ("You") and one for each other
// person on the call, labelled with their name, marked while they speak and when they muted.

import { el } from "./dom.js";

/** Above this RMS level a person is speaking (the fake microphone's beep is about 0.1, room noise 0.005). */
export const SPEAKING_LEVEL = 0.02;
/** How long a person counts as speaking after their last loud frame, so the mark does not flicker. */
const SPEAKING_HOLD_MS = 400;

/** A meter's value for a level: the quiet part of speech is the part worth seeing, so it is magnified. */
export function meterValue(level) {
  return Math.min(1, Math.max(0, level) * 4);
}

export function isSpeaking(level) {
  return level > SPEAKING_LEVEL;
}

export class CallMeters {
  constructor() {
    this.element = el("div", "meters");
    this.element.setAttribute("role", "group");
    this.element.setAttribute("aria-label", "Who is speaking");
    this.meters = new Map();
  }

  /** The meters shown: `people` in order ({id, name}), each kept with its level while it stays. */
  show(people) {
    const wanted = new Set(people.map((person) => person.id));
    for (const [id, meter] of this.meters) {
      if (!wanted.has(id)) {
        clearTimeout(meter.hold);
        meter.wrapper.remove();
        this.meters.delete(id);
      }
    }
    this.element.replaceChildren(...people.map(({ id, name }) => {
      const meter = this.meters.get(id) ?? this.#meter(id);
      meter.name.textContent = name;
      return meter.wrapper;
    }));
  }

  set(id, level) {
    const meter = this.meters.get(id);
    if (!meter) {
      return;
    }
    meter.bar.value = meterValue(level);
    if (isSpeaking(level)) {
      meter.wrapper.dataset.speaking = "true";
      clearTimeout(meter.hold);
      meter.hold = setTimeout(() => delete meter.wrapper.dataset.speaking, SPEAKING_HOLD_MS);
    }
  }

  muted(id, muted) {
    const meter = this.meters.get(id);
    if (meter) {
      meter.wrapper.dataset.muted = String(muted);
      meter.state.textContent = muted ? " (muted)" : "";
    }
  }

  #meter(id) {
    const wrapper = el("label", "meter");
    wrapper.dataset.legId = id;
    const name = el("span", "meter-name");
    const state = el("span", "meter-muted");
    const bar = el("meter");
    bar.min = 0;
    bar.max = 1;
    bar.value = 0;
    wrapper.append(name, state, bar);
    const meter = { wrapper, name, state, bar, hold: null };
    this.meters.set(id, meter);
    return meter;
  }
}
