// Who is in a conversation, in people's terms: a leg's state and channel states become "online", "on the call",
// "sharing their page" or "gone (since 12 s)"; and a conversation's tab names the customer, the page and the time.
// Pure: the console's roster and tab draw what these say.

/** Leg states of someone who is, or is about to be, in the conversation. */
export const ACTIVE = Object.freeze(["invited", "joining", "connected"]);
/** Channel states of a channel that is not there: its page closed, or its network went. */
const ABSENT = Object.freeze(["disconnected", "failed"]);

/**
 * Whether the leg's page is gone: connected as far as the session knows (its leg waits a grace for the page to come
 * back), but its control channel is not. A customer who closed the tab is gone at once.
 */
export function isGone(leg) {
  return leg.state === "connected" && ABSENT.includes(leg.channels?.control);
}

/**
 * When each leg that is gone now was first seen gone: kept from `before` (a Map of leg id to ms), `now` for one
 * newly gone; a leg that came back is forgotten.
 */
export function goneSince(before, legs, now) {
  const after = new Map();
  legs.filter(isGone).forEach((leg) => after.set(leg.id, before.get(leg.id) ?? now));
  return after;
}

/** "12 s", "3 min", "1 h 5 min": how long, as a glance at the desk reads it. */
export function duration(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min`;
  }
  return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
}

/**
 * A leg's status: `status` for styles and tests (invited, joining, online, gone), `text` in people's terms.
 * `leader` is the leg id that leads page push (a customer leading shares their page); `goneAt` when the leg was first
 * seen gone (ms; now if unknown).
 */
export function legStatus(leg, { leader = null, goneAt, now }) {
  if (leg.state === "invited") {
    return { status: "invited", text: "invited, not here yet" };
  }
  if (leg.state === "joining") {
    return { status: "joining", text: "joining" };
  }
  if (!ACTIVE.includes(leg.state)) {
    return { status: "left", text: "left" };
  }
  if (isGone(leg)) {
    return { status: "gone", text: `gone (since ${duration(now - (goneAt ?? now))})` };
  }
  const doing = [];
  if (leg.channels?.voice === "connected") {
    doing.push("on the call");
  }
  if (leader === leg.id) {
    doing.push(leg.role === "customer" ? "sharing their page" : "showing a page");
  }
  return { status: "online", text: doing.length ? doing.join(", ") : "online" };
}

/** A customer as the agent knows them: the name staff gave, the reference they were invited by, or a visitor. */
export function customerName(leg) {
  if (!leg) {
    return "no customer";
  }
  if (leg.label) {
    return leg.label;
  }
  const id = leg.endpoint?.id || "";
  // Anonymous visitors carry a generated "v-…" id: a number means nothing to the agent.
  return id && !id.startsWith("v-") && id !== "hidden" ? id : "Website visitor";
}

/** The page a URL shows, short enough for a tab: its path (and query), without origin or fragment. */
export function pageName(url) {
  if (!url) {
    return null;
  }
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}` || "/";
  } catch {
    return null;
  }
}

/**
 * A conversation's tab: `name` (the customer), and `detail` (the subject or service, the page the customer is on
 * when known, how long the conversation has been going).
 */
export function tabTitle(session, { serviceName, subjectName, page, now }) {
  const customer = session.legs.find((leg) => leg.role === "customer" && ACTIVE.includes(leg.state))
    || session.legs.find((leg) => leg.role === "customer");
  const started = Date.parse(session.createdAt);
  const parts = [subjectName || serviceName || session.service, pageName(page)];
  if (!Number.isNaN(started) && session.state !== "ended") {
    parts.push(duration(now - started));
  }
  return { name: customerName(customer), detail: parts.filter(Boolean).join(" · ") };
}
