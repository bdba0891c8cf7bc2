// What a page says about a call, in people's terms: "Alice Martin started a call", "Alice Martin and the
// customer are on a call", "On the call with Bob Okafor and the customer", "Calling Bob Okafor…", and how
// long it has lasted ("4:05"). Names are the rosters' own; a customer leg is named "Customer", said as "the
// customer" and put last.

const CUSTOMER = "Customer";

/** "A", "A and B", "A, B and C": people first, the customer last (as "the customer" when not alone). */
export function people(names) {
  const staff = names.filter((name) => name !== CUSTOMER);
  const customers = names.filter((name) => name === CUSTOMER).map(() => "the customer");
  const all = [...staff, ...customers];
  if (all.length <= 1) {
    return all.join("");
  }
  return `${all.slice(0, -1).join(", ")} and ${all[all.length - 1]}`;
}

/** The line beside "Join the call" when others are on a call this page is not on; empty when nobody is. */
export function callStarted(names) {
  if (names.length === 0) {
    return "";
  }
  const who = people(names);
  const capitalised = who.charAt(0).toUpperCase() + who.slice(1);
  return names.length === 1 ? `${capitalised} started a call` : `${capitalised} are on a call`;
}

/**
 * The line while this page is on the call: whom it is with; when nobody else is on it, the agents in the
 * conversation it is calling (after a transfer, the agent the call follows to), else who hung up, and only
 * when there is nobody to name, waiting.
 */
export function onCallWith(names, { called = [], hungUp = [] } = {}) {
  if (names.length) {
    return `On the call with ${people(names)}`;
  }
  if (called.length) {
    return `Calling ${people(called)}…`;
  }
  if (hungUp.length) {
    const who = people(hungUp);
    return `${who.charAt(0).toUpperCase()}${who.slice(1)} hung up`;
  }
  return "Waiting for the others to join the call";
}

/** How long a call has lasted: "0:07", "12:30", "1:02:03". */
export function duration(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  const [hours, minutes, rest] = [Math.floor(whole / 3600), Math.floor(whole / 60) % 60, whole % 60];
  const two = (value) => String(value).padStart(2, "0");
  return hours ? `${hours}:${two(minutes)}:${two(rest)}` : `${minutes}:${two(rest)}`;
}
