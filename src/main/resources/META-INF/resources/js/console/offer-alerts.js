// An offer that arrives rings (a short two-tone chime, on unless the agent switched it off) and, when the console
// is not in front, raises a browser notification (asked for once, on signing in). The rules are pure; the
// notification is a thin wrapper around the Notification API, the chime is shared/chime.js.

import { chime } from "../shared/chime.js";
import { PURPOSES } from "./offer-list.js";

export const SOUND_KEY = "parley-console-sound";

/** Whether the chime sounds: on unless switched off (kept in the browser across sign-ins). */
export function soundOn(storage) {
  return storage.getItem(SOUND_KEY) !== "off";
}

export function keepSound(storage, on) {
  storage.setItem(SOUND_KEY, on ? "on" : "off");
}

/**
 * How an offer is announced: the chime when sound is on, a notification when the console is not in front and the
 * browser allows it. An offer already announced (the same offer told again after a reconnection) is not.
 */
export function announce({ offerId, announced, sound, visible, permission }) {
  if (announced.has(offerId)) {
    return { chime: false, notify: false };
  }
  return { chime: sound, notify: !visible && permission === "granted" };
}

/** The notification's title and body: what the offer is, for which service, and how long there is to answer. */
export function notificationOf(offer) {
  const what = PURPOSES[offer.purpose] || "Offer";
  const about = offer.subject ? `About ${offer.subject.replace(/-/g, " ")}. ` : "";
  return { title: `${what}: ${offer.serviceName}`, body: `${about}${offer.secondsLeft} s to answer.` };
}

/** Plays and shows what announce() decides; counts the chimes on the element it is given (data-chimes). */
export class OfferAlerts {
  constructor(counter, storage = localStorage) {
    this.counter = counter;
    this.storage = storage;
    this.announced = new Set();
  }

  /** Asks for permission to notify, once (the browser remembers the answer); call it from a click. */
  askPermission() {
    if (typeof Notification !== "undefined" && Notification.permission === "default") {
      Notification.requestPermission().catch(() => {});
    }
  }

  offer(offer) {
    const decided = announce({
      offerId: offer.offerId,
      announced: this.announced,
      sound: soundOn(this.storage),
      visible: document.visibilityState === "visible" && document.hasFocus(),
      permission: typeof Notification === "undefined" ? "unsupported" : Notification.permission,
    });
    this.announced.add(offer.offerId);
    if (decided.chime) {
      this.#chime();
    }
    if (decided.notify) {
      const { title, body } = notificationOf(offer);
      const shown = new Notification(title, { body, tag: `parley-offer-${offer.offerId}` });
      shown.addEventListener("click", () => {
        window.focus();
        shown.close();
      });
    }
  }

  #chime() {
    this.counter.dataset.chimes = String(Number(this.counter.dataset.chimes || 0) + 1);
    chime();
  }
}
