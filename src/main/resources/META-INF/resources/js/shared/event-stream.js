// Server-Sent Events read with fetch (EventSource cannot send an Authorization header): the parser is pure and
// takes the text as it arrives in chunks; the follower reconnects after a drop, resuming with Last-Event-ID.

/**
 * Reads the event stream format (text/event-stream) chunk by chunk. Calls onEvent({id, event, data}) for each
 * event that has data; comments (": heartbeat") and fields it does not know are skipped. The last id seen is kept
 * (lastEventId) for a resume, as the standard says, even from an event without data.
 */
export class EventStreamParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = "";
    this.lastEventId = null;
    this.#reset();
  }

  #reset() {
    this.event = "";
    this.data = [];
    this.id = null;
  }

  push(chunk) {
    this.buffer += chunk;
    let end;
    while ((end = this.#lineEnd()) >= 0) {
      const line = this.buffer.slice(0, end);
      const crlf = this.buffer[end] === "\r" && this.buffer[end + 1] === "\n";
      this.buffer = this.buffer.slice(end + (crlf ? 2 : 1));
      this.#line(line);
    }
  }

  #lineEnd() {
    const lf = this.buffer.indexOf("\n");
    const cr = this.buffer.indexOf("\r");
    if (cr >= 0 && cr === this.buffer.length - 1) {
      // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
      return lf >= 0 && lf < cr ? lf : -1;
    }
    return cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
  }

  #line(line) {
    if (line === "") {
      if (this.id !== null) {
        this.lastEventId = this.id;
      }
      if (this.data.length > 0) {
        this.onEvent({ id: this.id ?? this.lastEventId, event: this.event || "message", data: this.data.join("\n") });
      }
      this.#reset();
      return;
    }
    if (line.startsWith(":")) {
      return;
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) {
      value = value.slice(1);
    }
    if (field === "data") {
      this.data.push(value);
    } else if (field === "event") {
      this.event = value;
    } else if (field === "id" && !value.includes("\0")) {
      this.id = value;
    }
  }
}

/** How long to wait before the attempt-th reconnection (1, 2, …): doubling from half a second, at most 15 s. */
export function reconnectDelay(attempt) {
  return Math.min(15000, 500 * 2 ** Math.max(0, Math.min(attempt - 1, 5)));
}

/** Whether a failed stream is worth opening again: not when the server refused who asks or what was asked. */
export function worthRetrying(status) {
  return !(status === 400 || status === 401 || status === 403 || status === 404);
}

/**
 * Follows the stream at url with fetch, sending authorization() as the Authorization header, until stop() is
 * called. onEvent gets every event, onState("live" | "reconnecting" | "refused", detail) how it stands. After a drop
 * it reconnects with the last id seen, so nothing is missed (the server says "reset" when too much was).
 */
export function followEventStream(url, { authorization, onEvent, onState = () => {}, fetchImpl = fetch }) {
  let stopped = false;
  let attempt = 0;
  let controller = null;
  let lastEventId = null;
  let timer = null;

  async function open() {
    controller = new AbortController();
    const headers = { Accept: "text/event-stream" };
    const auth = authorization();
    if (auth) {
      headers.Authorization = auth;
    }
    if (lastEventId) {
      headers["Last-Event-ID"] = lastEventId;
    }
    const parser = new EventStreamParser(onEvent);
    parser.lastEventId = lastEventId;
    try {
      const response = await fetchImpl(url, { headers, signal: controller.signal, credentials: "omit" });
      if (!response.ok) {
        if (!worthRetrying(response.status)) {
          stopped = true;
          onState("refused", response.status);
          return;
        }
        throw new Error(`HTTP ${response.status}`);
      }
      attempt = 0;
      onState("live");
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        parser.push(value);
        lastEventId = parser.lastEventId;
      }
    } catch (error) {
      lastEventId = parser.lastEventId ?? lastEventId;
      if (stopped) {
        return;
      }
    }
    if (!stopped) {
      attempt++;
      onState("reconnecting", reconnectDelay(attempt));
      timer = setTimeout(open, reconnectDelay(attempt));
    }
  }

  open();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
    },
  };
}
