// Idempotency-Key for a request that may be retried (README "REST API"): the same request retried after a
// failure a retry may mend (no answer, a server error, the first still in flight) carries the same key, so that
// a start that did go through is answered again instead of starting twice; any other request gets a new key.

/** A new key: 32 hex digits from the browser's random source (crypto.randomUUID needs a secure page). */
export function newKey(random = globalThis.crypto) {
  const bytes = random.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Whether a retry of the same request may get another answer: then it must carry the same key. */
export function retriable(failure) {
  return failure.status === 0 || failure.status >= 500 || failure.code === "idempotency-key-in-flight";
}

export class RetryKey {
  #pending = null;

  constructor(make = newKey) {
    this.make = make;
  }

  /** The key for this request body: the pending key when it is the same request again, else a new one. */
  for(body) {
    const text = JSON.stringify(body);
    if (this.#pending?.body !== text) {
      this.#pending = { body: text, key: this.make() };
    }
    return this.#pending.key;
  }

  /** The request was answered (failure undefined) or failed: only a retriable failure keeps the key. */
  settled(failure) {
    if (!failure || !retriable(failure)) {
      this.#pending = null;
    }
  }
}
