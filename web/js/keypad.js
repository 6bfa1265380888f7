// A big on-screen number pad for a judge's tablet (keys at least 56 px): it types into the input of
// its form that last had focus, so a judge never needs the system keyboard that covers half the
// screen. The inputs still take a real keyboard.
import { el } from './ui.js';
import { t } from './i18n.js';

const KEYS = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '.', '0', 'back'];

/**
 * A keypad for `form`: `fallback()` names the input to type into before any has had focus.
 * Returns the element; keys keep the focus where it was (pointerdown is not let through).
 */
export function keypad(form, fallback) {
  let target = null;
  form.addEventListener('focusin', (ev) => {
    if (ev.target instanceof HTMLInputElement && ev.target.type === 'text') target = ev.target;
  });
  const press = (key) => {
    const input = target && target.isConnected && !target.closest('[hidden]') ? target : fallback();
    if (!input) return;
    const v = input.value;
    if (key === 'back') input.value = v.slice(0, -1);
    else if (key === '.' && v.includes('.')) return;
    else input.value = v + key;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    target = input;
  };
  const pad = el('div', { class: 'keypad', role: 'group', 'aria-label': t('judge.keypad'), dataset: { i18nAriaLabel: 'judge.keypad' } },
    ...KEYS.map((k) => {
      const label = k === 'back' ? '⌫' : k === '.' ? t('judge.keyDot') : k;
      const b = el('button', { type: 'button', class: 'key secondary', dataset: { key: k } }, label);
      if (k === 'back' || k === '.') {
        b.setAttribute('aria-label', t(k === 'back' ? 'judge.keyBack' : 'judge.keyDotName'));
        b.dataset.i18nAriaLabel = k === 'back' ? 'judge.keyBack' : 'judge.keyDotName';
      }
      b.addEventListener('pointerdown', (ev) => ev.preventDefault()); // the input keeps its focus
      b.addEventListener('click', () => press(k));
      return b;
    }));
  return pad;
}
