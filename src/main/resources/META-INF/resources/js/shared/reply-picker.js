// Canned replies in a composer: "/" at the start of the text, then a few letters, lists the service's replies
// whose name starts with them first, then those whose name (or, from two letters on, text) holds them; one is
// picked to replace the text. Pure: no DOM, so Node tests it.

/** At most this many suggestions at once. */
export const MOST_SHOWN = 6;

/**
 * The replies the composer's text asks for, best first; none when it does not start with "/" or spans lines.
 * @param {string} text what the composer holds
 * @param {{name: string, text: string}[]} replies the service's canned replies
 */
export function repliesFor(text, replies) {
  if (!text.startsWith("/") || text.includes("\n")) {
    return [];
  }
  const typed = text.slice(1).trim().toLowerCase();
  const byName = replies.filter((reply) => reply.name.startsWith(typed));
  // One letter is found in nearly every text: texts are searched from two on.
  const elsewhere = replies.filter((reply) => !reply.name.startsWith(typed)
    && (reply.name.includes(typed) || (typed.length >= 2 && reply.text.toLowerCase().includes(typed))));
  return [...byName, ...elsewhere].slice(0, MOST_SHOWN);
}

/** The suggestion highlighted after a move of `step` (±1) from `current`, wrapping around `count`. */
export function moved(current, step, count) {
  return count === 0 ? -1 : (current + step + count) % count;
}
