// The page a customer invited by link opens (GET /join/<token>): it joins by POSTing to its own URL, which
// answers fresh connection details, and the conversation starts at once, full-window. It is remembered as
// the widget does, so that when the agent takes the customer to a page of a site on Parley's origin, that
// page's widget carries the conversation on.

import { ParleyApi } from "../shared/api.js";
import { el } from "../shared/dom.js";
import { CustomerConversation } from "./customer-conversation.js";
import { WidgetStore } from "./widget-store.js";

const page = JSON.parse(document.getElementById("parley-join").textContent);
const root = document.getElementById("parley-join-root");
root.append(el("h1", null, page.service.name));

/** Why a link does not open, in words; the code is kept on the page for support and tests. */
const REFUSED = {
  "link-used": ["This link has already been used",
    "It was opened in another browser. Ask the person who sent it for a new invitation."],
  "link-expired": ["This link has expired", "Ask the person who sent it for a new link."],
  "session-ended": ["This conversation has ended", "The conversation you were invited to is over."],
};

// Joining is a POST from this page (the GET changed nothing, so a mail scanner fetching the link binds
// nothing): the first browser to join binds the customer's leg, and a cookie lets only it come back.
const answer = await fetch(location.pathname, {
  method: "POST",
  headers: { Accept: "application/json" },
  credentials: "same-origin",
}).catch(() => null);
const data = answer ? await answer.json().catch(() => null) : null;
if (!answer?.ok || !data?.joining) {
  const code = data?.code || (answer ? `http-${answer.status}` : "unreachable");
  const [title, message] = REFUSED[code] || ["This link cannot be opened",
    answer ? data?.detail || "Ask the person who sent it for a new invitation." : "Parley cannot be reached."];
  document.body.classList.add("parley-join-error");
  document.body.dataset.code = code;
  root.replaceChildren(el("h1", null, title), el("p", null, message),
    el("p", "parley-join-code", `Code: ${code}`));
} else {
  start(data);
}

function start(data) {
  const visitorToken = data.joining.visitorToken;
  const api = new ParleyApi(data.base, () => (visitorToken ? `Bearer ${visitorToken}` : null));
  const pointerLayer = el("div", "pointer-layer");
  document.body.append(pointerLayer);
  const store = new WidgetStore(data.base, data.service.id);
  // A reload of the join page is the same conversation and keeps what it knew (page push, messages seen);
  // another conversation of this service kept here gives way to this one.
  if (store.conversation?.sessionId !== data.joining.connection.sessionId) {
    store.forget();
  }
  store.update({ sessionId: data.joining.connection.sessionId, open: true, visitorToken });
  const conversation = new CustomerConversation(root, {
    api,
    service: data.service,
    details: data.joining.connection,
    pointerLayer,
    leading: Boolean(store.conversation?.leading),
    onLeading: (leading) => store.update({ leading }),
    pushes: store.pushes,
    consent: store.consent,
  });
  conversation.addEventListener("ended", () => store.forget());
  conversation.focus();
}
