// The page a customer invited by link opens (GET /join/<token>): the server put the connection details
// into the page, so the conversation starts at once, full-window. It is remembered as the widget does, so
// that when the agent takes the customer to a page of a site on Parley's origin, that page's widget
// carries the conversation on.

import { ParleyApi } from "../shared/api.js";
import { el } from "../shared/chat-view.js";
import { CustomerConversation } from "./customer-conversation.js";
import { WidgetStore } from "./widget-store.js";

const data = JSON.parse(document.getElementById("parley-join").textContent);
const root = document.getElementById("parley-join-root");
const visitorToken = data.joining.visitorToken;
const api = new ParleyApi(data.base, () => (visitorToken ? `Bearer ${visitorToken}` : null));
const pointerLayer = el("div", "pointer-layer");
document.body.append(pointerLayer);

root.append(el("h1", null, data.service.name));
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
});
conversation.addEventListener("ended", () => store.forget());
conversation.focus();
