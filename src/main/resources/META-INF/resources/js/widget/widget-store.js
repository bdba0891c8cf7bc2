// What the widget remembers across page loads of the host site, in the browser's localStorage: the
// visitor token (the customer's identity towards Parley) and the open conversation per service.

export class WidgetStore {
  constructor(base, service) {
    this.prefix = `parley:${new URL(base).origin}:`;
    this.key = `${this.prefix}${service}`;
  }

  get visitorToken() {
    return read(`${this.prefix}visitor`);
  }

  set visitorToken(token) {
    write(`${this.prefix}visitor`, token);
  }

  /** The open conversation: sessionId, open (panel shown), leading (page push), lastSeq. */
  get conversation() {
    const text = read(this.key);
    try {
      return text ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  }

  update(changes) {
    const next = { ...(this.conversation || {}), ...changes };
    write(this.key, JSON.stringify(next));
    return next;
  }

  forget() {
    try {
      localStorage.removeItem(this.key);
    } catch {
      // Storage may be disabled; the conversation then lasts as long as the page.
    }
  }
}

function read(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage may be disabled or full; the widget still works for this page.
  }
}
