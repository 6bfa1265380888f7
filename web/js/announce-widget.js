// Announcements on every page, started by the shared header (web/js/header.js puts the list's
// button into the bar); a page without <gala-header> may still include this module on its own.
// A ticker for normal announcements, a banner that must be dismissed for urgent ones (with a sound
// on the big-screen display page), and for signed-in users a list with an unread count. The event
// comes from ?event=, from ?competition= or ?mixer= (its event), from <body data-event>, or else the
// listed events. A page that names a competition or mixer follows that event only, or none: while
// its event cannot be loaded (database down, no network) it follows nothing and asks again, never
// every event. Announcement text only ever goes into the page through textContent (ui.el).
import './i18n/announce.js';
import { t, formatTime } from './i18n.js';
import { api, getSession, freshToken } from './api.js';
import { viewerRoles } from './roles.js';
import { LiveClient } from './live.js';
import { retryLoad } from './retry-load.js';
import { el } from './ui.js';

const DISMISSED_KEY = 'gala.ann.dismissed';
const READ_KEY = 'gala.ann.read.';
const MAX_REMEMBERED = 300;
const TICKER_ITEMS = 5;

const byEvent = new Map(); // eventId -> announcements as the server shows them to this viewer
const beeped = new Set();
let live = null;
let panelOpen = false;
let audio = null;
const display = document.body.classList.contains('display-page');

const ticker = el('div', { class: 'ann-ticker', role: 'marquee', 'aria-live': 'polite', hidden: true },
  el('span', { class: 'ann-label' }), el('span', { class: 'ann-items' }));
const banner = el('div', { class: 'ann-banner', role: 'alertdialog', 'aria-live': 'assertive', hidden: true });
const bell = el('button', { class: 'ann-bell', type: 'button', hidden: true, onclick: togglePanel });
const panel = el('div', { class: 'ann-panel', hidden: true });

function remembered(key) {
  try {
    return new Set(JSON.parse(localStorage.getItem(key)) || []);
  } catch {
    return new Set();
  }
}

function remember(key, set) {
  try {
    localStorage.setItem(key, JSON.stringify([...set].slice(-MAX_REMEMBERED)));
  } catch { /* private mode: forgotten on reload */ }
}

const uid = (a) => `${a.eventId}:${a.id}`;

/** Every current announcement, oldest first (the order they went out). */
function all() {
  const out = [];
  for (const [eventId, list] of byEvent) for (const a of list) out.push({ ...a, eventId });
  return out.sort((x, y) => String(x.sentAt).localeCompare(String(y.sentAt)) || x.id - y.id);
}

function audienceLabel(a) {
  return t('ann.audience.' + a.audience);
}

function timeOf(a) {
  const d = new Date(a.sentAt);
  return Number.isNaN(d.getTime()) ? '' : formatTime(d, { hour: '2-digit', minute: '2-digit' });
}

function render() {
  const items = all();
  // Ticker: normal ones, pinned first, then newest first.
  const normal = items.filter((a) => a.priority !== 'urgent').reverse()
    .sort((x, y) => Number(!!y.pinned) - Number(!!x.pinned)).slice(0, TICKER_ITEMS);
  ticker.hidden = normal.length === 0;
  document.body.classList.toggle('ann-has-ticker', normal.length > 0);
  ticker.querySelector('.ann-label').textContent = t('ann.ticker');
  ticker.querySelector('.ann-items').replaceChildren(...normal.map((a) => el('span',
    { class: 'ann-item', dataset: { announcementId: a.id, priority: a.priority } },
    a.pinned ? el('span', { class: 'ann-pin', title: t('ann.pinned') }, '📌') : null, a.text)));

  // Banner: the oldest urgent one not yet dismissed on this device.
  const dismissed = remembered(DISMISSED_KEY);
  const urgent = items.filter((a) => a.priority === 'urgent' && !dismissed.has(uid(a)));
  if (urgent.length === 0) {
    banner.hidden = true;
    banner.replaceChildren();
  } else {
    const a = urgent[0];
    banner.hidden = false;
    banner.dataset.announcementId = a.id;
    banner.replaceChildren(...[
      el('span', { class: 'ann-title' }, t('ann.urgent')),
      el('span', { class: 'ann-text' }, a.text),
      urgent.length > 1 ? el('span', { class: 'ann-more' }, t('ann.more', { n: urgent.length - 1 })) : null,
      el('button', { type: 'button', class: 'ann-dismiss', onclick: () => dismiss(a) }, t('ann.dismiss')),
    ].filter(Boolean));
  }
  if (display) {
    const fresh = urgent.filter((a) => !beeped.has(uid(a)));
    fresh.forEach((a) => beeped.add(uid(a)));
    if (fresh.length > 0) beep();
  }
  renderList(items);
}

