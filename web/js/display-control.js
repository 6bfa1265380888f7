// The organiser's remote control of an event's big screens, on display.html?event=ID&control:
// signed in as an organiser, a bar to hold the paging, go on, skip to the next page or pin the page
// shown here on every screen of the event (controlDisplay; the screens follow display:<eventId>);
// display-console.html controls each screen on its own.
import { t, errorText } from './i18n.js';
import { api, getSession, newKey } from './api.js';
import { el, showMessage } from './ui.js';

let ctx = null;

/** Shows the bar when the page was opened with &control by a signed-in viewer. */
export function startControlBar(eventId, current, control) {
  if (!new URLSearchParams(location.search).has('control') || !getSession()) return;
  ctx = { eventId, current, control };
  const bar = document.getElementById('control-bar');
  bar.hidden = false;
  bar.replaceChildren(
    el('span', { class: 'control-state', id: 'control-state', role: 'status' }),
    el('button', { type: 'button', id: 'control-hold', class: 'secondary', onclick: () => send(ctx.control().mode === 'run' ? 'hold' : 'run') }),
    el('button', { type: 'button', id: 'control-skip', class: 'secondary', onclick: () => send('skip') }, t('display.control.skip')),
    el('button', { type: 'button', id: 'control-pin', onclick: () => ctx.current() && send('pin', ctx.current().key) }, t('display.control.doPin')),
    el('a', { class: 'button secondary', id: 'control-console', href: `/display-console.html?event=${eventId}` }, t('display.control.console')));
  document.getElementById('start-bar').hidden = true; // the organiser's laptop needs no sound
  renderControlBar();
}

export function renderControlBar() {
  if (!ctx) return;
  const mode = ctx.control().mode;
  document.getElementById('control-state').textContent = t('display.control.' + mode);
  document.getElementById('control-hold').textContent = t(mode === 'run' ? 'display.control.doHold' : 'display.control.doRun');
  document.getElementById('control-pin').disabled = !ctx.current();
}

async function send(action, page) {
  try {
    await api(`/events/${ctx.eventId}/display-control`, {
      method: 'POST', body: page ? { action, page } : { action }, headers: { 'Idempotency-Key': newKey() },
    });
    showMessage(document.getElementById('message'), '');
  } catch (e) {
    showMessage(document.getElementById('message'), errorText(e));
  }
}
