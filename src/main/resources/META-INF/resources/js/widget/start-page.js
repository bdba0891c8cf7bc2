// The page a chat is started from, as the start request tells it (the agent's offer shows it). Only what the server
// keeps is sent, so a long address or title never stops a customer from starting a chat. Pure.

const URL_LIMIT = 2048;
const TITLE_LIMIT = 200;

/** {url, title} of the page at href with title, or undefined when it is not an http(s) page the server keeps. */
export function startPage(href, title) {
  if (typeof href !== "string" || !/^https?:\/\//i.test(href) || href.length > URL_LIMIT) {
    return undefined;
  }
  // Control characters are refused by the server; a title is one line.
  const clean = String(title || "").replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  const cut = [...clean].slice(0, TITLE_LIMIT).join("");
  return cut ? { url: href, title: cut } : { url: href };
}
