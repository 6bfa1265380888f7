// One confirmation dialog for irreversible actions: it says what will happen, and the action
// runs only after an explicit yes. A native <dialog> opened modally: focus stays inside, Escape
// and the cancel button say no, focus starts on "cancel" (a stray Enter never confirms) and
// returns to what had it.
//   if (await confirmAction({ title: t('hj.publishTitle'), text: t('hj.publishText'), action: t('hj.publish') })) { ... }
import './i18n/confirm.js';
import { t } from './i18n.js';
import { el } from './ui.js';

/**
 * Asks with the strings confirm.<name>.title / .text / .action (the text's '|' separates
 * paragraphs); params fill their placeholders. Resolves true when confirmed.
 */
export function confirmNamed(name, params = {}) {
  return confirmAction({
    title: t(`confirm.${name}.title`, params),
    text: t(`confirm.${name}.text`, params).split('|'),
    action: t(`confirm.${name}.action`, params),
  });
}

/**
 * Asks first. title: the question; text: what will happen (a string or several lines);
 * action: the confirm button's words (say the action, e.g. "Publish"); danger: red confirm button.
 * Resolves true when confirmed, false otherwise.
 */
export function confirmAction({ title, text, action, cancel, danger = true }) {
  return new Promise((resolve) => {
    const before = document.activeElement;
    const id = 'confirm-' + Math.random().toString(36).slice(2);
    const lines = [].concat(text || []);
    const cancelButton = el('button', { type: 'button', class: 'secondary cancel', value: 'cancel' }, cancel || t('confirm.cancel'));
    const okButton = el('button', { type: 'button', class: 'confirm' + (danger ? ' danger' : ''), value: 'ok' }, action || t('confirm.ok'));
    const dialog = el('dialog', { class: 'confirm-dialog', 'aria-labelledby': id + '-t', 'aria-describedby': id + '-d' },
      el('h2', { id: id + '-t' }, title),
      el('div', { id: id + '-d' }, ...lines.map((l) => el('p', {}, l))),
      el('div', { class: 'dialog-actions' }, cancelButton, okButton));
    let answered = false;
    const finish = (yes) => {
      if (answered) return;
      answered = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      if (before && before.focus) before.focus();
      resolve(yes);
    };
    cancelButton.addEventListener('click', () => finish(false));
    okButton.addEventListener('click', () => finish(true));
    dialog.addEventListener('cancel', (ev) => { ev.preventDefault(); finish(false); });
    dialog.addEventListener('close', () => finish(false));
    document.body.append(dialog);
    dialog.showModal();
    cancelButton.focus();
  });
}