function dismiss(a) {
  const dismissed = remembered(DISMISSED_KEY);
  dismissed.add(uid(a));
  remember(DISMISSED_KEY, dismissed);
  render();
}

function renderList(items) {
  const session = getSession();
  bell.hidden = !session || items.length === 0; // nothing to list: keep the corner free
  if (!session) {
    panel.hidden = true;
    return;
  }
  const readKey = READ_KEY + (session.user ? session.user.id : 'me');
  const read = remembered(readKey);
  if (panelOpen) {
    items.forEach((a) => read.add(uid(a)));
    remember(readKey, read);
  }
  const unread = items.filter((a) => !read.has(uid(a))).length;
  bell.replaceChildren(bellIcon(), el('span', { class: 'ann-bell-label' }, t('ann.list')),
    el('span', { class: 'ann-count', hidden: unread === 0, dataset: { unread } }, String(unread)));
  bell.setAttribute('aria-label', t('ann.list') + (unread ? ' · ' + t('ann.unread', { n: unread }) : ''));
  bell.title = t('ann.unread', { n: unread });
  panel.hidden = !panelOpen;
  const newest = [...items].reverse();
  panel.replaceChildren(
    el('div', { class: 'bar' }, el('strong', {}, t('ann.list')),
      el('button', { type: 'button', class: 'small secondary', onclick: togglePanel }, t('ann.close'))),
    newest.length === 0 ? el('p', { class: 'muted' }, t('ann.empty'))
      : el('ol', {}, ...newest.map((a) => el('li', {
        class: panelOpen && !wasRead(a, read) ? 'unread' : '', dataset: { announcementId: a.id, priority: a.priority },
      }, el('div', { class: 'ann-text' }, a.text),
      el('div', { class: 'ann-meta' }, [timeOf(a), audienceLabel(a), a.pinned ? t('ann.pinned') : null]
        .filter(Boolean).join(' · '))))));
}

/** A small bell drawn inline (no icon font, no image request). */
function bellIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'ann-bell-icon');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z');
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

let readBeforeOpen = new Set();
function wasRead(a) {
  return readBeforeOpen.has(uid(a));
}

function togglePanel() {
  panelOpen = !panelOpen;
  const session = getSession();
  if (panelOpen && session) readBeforeOpen = remembered(READ_KEY + (session.user ? session.user.id : 'me'));
  render();
}

/** Three short tones; the display page's first click (or a kiosk autoplay policy) unlocks audio. */
function beep() {
  try {
    audio = audio || new AudioContext();
    if (audio.state === 'suspended') audio.resume();
    for (let i = 0; i < 3; i++) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.25;
      osc.connect(gain).connect(audio.destination);
      const at = audio.currentTime + i * 0.35;
      osc.start(at);
      osc.stop(at + 0.2);
    }
    document.body.dataset.annBeeps = String(Number(document.body.dataset.annBeeps || 0) + 1);
  } catch { /* no audio on this device */ }
}

