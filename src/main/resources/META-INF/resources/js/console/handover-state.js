// Where a conference or transfer this console asked for stands, as an explicit state: what was asked (of whom),
// and the phase it is in, moved on by the answer to the request, the roster and the control channel's codes
// (transfer failures and handover outcomes), never by reading text back. Pure: no DOM, no clock.

import { subjectPhrase } from "../shared/subject-words.js";

const ACTIVE = ["invited", "joining", "connected"];

/** Nothing asked, or what was asked is over and said. */
export const IDLE = Object.freeze({ phase: "idle", text: "" });


function what(kind) {
  return kind === "transfer" ? "Transfer" : "Conference";
}

/**
 * The agent asked: {@code kind} "conference" or "transfer", of an agent by name ({@code name}) or of whoever fits
 * {@code subject}.
 */
export function asking(kind, { name = null, subject = null }) {
  return { phase: "asking", kind, name, subject, text: `${what(kind)}: asking…`, note: false };
}

/** The request was refused: the state says why, and the panel is free again. */
export function refused(state, detail) {
  return { ...state, phase: "ended", text: `${what(state.kind)} refused: ${detail}`, note: false };
}

/**
 * What is under way in the session to bring a second agent in: "transfer", "conference", or null. A second agent
 * is one invited after the first agent still in (as the server decides what Call off lets go), never
 * {@code myLegId}.
 */
export function underWay(session, myLegId) {
  if (session.queue && session.queue.purpose !== "serve") {
    return session.queue.purpose;
  }
  const csrs = (session.legs || []).filter((leg) => leg.role === "csr" && ACTIVE.includes(leg.state));
  if (session.transfer) {
    return csrs.some((leg) => leg.id === session.transfer.fromLegId) ? "transfer" : null;
  }
  return csrs.slice(1).some((leg) => leg.state === "invited" && leg.id !== myLegId) ? "conference" : null;
}

/**
 * A roster arrived. While a request is open it tells the phase: offered (to the named agent, or to whom for a
 * subject), then the second agent on the way in, then in. {@code nameOf} turns "csr:bob" into a name.
 */
export function withRoster(state, session, myLegId, nameOf) {
  const queue = session.queue;
  if (queue && queue.purpose !== "serve") {
    const kind = queue.purpose;
    if (queue.to) {
      return { ...state, phase: "offered", kind, name: nameOf(queue.to), note: false,
        text: `${what(kind)}: waiting for ${nameOf(queue.to)} to answer…` };
    }
    const offered = (queue.offers || []).map((offer) => nameOf(offer.csr));
    return { ...state, phase: "offered", kind, subject: queue.subject, note: false,
      text: `${what(kind)}: looking for whoever handles ${subjectPhrase(queue.subject)} — `
        + `${offered.length ? `offered to ${offered.join(", ")}` : "nobody free yet"}` };
  }
  if (!["asking", "offered", "joining"].includes(state.phase)) {
    return state;
  }
  const going = underWay(session, myLegId);
  if (going !== null) {
    return state.phase === "joining" ? state : { ...state, phase: "joining", note: false,
      text: `${what(state.kind)}: ${state.name || "the other agent"} accepted and is joining…` };
  }
  if (state.phase === "asking") {
    return state;
  }
  const joined = (session.legs || []).some((leg) => leg.role === "csr" && leg.state === "connected"
    && leg.id !== myLegId && (state.name === null || leg.name === state.name));
  return { ...state, phase: "ended", note: false,
    text: joined ? `${what(state.kind)}: ${state.name || "the other agent"} joined.`
      : `${what(state.kind)} did not go ahead.` };
}

/**
 * The request was answered with the session as it stands now. A transfer to an agent already in the conversation
 * (consulted first) is done at once: nothing is left under way.
 */
export function answered(state, session, myLegId, nameOf) {
  const next = withRoster(state, session, myLegId, nameOf);
  if (next.phase !== "asking") {
    return next;
  }
  return { ...next, phase: "ended", note: true, text: next.kind === "transfer"
    ? `Transfer: ${next.name || "the other agent"} has the conversation now.`
    : `Conference: ${next.name || "the other agent"} is in the conversation.` };
}

const FAILURES = Object.freeze({
  "called-off": () => "Transfer called off.",
  "not-connected": () => "Transfer failed: the other agent did not connect in time; the conversation stays with you.",
});

/** The control channel's word on a transfer: started, completed, failed (with its failure code). */
export function withTransfer(state, transfer) {
  const kind = "transfer";
  switch (transfer.state) {
    case "started":
      return { ...state, kind, phase: "joining", note: true,
        text: "Transfer started: waiting for the other agent to connect…" };
    case "completed":
      return { ...state, kind, phase: "ended", note: true, text: "Transfer completed." };
    case "failed": {
      const said = FAILURES[transfer.failure];
      return { ...state, kind, phase: "ended", note: true,
        text: said ? said() : `Transfer failed: ${transfer.reason || "no reason given"}` };
    }
    default:
      return { ...state, kind, note: false, text: `Transfer ${transfer.state}` };
  }
}

/**
 * The control channel's word that a wait for a second agent is over, by its outcome: answered (on the way in),
 * declined (the agent asked by name said no, did not answer or went away: the reason says which), timed-out,
 * abandoned (the customer left), called-off, cancelled (the conversation ended, or the agent who asked left).
 */
export function withHandoverEnded(state, handover) {
  const kind = handover.purpose === "transfer" ? "transfer" : "conference";
  const whom = handover.to || `whoever handles ${subjectPhrase(handover.subject)}`;
  const ended = (text) => ({ ...state, kind, phase: "ended", note: true, text });
  switch (handover.outcome) {
    case "answered":
      return { ...state, kind, phase: "joining", note: false,
        text: `${what(kind)}: ${handover.to || `an agent for ${subjectPhrase(handover.subject)}`} accepted and is joining…` };
    case "declined":
      return ended(`${what(kind)} to ${whom} did not go ahead: ${handover.reason}. The conversation stays with you.`);
    case "timed-out":
      return ended(`${what(kind)}: nobody for ${subjectPhrase(handover.subject)} answered in time; `
        + "the conversation stays with you.");
    case "abandoned":
      return ended(`${what(kind)} to ${whom} stopped: the customer left.`);
    case "called-off":
      return ended(`${what(kind)} to ${whom} ${handover.reason}.`);
    default:
      return ended(`${what(kind)} to ${whom} stopped: ${handover.reason}.`);
  }
}
