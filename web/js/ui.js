// Small DOM helpers shared by the pages. Server text only ever goes in through textContent.
import { t } from './i18n.js';

/** el('a', {class: 'x', href: '/'}, 'text', childNode, ...) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c == null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/**
 * el() whose text is the string `key`, marked so that a language switch re-translates it in place
 * (applyI18n), keeping whatever a person typed in the form around it.
 */
export function tx(tag, key, attrs = {}) {
  return el(tag, { ...attrs, dataset: { ...(attrs.dataset || {}), i18n: key } }, t(key));
}

/** Attributes for a translated placeholder and accessible name that follow a language switch. */
export function named(key) {
  return { placeholder: t(key), 'aria-label': t(key), dataset: { i18nPlaceholder: key, i18nAriaLabel: key } };
}

/** Keeps a .live-state indicator in step with a LiveClient's connection state (the header's: see header.js). */
export function bindLiveState(indicator, live) {
  const header = indicator && indicator.closest('gala-header');
  if (header && header.bindLive) {
    header.bindLive(live);
    return;
  }
  const render = () => {
    indicator.dataset.state = live.state;
    indicator.querySelector('.label').textContent = t('live.' + live.state);
  };
  live.onState(render);
  window.addEventListener('langchange', render);
}

/** Shows a message (or hides the box for an empty one). */
export function showMessage(box, text, kind = 'error') {
  box.textContent = text || '';
  box.hidden = !text;
  box.dataset.kind = kind;
}
