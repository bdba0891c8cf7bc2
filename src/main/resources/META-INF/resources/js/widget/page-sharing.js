// The customer's side of page push, as rules: what a push that arrives does (follow it, ask first because the
// customer changed a field of this page, or leave it), what the pushed page is called in the chat, what the
// customer is told of whom their page is shared with, and which agents to ask about (one who joined after the
// first, until the customer said yes or not now). The server holds to the same consent; these rules only decide
// what the page shows and does. Pure.

/**
 * What this page does with a push: "follow" (go there), "ask" (the customer changed a field here: ask before
 * leaving), or "ignore" (this page leads, the customer stopped sharing, it is this very page, or a catch-up of a
 * push this conversation saw before: a customer who wandered off is not pulled back on every page).
 */
export function pushDecision({ leading, stopped, catchUp, news, samePage, changed }) {
  if (leading || stopped || samePage || (catchUp && !news)) {
    return "ignore";
  }
  return changed ? "ask" : "follow";
}

/**
 * What the pushed page is called in the chat: the first part of its title when the page is known ("Grinders" of
 * "Grinders · Bean & Burr"), else the last part of its path in words ("delivery.html#returns" → "Delivery,
 * returns"), or its host for a site's home page.
 */
export function pageName(url, title) {
  const titled = (title || "").split(/\s+[·|–—-]\s+/)[0].trim();
  if (titled) {
    return titled;
  }
  let page;
  try {
    page = new URL(url);
  } catch {
    return "a page";
  }
  const last = page.pathname.split("/").filter(Boolean).pop() || "";
  const words = (text) => decodeURIComponent(text).replace(/\.[a-z0-9]+$/i, "").replace(/[-_+]+/g, " ").trim();
  const name = /^index(\.[a-z0-9]+)?$/i.test(last) ? "" : words(last);
  const anchor = words(page.hash.slice(1));
  const base = name ? name[0].toUpperCase() + name.slice(1) : page.host;
  return anchor ? `${base}, ${anchor}` : base;
}

/** The line in the chat for a push: "Alice Martin shows you: Grinders". */
export function pushLine(agent, name, { asking = false } = {}) {
  return asking ? `${agent} wants to show you: ${name}. You have changed something on this page.`
    : `${agent} shows you: ${name}`;
}

/**
 * What the customer is told of their page's sharing, from the server's last `sharing` ({ stopped, with }) and the
 * names of the agents: whom it is shared with, or that it is stopped.
 */
export function sharingLine(sharing, nameOf) {
  if (!sharing) {
    return "";
  }
  if (sharing.stopped) {
    return "You stopped sharing your page: agents cannot show you pages or see yours.";
  }
  const names = (sharing.with || []).map(nameOf);
  return names.length ? `Page sharing is on with ${names.join(" and ")}.` : "";
}

/**
 * The agents to ask the customer about: those in the conversation (connected, seen by the customer) whom the page is
 * not shared with, unless the customer stopped sharing (then nobody is asked: sharing again is the customer's
 * move) or already answered "not now" for them.
 */
export function agentsToAsk(sharing, agents, declined = []) {
  if (!sharing || sharing.stopped) {
    return [];
  }
  const shared = new Set(sharing.with || []);
  return agents.filter((agent) => !shared.has(agent.id) && !declined.includes(agent.id));
}
