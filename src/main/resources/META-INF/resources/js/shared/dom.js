// The one DOM helper every page shares: an element with a class and its text, never HTML.

/** A new `tag` element with `className` (if any) and `text` as its text content (if given). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}
