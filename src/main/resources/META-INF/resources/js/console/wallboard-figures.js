// What the wallboard shows of the figures GET /api/wallboard answers: pure, so that it is tested without a page.

/** A share from 0 to 1 as a whole percent; a dash before there is any. */
export function percent(share) {
  return share === null || share === undefined || Number.isNaN(share) ? "—" : `${Math.round(share * 100)}%`;
}

/** Seconds as m:ss, or h:mm:ss from an hour on; a dash when unknown. */
export function clock(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) {
    return "—";
  }
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** The customers' average rating and how many rated, "4.5 (12)"; a dash before any. */
export function ratingText(service) {
  return service.ratings > 0 && service.averageRating !== null && service.averageRating !== undefined
    ? `${service.averageRating.toFixed(1)} (${service.ratings})` : "—";
}

/** Whether a service meets its service level: "met", "missed", or "none" before any wait was answered or lost. */
export function levelState(service) {
  if (service.serviceLevel === null || service.serviceLevel === undefined) {
    return "none";
  }
  return service.serviceLevel * 100 >= service.serviceLevelGoal ? "met" : "missed";
}

/** "83% (goal 80% in 20 s)": how a service does against what it promises. */
export function levelText(service) {
  return `${percent(service.serviceLevel)} (goal ${service.serviceLevelGoal}% in ${service.serviceLevelTargetSeconds} s)`;
}

/** How long since an instant (ISO-8601 text), in seconds, at now (milliseconds since the epoch). */
export function secondsSince(instant, now) {
  return Math.max(0, (now - Date.parse(instant)) / 1000);
}

/** The agents of a service by state, in the order a floor reads them, leaving out states nobody is in. */
export function agentsLine(agents) {
  const order = ["available", "busy", "wrap-up", "away", "offline"];
  const parts = order.filter((state) => agents?.[state] > 0).map((state) => `${agents[state]} ${state}`);
  return parts.length ? parts.join(", ") : "nobody";
}

/**
 * Whether a stream event changes what the board shows: session and agent entries do; anything else (a reset) means
 * load it all again too. Typing and chat never come on the stream.
 */
export function changesBoard(event) {
  return event.event === "session" || event.event === "agent" || event.event === "reset";
}
