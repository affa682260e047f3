// Small DOM helpers. Every piece of data reaches the page through textContent or a checked
// attribute, never through innerHTML, so article text cannot turn into markup.

// el('td', {class: 'x', title: 'y'}, child, 'text', ...): builds an element.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

// Appends children, skipping null, undefined and false (native append would print "null").
export function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) {
      append(node, child);
    } else if (child instanceof Node) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(String(child)));
    }
  }
}

// Only http(s) links are made clickable: a "javascript:" URL in an article record stays text.
export function safeHref(url) {
  try {
    const parsed = new URL(String(url));
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function link(url, text) {
  const href = safeHref(url);
  if (!href) return el('span', {class: 'url-text'}, text);
  return el('a', {href, rel: 'noopener noreferrer', target: '_blank'}, text);
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function formatNumber(value, digits = 0) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';
}