async function eventIds() {
  const q = new URLSearchParams(location.search);
  const ev = q.get('event') || document.body.dataset.event;
  if (ev && /^\d+$/.test(ev)) return [Number(ev)];
  const comp = q.get('competition');
  if (comp && /^\d+$/.test(comp)) return namedEvent(`/competitions/${comp}`);
  // A mixer's pages follow the mixer's event (not every listed event's notices).
  const mixer = q.get('mixer');
  if (mixer && /^\d+$/.test(mixer)) return namedEvent(`/mixers/${mixer}`);
  if (getSession()) {
    // A judge's pages follow the events they judge in.
    const mine = [...new Set((await viewerRoles()).judging.map((c) => c.eventId))];
    if (mine.length > 0) return mine.slice(0, 5);
  }
  try {
    return ((await api('/events')).items || []).slice(0, 5).map((e) => e.id);
  } catch {
    return [];
  }
}

let followed = [];
let asking = null; // the page's own event, asked again in the background while it cannot be loaded

/**
 * The event of the competition or mixer the page names: [id], or [] when there is none (404) or it
 * cannot be known yet; then it is asked again with backoff and followed once known.
 */
async function namedEvent(path) {
  try {
    return [(await api(path)).eventId];
  } catch (e) {
    if (e && e.retryable && !asking) {
      asking = retryLoad(() => api(path), { what: 'announcements' })
        .then(async (found) => {
          await whenLive;
          subscribeAll([found.eventId]);
          window.galaAnnouncements.eventIds = followed;
          render();
        })
        .catch(() => { /* gone meanwhile: follow none */ })
        .finally(() => { asking = null; });
    }
    return [];
  }
}

function subscribeAll(ids) {
  for (const id of followed) {
    if (!ids.includes(id)) {
      live.unsubscribe(`announcements:${id}`);
      byEvent.delete(id);
    }
  }
  followed = ids;
  for (const id of ids) {
    const topic = `announcements:${id}`;
    live.unsubscribe(topic);
    live.subscribe(topic, (data) => {
      byEvent.set(id, Array.isArray(data.announcements) ? data.announcements.filter(Boolean) : []);
      render();
    });
  }
}

const userOf = (session) => (session && session.user ? session.user.id : null);

let started = false;
let liveReady;
const whenLive = new Promise((resolve) => { liveReady = resolve; });

/** Starts the widget once; the list's button goes into slot (the header's) or the page's corner. */
export async function startAnnouncements(slot = null, header = null) {
  if (started) return;
  started = true;
  document.head.append(el('link', { rel: 'stylesheet', href: '/css/announce.css' }));
  if (slot) {
    slot.append(bell);
    document.body.classList.add('ann-in-header');
  }
  document.body.append(ticker, banner, ...(slot ? [] : [bell]), panel);
  if (display) {
    // Browsers keep audio locked until the first gesture on the page.
    document.addEventListener('click', () => { audio = audio || new AudioContext(); audio.resume(); }, { once: true });
  }
  const ids = await eventIds();
  live = new LiveClient();
  if (header) header.bindLive(live, { fallback: true });
  const token = await freshToken();
  if (token) live.auth(token);
  live.connect();
  subscribeAll(ids);
  // Signing in or out changes which audiences this viewer belongs to: fresh snapshots through the new view.
  let who = userOf(getSession());
  window.addEventListener('sessionchange', async (ev) => {
    const next = await freshToken();
    live.auth(next);
    if (userOf(ev.detail) === who) return; // a refreshed token: same person, same audiences
    who = userOf(ev.detail);
    if (!next && live.ws) live.ws.close(); // a new connection forgets the old identity
    subscribeAll(await eventIds());
    window.galaAnnouncements.eventIds = followed;
    render();
  });
  window.addEventListener('langchange', render);
  window.galaAnnouncements = { live, eventIds: followed };
  liveReady();
}

// A page without the shared header still gets its announcements.
setTimeout(() => { if (!document.querySelector('gala-header')) startAnnouncements(); }, 0);
