// The agent's own state as the console's badge and presence control both say it: available, busy, wrap-up with its
// countdown, away, offline. Pure, so the two never disagree.

/** Presences the agent sets; available, busy and wrap-up all follow from the presence "available". */
const PRESENCES = Object.freeze(["away", "offline"]);

/**
 * What the badge says and what the presence control's "Available" option says, for `state` (wire name) and, in
 * wrap-up, the seconds left until `wrapUpUntil` (ms since the epoch; null when unknown).
 */
export function stateWords(state, { wrapUpUntil = null, now }) {
  const presence = PRESENCES.includes(state) ? state : "available";
  if (state === "wrap-up") {
    const left = wrapUpUntil === null ? null : Math.max(0, Math.ceil((wrapUpUntil - now) / 1000));
    const time = left === null ? "" : ` ${left} s`;
    return { presence, badge: `Wrap-up${time}`, available: `Available after wrap-up${time}`, counting: left !== null };
  }
  if (state === "busy") {
    return { presence, badge: "Busy", available: "Available (busy: no room for more)", counting: false };
  }
  const badge = state.charAt(0).toUpperCase() + state.slice(1).replace("-", " ");
  return { presence, badge, available: "Available", counting: false };
}
