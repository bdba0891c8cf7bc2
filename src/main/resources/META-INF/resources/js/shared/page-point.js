// Where something on a shared page is, in terms both sides of page push agree on whatever their window sizes: the
// element (a CSS selector from the page's structure) and a spot inside its box as fractions of its width and
// height. The same element on a narrow phone and on a wide console preview is found by its selector, so a pointer
// lands on what was pointed at, not on whatever happens to be at the same fraction of a page laid out differently.

/** The server takes selectors of up to 256 characters. */
export const MAX_SELECTOR = 256;

/** A CSS selector for the element: its id, or the path of tags (nth-of-type where needed) from the body. */
export function selectorOf(element) {
  const parts = [];
  for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
    if (node.id) {
      parts.unshift(`#${CSS.escape(node.id)}`);
      break;
    }
    if (node.localName === "body" || node.localName === "html" || !node.parentElement) {
      parts.unshift("body");
      break;
    }
    const siblings = [...node.parentElement.children].filter((child) => child.localName === node.localName);
    parts.unshift(siblings.length > 1 ? `${node.localName}:nth-of-type(${siblings.indexOf(node) + 1})`
      : node.localName);
  }
  return parts.join(" > ");
}

/** The spot (clientX, clientY) in the box (as getBoundingClientRect answers it), as fractions 0..1 of its size. */
export function spotIn(box, clientX, clientY) {
  return {
    x: box.width > 0 ? clamp((clientX - box.left) / box.width) : 0.5,
    y: box.height > 0 ? clamp((clientY - box.top) / box.height) : 0.5,
  };
}

/** The page position (for an absolutely placed marker) of the spot at fractions (x, y) of the box. */
export function spotOn(box, x, y, scrollX = 0, scrollY = 0) {
  return { left: scrollX + box.left + clamp(x) * box.width, top: scrollY + box.top + clamp(y) * box.height };
}

/**
 * What a pointer over `target` at (clientX, clientY) sends: the element's selector and the spot in it; or, over
 * the page itself (or an element whose selector is too long), the spot as fractions of the whole page.
 */
export function pointerAt(target, clientX, clientY, page) {
  const selector = target && !["html", "body"].includes(target.localName) ? selectorOf(target) : "";
  if (selector && selector.length <= MAX_SELECTOR) {
    return { selector, ...spotIn(target.getBoundingClientRect(), clientX, clientY) };
  }
  return {
    x: page.scrollWidth > 0 ? clamp((clientX + page.scrollX) / page.scrollWidth) : 0,
    y: page.scrollHeight > 0 ? clamp((clientY + page.scrollY) / page.scrollHeight) : 0,
  };
}

/** Where a pointer that was sent lands on this page: on its element when the selector finds one, else by fraction. */
export function pointerSpot(pointer, document, view) {
  let element = null;
  if (pointer.selector) {
    try {
      element = document.querySelector(pointer.selector);
    } catch {
      element = null;
    }
  }
  if (element) {
    return spotOn(element.getBoundingClientRect(), pointer.x, pointer.y, view.scrollX, view.scrollY);
  }
  const root = document.documentElement;
  return { left: pointer.x * root.scrollWidth, top: pointer.y * root.scrollHeight };
}

function clamp(value) {
  return Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
}
