// What the minimised widget shows of messages the customer has not seen: how many, and the first words of the
// last one. Pure: the widget calls it with each message and shows what it answers.

/** The first words of a text, at most max characters, cut between words, with "…" when cut. */
export function firstWords(text, max = 60) {
  const flat = String(text).replace(/\s+/g, " ").trim();
  if (flat.length <= max) {
    return flat;
  }
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, "")}…`;
}

/**
 * The unread state after a message arrives: counted when the panel is closed and someone else wrote it (never the
 * customer's own, never a staff-only message); {count, preview} with who wrote it.
 */
export function afterMessage(unread, message, { open, ownLegId }) {
  if (open || message.legId === ownLegId || message.note || message.coaching) {
    return unread;
  }
  return { count: unread.count + 1, preview: `${message.name || "Agent"}: ${firstWords(message.text)}` };
}

/** Nothing unread: what the widget starts from, and goes back to when the customer opens it. */
export const NOTHING_UNREAD = Object.freeze({ count: 0, preview: "" });

/** The launcher's words for screen readers: "Your conversation, 2 new messages". */
export function launcherLabel(base, unread) {
  return unread.count === 0 ? base
    : `${base}, ${unread.count} new message${unread.count === 1 ? "" : "s"}: ${unread.preview}`;
}
