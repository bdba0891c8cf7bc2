// A returning customer's earlier conversations with the service, under a session's participants: read when
// opened, each with its transcript on demand (through the session served now). Only text is inserted.

import { el } from "../shared/dom.js";

/**
 * The customer's earlier conversations with the service (the same visitor, or the same reference): each with
 * its date, subject and CSRs, its transcript read on demand through this session. Only text is inserted.
 */
export function earlierConversations(api, sessionId) {
  const section = el("details", "earlier");
  section.append(el("summary", null, "Earlier conversations"));
  const list = el("ul", "earlier-list");
  section.append(list);
  section.addEventListener("toggle", async () => {
    if (!section.open || list.dataset.loaded) {
      return;
    }
    list.dataset.loaded = "true";
    try {
      const earlier = await api.get(`api/sessions/${sessionId}/history`);
      if (!earlier.length) {
        list.append(el("li", null, "None: this is the customer's first conversation here."));
      }
      for (const session of earlier) {
        const item = el("li", "earlier-session");
        const when = new Date(session.createdAt).toLocaleString();
        const who = session.csrs.length ? ` with ${session.csrs.join(", ")}` : "";
        item.append(el("span", null, `${when} · ${session.subject || "no subject"}${who}`));
        const show = el("button", "secondary", "Show transcript");
        show.type = "button";
        show.addEventListener("click", async () => {
          show.disabled = true;
          try {
            const messages = await api.get(`api/sessions/${sessionId}/history/${session.id}/transcript`);
            const transcript = el("ol", "earlier-transcript");
            messages.forEach((m) => transcript.append(el("li", null, `${m.name}: ${m.text}`)));
            item.append(transcript);
          } catch (error) {
            show.disabled = false;
            item.append(el("p", "error", `Not shown: ${error.detail || error.message}`));
          }
        });
        item.append(show);
        list.append(item);
      }
    } catch (error) {
      list.append(el("li", "error", `Not shown: ${error.detail || error.message}`));
    }
  });
  return section;
}
