// What a page says about a call, in people's terms: "Alice Martin started a call", "Alice Martin and the
// customer are on a call", "On the call with Bob Okafor and the customer". Names are the rosters' own; a
// customer leg is named "Customer", said as "the customer" and put last.

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

/** The line while this page is on the call. */
export function onCallWith(names) {
  return names.length ? `On the call with ${people(names)}` : "Waiting for the others to join the call";
}
