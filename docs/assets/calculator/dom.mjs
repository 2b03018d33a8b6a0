// Owns building DOM nodes from data without ever parsing HTML: text always goes in as text nodes.

/**
 * h("p", {class: "x", href: "..."}, "text", node, ["more", "children"]) -> Element.
 * Attributes are set with setAttribute; null, undefined and false leave an attribute out.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else if (child instanceof Node) element.append(child);
    else element.append(document.createTextNode(String(child)));
  }
}

/** A safe in-site link target for an id from the result (ids are like m2-2, m2-p1-s2, closing-s3). */
export function safeId(id) {
  return typeof id === "string" && /^[a-z0-9][a-z0-9-]{0,40}$/.test(id) ? id : null;
}
