// What the widget remembers across page loads of the host site, in the browser's localStorage: the
// visitor token (the customer's identity towards Parley), the open conversation per service, and which
// service the customer talks to now (so a page of the site whose widget names another service, reached
// by following the agent, carries on that conversation).

export class WidgetStore {
  constructor(base, service) {
    this.service = service;
    this.prefix = `parley:${new URL(base).origin}:`;
    this.key = `${this.prefix}${service}`;
  }

  /** The service of the conversation the customer is in, if any, whatever service a page's widget names. */
  static current(base) {
    const service = read(`parley:${new URL(base).origin}:current`);
    return service && new WidgetStore(base, service).conversation?.sessionId ? service : null;
  }

  get visitorToken() {
    return read(`${this.prefix}visitor`);
  }

  set visitorToken(token) {
    write(`${this.prefix}visitor`, token);
  }

  /** The open conversation: sessionId, open (panel shown), leading (page push), pushed, consent, lastSeq. */
  get conversation() {
    const text = read(this.key);
    try {
      return text ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  }

  /**
   * The open conversation changes (it is the current one). A conversation that came with its own visitor
   * token (a customer invited by link) keeps it as {@code visitorToken}.
   */
  update(changes) {
    const next = { ...(this.conversation || {}), ...changes };
    write(this.key, JSON.stringify(next));
    write(`${this.prefix}current`, this.service);
    return next;
  }

  /** Where the last page the agent pushed in the open conversation is kept: { load() → url, save(url) }. */
  get pushes() {
    return {
      load: () => this.conversation?.pushed,
      save: (url) => this.conversation?.sessionId && this.update({ pushed: url }),
    };
  }

  /**
   * The customer's page-sharing choices in the open conversation ({ stopped, declined, arriving }): they end with
   * it, and a new conversation starts without them.
   */
  get consent() {
    return {
      load: () => this.conversation?.consent || {},
      save: (changes) => this.conversation?.sessionId
        && this.update({ consent: { ...(this.conversation.consent || {}), ...changes } }),
    };
  }

  forget() {
    try {
      localStorage.removeItem(this.key);
      if (localStorage.getItem(`${this.prefix}current`) === this.service) {
        localStorage.removeItem(`${this.prefix}current`);
      }
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
