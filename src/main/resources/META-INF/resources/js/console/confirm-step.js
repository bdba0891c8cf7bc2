// A step that asks first while it would cut a live conversation short (End, Leave, Sign out): the button shows a
// question beside it with the action and Cancel, in the page (never a browser dialog, which stops every other tab's
// timers and offers). Cancel, Escape or a minute without an answer puts it back.

import { el } from "../shared/dom.js";

const FORGET_AFTER_MS = 60000;

/**
 * When `button` is clicked, `act` runs at once unless `question()` gives a question (the step is not harmless just
 * now); then `yes` (the confirming button's words) runs it, Cancel does not.
 */
export function confirmFirst(button, { question, yes, act }) {
  let open = null;
  const close = (focusBack) => {
    clearTimeout(open?.timer);
    open?.bar.remove();
    open = null;
    if (focusBack) {
      button.focus();
    }
  };
  button.addEventListener("click", () => {
    const asked = question();
    if (!asked) {
      act();
      return;
    }
    if (open) {
      open.confirm.focus();
      return;
    }
    const bar = el("div", "confirm-step");
    bar.setAttribute("role", "group");
    const text = el("p", "confirm-question", asked);
    text.id = `confirm-${Math.random().toString(36).slice(2)}`;
    bar.setAttribute("aria-labelledby", text.id);
    const confirm = el("button", "end", yes);
    confirm.type = "button";
    const cancel = el("button", "secondary", "Cancel");
    cancel.type = "button";
    bar.append(text, confirm, cancel);
    bar.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        close(true);
      }
    });
    confirm.addEventListener("click", () => {
      close(false);
      act();
    });
    cancel.addEventListener("click", () => close(true));
    button.after(bar);
    open = { bar, confirm, timer: setTimeout(() => close(false), FORGET_AFTER_MS) };
    cancel.focus();
  });
}
