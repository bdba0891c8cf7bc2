// What a call is, read from the session's roster (pure): who is on it (their voice channel connected),
// who is in the conversation but not on it yet, whether this page may call, and what a page that is not
// on a live call does about it. The call follows the customer: an agent whose conversation arrives with a
// call under way (a transfer, a conference, a consultation) joins it; a call that starts while the agent
// is there rings.

const IN = ["invited", "joining", "connected"];
const STAFF = ["csr", "supervisor"];

function voiceOn(leg) {
  return leg.state === "connected" && leg.channels?.voice === "connected";
}

/** The other legs on the call, as roster entries. */
export function onCall(session, ownLegId) {
  return session.legs.filter((leg) => leg.id !== ownLegId && voiceOn(leg));
}

/**
 * The other agents in the conversation (connected) who are not on the call, in two: those it calls (an
 * agent's console joins a call under way, as after a transfer, or rings) and those who were on it (`met`:
 * leg ids seen on this call) and hung up.
 */
export function agentsNotOnCall(session, ownLegId, met = new Set()) {
  const off = session.legs.filter((leg) => leg.id !== ownLegId && leg.role === "csr" && leg.state === "connected"
    && !voiceOn(leg));
  return { called: off.filter((leg) => !met.has(leg.id)), hungUp: off.filter((leg) => met.has(leg.id)) };
}

/** This page's own leg in the roster, if it is there. */
export function own(session, ownLegId) {
  return session.legs.find((leg) => leg.id === ownLegId);
}

/** A customer calls only when an agent is there to answer; staff may always start a call. */
export function mayCall(session, ownLegId) {
  const mine = own(session, ownLegId);
  if (mine?.role !== "customer") {
    return true;
  }
  return session.legs.some((leg) => STAFF.includes(leg.role) && leg.state === "connected");
}

/**
 * Of the legs known to play something (by id), those that no longer listen: gone from the roster, left,
 * or their voice reported disconnected (one whose voice is not reported yet may already have said what it
 * plays: it stays).
 */
export function noLongerListening(session, legIds) {
  const legs = new Map(session.legs.map((leg) => [leg.id, leg]));
  return legIds.filter((id) => {
    const leg = legs.get(id);
    return !leg || !IN.includes(leg.state) || leg.channels?.voice === "disconnected";
  });
}

/**
 * Whether the roster says this leg left the call: it left the conversation or its voice was reported
 * disconnected. (A leg the roster does not list yet may have just joined: it has not left.) Its frames still
 * on their way are not played.
 */
export function hasLeftCall(session, legId) {
  const leg = session.legs.find((candidate) => candidate.id === legId);
  return Boolean(leg) && (!IN.includes(leg.state) || leg.channels?.voice === "disconnected");
}

/** Whether every other leg that said what it plays (`peerDecodes`, one list each) can play Opus. */
export function allPlayOpus(peerDecodes) {
  return peerDecodes.every((decodes) => decodes.includes("opus"));
}

/** Before the first roster: no call seen yet, nor a quiet moment. */
export const NOTHING_SEEN = Object.freeze({ live: false, quiet: false });

/**
 * What a page that is in the conversation does about the others' call, roster by roster. `seen` is what
 * the rosters before showed (NOTHING_SEEN at first): `live` a call was on, `quiet` this page had been in
 * the conversation with no call on. A CSR joins a call that was under way when it came (and rings instead
 * where the browser does not let the page start audio yet); a call that starts while it is there rings.
 * Customers and supervisors are offered the call ("Join the call") and never joined by themselves.
 * @returns {{seen: {live: boolean, quiet: boolean}, action: "join"|"ring"|null}}
 */
export function followCall(seen, { role, connected, live, onIt, audioAllowed }) {
  if (!connected) {
    return { seen, action: null };
  }
  if (!live || onIt) {
    return { seen: { live, quiet: seen.quiet || !live }, action: null };
  }
  if (seen.live) {
    return { seen, action: null };
  }
  const action = role !== "csr" ? null : !seen.quiet && audioAllowed ? "join" : "ring";
  return { seen: { live: true, quiet: seen.quiet }, action };
}
