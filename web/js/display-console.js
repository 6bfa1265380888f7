// The organiser's console of an event's big screens (display-console.html?event=ID): every screen
// that opened display.html for the event (it announces itself with a name), live from
// display:<eventId>, and for each, and for all screens at once: hold / resume paging, next page,
// pin a page (on now, the medal table or one competition) and, for a screen under its own control,
// "follow all screens" again. Actions go through controlDisplay; a refusal reads as a sentence.
import './i18n/display.js';
import { initI18n, t, errorText, formatTime } from './i18n.js';
import './i18n/registration.js';
import { api, newKey } from './api.js';
import { signInBox } from './reg-session.js';
import { LiveClient } from './live.js';
import { el, showMessage } from './ui.js';

initI18n();

const STALE_MS = 3 * 60_000; // a screen announces itself every minute
const $ = (id) => document.getElementById(id);
const message = $('message');
const eventId = new URLSearchParams(location.search).get('event');
let control = null;
let competitions = [];
const chosen = new Map(); // screen id ('' = all) -> the page picked in its pin list, kept across redraws

if (!eventId || !/^\d+$/.test(eventId)) {
  showMessage(message, t('display.noEvent'));
} else {
  // The shared sign-in box; once signed in (now or after the form) it steps aside for the page.
  $('signin').hidden = false;
  signInBox($('signin'), () => { $('signin').hidden = true; start(); });
}

async function start() {
  $('console').hidden = false;
  // The address to open on a big screen, with the name the console will list it by (display.js reads &name).
  const showLink = () => {
    const name = $('screen-name').value.trim();
    const link = `/display.html?event=${eventId}` + (name ? '&name=' + encodeURIComponent(name) : '');
    $('display-link').href = link;
    $('display-link').textContent = location.origin + link;
  };
  $('screen-name').addEventListener('input', showLink);
  showLink();
  try {
    const [event, list] = await Promise.all([api(`/events/${eventId}`), api(`/events/${eventId}/competitions`)]);
    $('console-event').textContent = event.title;
    competitions = list.items || [];
  } catch (e) {
    showMessage(message, errorText(e));
    return;
  }
  const live = new LiveClient();
  live.subscribe('display:' + eventId, (data) => { control = data; render(); });
  live.connect();
}

/** What a pin may show: the pages every screen has. */
function pinOptions() {
  return [{ key: 'now', label: t('display.onNow') }, { key: 'medals', label: t('display.medals') },
    ...competitions.map((c) => ({ key: 'board:' + c.id, label: c.name }))];
}

function pageLabel(key) {
  const hit = pinOptions().find((o) => o.key === key || (key || '').startsWith(o.key + ':'));
  return hit ? hit.label : key;
}

function stateText(s) {
  if (s.mode === 'pin') return t('console.pinned', { page: pageLabel(s.page) });
  return t(s.mode === 'hold' ? 'console.held' : 'console.paging');
}

function render() {
  if (!control) return;
  const screens = (control.screens || []).filter(Boolean);
  $('no-screens').hidden = screens.length > 0;
  $('screens').replaceChildren(card(null, control), ...screens.map((s) => card(s, control)));
}

/**
 * A screen's name. One opened without &name announced its default name in its own language
 * ("Screen 3F2A" from an English hall PC): the console says it in the console's language.
 */
function screenName(s) {
  return unnamed(s) ? t('display.screenName', { id: screenCode(s) }) : s.name;
}

/** The short code a screen shows in its corner ("3F2A"). */
function screenCode(s) {
  return s.id.slice(1, 5).toUpperCase();
}

/** Whether the screen goes by its default name, which already carries its code. */
function unnamed(s) {
  const code = screenCode(s);
  return s.name === `屏幕 ${code}` || s.name === `Screen ${code}`;
}

/** One screen's card (screen null: all screens). */
function card(s, all) {
  const id = s ? s.id : '';
  const own = s && s.mode;
  const mode = own ? s.mode : all.mode;
  const seen = s ? Date.parse(s.seenAt) : NaN;
  const stale = s && Number.isFinite(seen) && Date.now() - seen > STALE_MS;
  const select = el('select', { class: 'pin-page', 'aria-label': t('console.pinWhat') },
    ...pinOptions().map((o) => el('option', { value: o.key }, o.label)));
  select.value = chosen.get(id) || (mode === 'pin' ? pageKeyOf(own ? s.page : all.page) : 'now');
  select.addEventListener('change', () => chosen.set(id, select.value));
  return el('li', { class: s ? 'screen' : 'all', dataset: { screenId: id, mode, own: String(!!own), stale: String(!!stale) } },
    el('div', { class: 'screen-head' },
      el('span', { class: 'screen-name' }, s ? screenName(s) : t('console.all')),
      // A named screen also shows its code (to match the corner of the screen); an unnamed one's name is its code.
      s && !unnamed(s) ? el('span', { class: 'muted screen-code' }, '#' + screenCode(s)) : null,
      el('span', { class: 'screen-state' }, s && !own ? t('console.follows', { state: stateText(all) }) : stateText(own ? s : all)),
      s ? el('span', { class: 'muted seen' }, t(stale ? 'console.notSeen' : 'console.seen',
        { time: formatTime(s.seenAt, { hour: '2-digit', minute: '2-digit' }) })) : null),
    el('div', { class: 'screen-actions' },
      el('button', { type: 'button', class: 'secondary hold', onclick: () => send(s, mode === 'run' ? 'hold' : 'run') },
        t(mode === 'run' ? 'display.control.doHold' : 'display.control.doRun')),
      el('button', { type: 'button', class: 'secondary skip', onclick: () => send(s, 'skip') }, t('display.control.skip')),
      el('span', { class: 'pin-group' }, select,
        el('button', { type: 'button', class: 'pin', onclick: () => send(s, 'pin', select.value) }, t('console.pin'))),
      own ? el('button', { type: 'button', class: 'secondary follow', onclick: () => send(s, 'follow') }, t('console.followAll')) : null,
      // A screen gone quiet (a PC that cleared its storage comes back as a new one) can be taken off the list;
      // one still open lists itself again within a minute.
      stale ? el('button', { type: 'button', class: 'secondary forget', onclick: () => forget(s) }, t('console.forget')) : null));
}

async function forget(s) {
  try {
    await api(`/events/${eventId}/screens/${encodeURIComponent(s.id)}`, { method: 'DELETE', headers: { 'Idempotency-Key': newKey() } });
    showMessage(message, '');
  } catch (e) {
    showMessage(message, errorText(e));
  }
}

/** A pinned page key as the pin list names it (a part "board:42:1" is its competition "board:42"). */
function pageKeyOf(key) {
  const m = /^(board:\d+):\d+$/.exec(key || '');
  return m ? m[1] : key;
}

async function send(s, action, page) {
  const body = { action };
  if (page) body.page = page;
  if (s) body.screen = s.id;
  try {
    await api(`/events/${eventId}/display-control`, { method: 'POST', body, headers: { 'Idempotency-Key': newKey() } });
    showMessage(message, '');
  } catch (e) {
    showMessage(message, errorText(e));
  }
}

window.addEventListener('langchange', render);
setInterval(render, 30_000); // "not seen since" turns on by itself
