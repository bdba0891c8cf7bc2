// A subject as people read it: "order-status" is "Order status". Pure; the widget, the offers and the tabs use it.

/** The subject's id in words, as they go inside a sentence: "billing-dispute" is "billing dispute"; "" for none. */
export function subjectPhrase(subject) {
  return (subject || "").replace(/[-_]+/g, " ").trim();
}

/** The subject's id in words, capitalised; null for no subject. */
export function subjectWords(subject) {
  if (!subject) {
    return null;
  }
  const words = subjectPhrase(subject);
  return words.charAt(0).toUpperCase() + words.slice(1);
}
