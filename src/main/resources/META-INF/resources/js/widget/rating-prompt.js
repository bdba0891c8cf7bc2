// At the end of a conversation an agent served: "How was your conversation?", 1 to 5, sent once with the
// customer's own token (POST /api/sessions/{id}/rating). Choosing again replaces the rating.

import { el } from "../shared/dom.js";

/** The words for each score, said to screen readers with the number. */
export const SCORES = Object.freeze(["Poor", "Fair", "Good", "Very good", "Excellent"]);

export function scoreLabel(score) {
  return `${score} of 5: ${SCORES[score - 1]}`;
}

/** What the customer reads once the rating is stored, or why it was not. */
export function ratedText(score, error) {
  return error ? `Your rating was not sent: ${error}` : `Thank you: you rated this conversation ${scoreLabel(score)}.`;
}

export function ratingPrompt(api, sessionId) {
  const box = el("div", "rating");
  box.setAttribute("role", "group");
  const question = el("p", "rating-question", "How was your conversation?");
  question.id = `rating-${sessionId}`;
  box.setAttribute("aria-labelledby", question.id);
  const scores = el("div", "rating-scores");
  const said = el("p", "rating-said");
  said.setAttribute("role", "status");
  for (let score = 1; score <= SCORES.length; score++) {
    const button = el("button", "secondary", String(score));
    button.type = "button";
    button.setAttribute("aria-label", scoreLabel(score));
    button.addEventListener("click", async () => {
      scores.querySelectorAll("button").forEach((other) => other.setAttribute("aria-pressed", String(other === button)));
      try {
        await api.post(`api/sessions/${sessionId}/rating`, { score });
        said.textContent = ratedText(score);
      } catch (error) {
        said.textContent = ratedText(score, error.detail);
      }
    });
    scores.append(button);
  }
  box.append(question, scores, said);
  return box;
}
