// The big screen of one event (/display.html?event=ID[&seconds=10][&urgent=20]): pages through an
// "on now" view, every row of every scoreboard of the event (a long one over several pages, as
// many rows a page as fit at a hall-readable size), and the medal table, `seconds` per page.
// Every scoreboard is followed live, so the page on screen changes in place and a row that just
// changed stays highlighted for a minute. An urgent announcement takes the whole screen for
// `urgent` seconds (less if it expires sooner), then the paging goes on; its sound (the shared
// announcement widget's) plays once the display was started with one click.
// Each screen announces itself to the event (an id kept in the browser and a name, &name=Hall A),
// so the organiser's console (display-console.html) can hold, skip or pin a page on this screen
// alone; the screen follows its own control when it has one, else the event-wide one.
import './i18n/announce.js';
import './i18n/scoring.js';
import './i18n/display.js';
import { initI18n, t, errorText } from './i18n.js';
import { api, newKey } from './api.js';
import { startControlBar, renderControlBar } from './display-control.js';
import { LiveClient } from './live.js';
import { LiveTable } from './live-table.js';
import { el, bindLiveState, showMessage } from './ui.js';
import { resultText, renderAttempts, recordBadges } from './result-detail.js';
import { MixerBoards } from './display-mixer.js';

initI18n();

const params = new URLSearchParams(location.search);
const eventId = params.get('event');
const seconds = Math.max(2, Number(params.get('seconds')) || 10);
const urgentSeconds = Math.max(3, Number(params.get('urgent')) || 20);
const onlyMixer = params.get('mixer'); // a mixer room's projector: that mixer's seating only
const CHANGED_MS = 60_000;

const $ = (id) => document.getElementById(id);
const message = $('message');
const live = new LiveClient().connect();
bindLiveState($('live-state'), live);

let competitions = [];
const boards = new Map(); // competition id -> scoreboard data
const changedAt = new Map(); // "cid:entryId" -> when its result or rank last changed
let medals = null;
let current = null; // the page on screen: {key, kind, ...}
let timer = null;
let control = { mode: 'run', page: null, skips: null }; // the organiser's remote control (display:<eventId>)
const ANNOUNCE_MS = 60_000;
const screen = screenIdentity();
// Mixer nights' seating plans (display-mixer.js): their pages join the paging; a change re-pages.
const mixers = new MixerBoards($('screen'), live, (id) => {
  if (!current || current.kind !== 'mixer' || current.mixerId === id) repage();
});

// ---------- data ----------

function follow(c) {
  live.subscribe('scoreboard:' + c.id, (data, version, topic, change) => {
    const before = boards.get(c.id);
    if (before) noteChanges(c.id, before, data, change);
    boards.set(c.id, data);
    if (!current) firstPage();
    else {
      recount();
      if (current.cid === c.id || current.kind === 'now') render();
    }
  });
}

/**
 * The first page once every competition's scoreboard is in (at most a moment after the first one):
 * it used to be whichever board answered first, counted "1 / 1" for a whole period, and the first
 * round of paging went on from there, skipping "on now" and the boards before it.
 */
let firstTimer = null;
function firstPage() {
  if (competitions.every((c) => boards.has(c.id))) {
    clearTimeout(firstTimer);
    advance();
  } else if (!firstTimer) {
    firstTimer = setTimeout(() => { if (!current) advance(); }, 1500);
  }
}

/** "3 / 7" stays true as boards arrive or grow a page, without drawing the page again. */
function recount() {
  const all = pages();
  const at = all.findIndex((p) => p.key === current.key);
  if (at >= 0 && (at !== current.index || all.length !== current.count)) {
    current.index = at;
    current.count = all.length;
    $('display-page-of').textContent = t('display.pageOf', { k: at + 1, n: all.length });
  }
}

function noteChanges(cid, before, after, change) {
  const old = new Map((before.rows || []).filter(Boolean).map((r) => [String(r.id), r]));
  const now = Date.now();
  // A delta names the rows it changed; a snapshot (a resume) is compared row by row.
  const d = change && change.type === 'delta' ? (change.delta.lists || {}).rows || {} : null;
  // A patch (a moved rank) is compared as the row it makes.
  const patched = d ? (d.patch || []).map((p) => ({ ...old.get(String(p.id)), ...p })) : [];
  const upserts = d ? [...(d.upsert || []), ...patched] : after.rows || [];
  for (const r of upserts) {
    if (!r) continue;
    const o = old.get(String(r.id));
    if (!o || o.result !== r.result || o.rank !== r.rank || o.marks !== r.marks) changedAt.set(`${cid}:${r.id}`, now);
  }
}

const rowsOf = (b) => (b?.rows || []).filter(Boolean);

/** Competitions under way: marks coming in, not all complete, not official. */
function onNow() {
  return competitions.map((c) => ({ c, b: boards.get(c.id) })).filter(({ b }) => b && !b.hidden
    && b.status !== 'OFFICIAL' && rowsOf(b).some((r) => (r.marks ?? 0) > 0 || r.result != null)
    && rowsOf(b).some((r) => !r.complete));
}

/** The heat being scored: the first heat with an athlete still to finish. */
function currentHeat(b) {
  const heats = rowsOf(b).filter((r) => r.heat != null && !r.complete).map((r) => r.heat);
  return heats.length ? Math.min(...heats) : null;
}

/** As many rows as fit under the heading above the ticker, at 5% of the screen height each. */
function rowsPerPage() {
  const h = window.innerHeight;
  const top = $('board').hidden ? h * 0.2 : $('board').getBoundingClientRect().top + h * 0.05;
  return Math.max(5, Math.floor((h - top - h * 0.09) / (h * 0.05)));
}

/** The pages a pin keeps on screen: the pinned page, or every page of a pinned competition ("board:42"). */
function pinned(list) {
  if (control.mode !== 'pin' || !control.page) return null;
  const exact = list.filter((p) => p.key === control.page);
  if (exact.length) return exact;
  const within = list.filter((p) => p.key.startsWith(control.page + ':'));
  return within.length ? within : null;
}

function pages() {
  const out = [];
  if (onNow().length) out.push({ key: 'now', kind: 'now' });
  const per = rowsPerPage();
  for (const c of competitions) {
    const b = boards.get(c.id);
    if (!b || b.hidden) continue;
    const parts = Math.max(1, Math.ceil(rowsOf(b).length / per));
    for (let k = 0; k < parts; k++) out.push({ key: `board:${c.id}:${k}`, kind: 'board', cid: c.id, part: k, parts, per });
  }
  if (medals && (medals.rows || []).filter(Boolean).length) out.push({ key: 'medals', kind: 'medals' });
  out.push(...mixers.pages());
  return out;
}

/** The page on screen again with fresh data, or the next one when it is gone. */
function repage() {
  const list = pages();
  const at = current ? list.findIndex((p) => p.key === current.key) : -1;
  if (at < 0) {
    current = null;
    advance();
  } else {
    current = { ...list[at], index: at, count: list.length };
    render();
  }
}

// ---------- paging ----------

function advance() {
  const all = pages();
  const list = pinned(all) || all;
  if (list.length === 0) {
    current = null;
    render();
    return;
  }
  const at = current ? list.findIndex((p) => p.key === current.key) : -1;
  current = list[(at + 1) % list.length];
  current.index = all.indexOf(current);
  current.count = all.length;
  render();
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(() => {
    // A pinned competition longer than a page still pages through its own rows.
    if ($('urgent').hidden && (control.mode === 'run' || (pinned(pages()) || []).length > 1)) advance();
    schedule();
  }, seconds * 1000);
}

/** Shows the pinned page (the first of a pinned competition's) if the screen has it. */
function showPinned() {
  const all = pages();
  const list = pinned(all);
  if (!list) return;
  const page = list.find((p) => p.key === current?.key) || list[0];
  current = { ...page, index: all.indexOf(page), count: all.length };
  render();
}

/**
 * The organiser's remote control: hold stays, pin shows one page (or one competition's pages) and
 * stays, each skip moves on once. This screen's own control, when the console gave it one, wins
 * over the event-wide one; skips of both count.
 */
function onControl(data) {
  const own = (data.screens || []).find((x) => x && x.id === screen.id);
  const source = own && own.mode ? own : data;
  const skips = (data.skips ?? 0) + (own?.skips ?? 0);
  const skipped = control.skips != null && skips > control.skips;
  control = { mode: source.mode || 'run', page: source.page || null, skips, own: !!(own && own.mode) };
  document.body.dataset.screenControl = control.own ? 'own' : 'all';
  document.body.dataset.control = control.mode;
  if (control.mode === 'pin' && control.page) showPinned();
  else if (skipped) {
    advance();
    schedule(); // a full period for the page skipped to
  }
  renderControlBar();
}

// ---------- drawing ----------

function render() {
  showMessage(message, '');
  const kind = current?.kind;
  $('board').hidden = kind !== 'board';
  $('medals').hidden = kind !== 'medals';
  $('on-now').hidden = kind !== 'now';
  $('sb-status').hidden = kind !== 'board';
  $('sb-round').textContent = '';
  $('display-page-of').textContent = current ? t('display.pageOf', { k: current.index + 1, n: current.count }) : '';
  document.body.dataset.page = current ? current.key : '';
  renderControlBar();
  mixers.show(kind === 'mixer' ? current : null, { name: $('sb-name'), round: $('sb-round') });
  if (kind === 'board') renderBoard(current);
  else if (kind === 'medals') renderMedals();
  else if (kind === 'now') renderNow();
  else if (kind !== 'mixer') {
    $('sb-name').textContent = '';
    if (competitions.length === 0 && !onlyMixer) showMessage(message, t('display.noCompetitions'), 'warn');
  }
}

// The rows of the page on screen, kept by live-table.js: a change patches the rows it touched, and a
// row whose highlight starts or ends is redrawn; the others stay the same nodes.
let boardPage = null; // the key of the page whose rows the table holds
let boardHead = null; // what every row shows from the board (format, status), as last drawn
let board = null; // the scoreboard of the page on screen
const boardTable = new LiveTable($('rows'), {
  create: () => el('tr', {}, el('td', { class: 'rank' }), el('td', { class: 'heat' }), el('td', { class: 'name' }),
    el('td', { class: 'unit' }), el('td', { class: 'attempts' }), el('td', { class: 'result' })),
  update: (tr, r) => {
    const [rank, heat, name, unit, attempts, result] = tr.children;
    tr.className = r.changed ? 'changed' : '';
    tr.dataset.entryId = r.id;
    tr.dataset.rank = r.rank ?? '';
    rank.textContent = r.rank == null ? '–' : String(r.rank);
    heat.textContent = r.heat == null ? '' : String(r.heat);
    name.replaceChildren(r.name ?? '', ...recordBadges(r, board));
    unit.textContent = r.unit || '';
    // Every attempt, times as m:ss.cc and points with their decimals, like the phone's board (result-detail.js).
    attempts.replaceChildren(renderAttempts(r, board));
    result.textContent = resultText(r, board);
  },
});
const medalTable = new LiveTable($('medal-rows'), {
  create: () => el('tr', {}, el('td', { class: 'rank' }), el('td', { class: 'unit' }), el('td', { class: 'num gold' }),
    el('td', { class: 'num silver' }), el('td', { class: 'num bronze' }), el('td', { class: 'num points' })),
  update: (tr, u) => {
    tr.dataset.unitId = u.id;
    const cells = [u.rank ?? '', u.unit ?? '', u.gold ?? 0, u.silver ?? 0, u.bronze ?? 0, u.points ?? 0];
    cells.forEach((v, i) => { tr.children[i].textContent = String(v); });
  },
});

/**
 * The round's name when the competition has rounds of its own; a single round's default name
 * ("final", stored in no language) says nothing on the screen.
 */
function roundName(b) {
  return (b.rounds || []).length > 1 ? b.roundName : null;
}

function renderBoard(p) {
  const b = boards.get(p.cid);
  if (!b) return;
  board = b;
  $('sb-name').textContent = (b.name || '') + (p.parts > 1 ? ' ' + t('display.part', { k: p.part + 1, n: p.parts }) : '');
  $('sb-status').dataset.status = b.status || '';
  $('sb-status').textContent = b.status ? t('status.' + b.status) : '';
  const heat = currentHeat(b);
  $('sb-round').textContent = [roundName(b), heat != null && b.status !== 'OFFICIAL' ? t('display.heatNow', { heat }) : null].filter(Boolean).join(' · ');
  const rows = rowsOf(b).slice(p.part * p.per, (p.part + 1) * p.per);
  const heats = rows.some((r) => r.heat != null);
  $('board').classList.toggle('heats', heats);
  // Entries without units (individual meets, mixers' games) leave no empty column on the hall's screen.
  $('board').classList.toggle('no-units', !rows.some((r) => r.unit));
  const now = Date.now();
  const { rows: _rows, ...head } = b;
  const headJson = JSON.stringify(head);
  if (boardPage !== p.key) {
    boardTable.clear();
    boardPage = p.key;
  } else if (headJson !== boardHead) boardTable.refresh();
  boardHead = headJson;
  boardTable.reconcile(rows.map((r) => ({ ...r, changed: now - (changedAt.get(`${p.cid}:${r.id}`) || 0) < CHANGED_MS })));
  $('board').classList.toggle('no-attempts', !rows.some((r) => (r.attempts || []).length > 1));
}

function renderMedals() {
  $('sb-name').textContent = t('display.medals');
  medalTable.reconcile((medals.rows || []).filter(Boolean));
}

function renderNow() {
  $('sb-name').textContent = t('display.onNow');
  $('on-now').replaceChildren(...onNow().map(({ c, b }) => {
    const rows = rowsOf(b);
    const heat = currentHeat(b);
    return el('li', { dataset: { competitionId: c.id } },
      el('span', { class: 'name' }, b.name || c.name),
      el('span', { class: 'round' }, [roundName(b), heat != null ? t('display.heatNow', { heat }) : null].filter(Boolean).join(' · ')),
      el('span', { class: 'progress' }, t('display.progress', { k: rows.filter((r) => r.complete).length, n: rows.length })));
  }));
}

// ---------- urgent announcements ----------

const shownUrgent = new Set();
const urgentQueue = [];
let urgentTimer = null;
let firstAnnouncements = true;

function onAnnouncements(data) {
  const list = (data.announcements || []).filter((a) => a && a.priority === 'urgent');
  const now = Date.now();
  for (const a of list) {
    if (shownUrgent.has(a.id)) continue;
    shownUrgent.add(a.id);
    const sent = Date.parse(a.sentAt);
    // On opening the display, an urgent notice older than its showing time is history, not news.
    if (firstAnnouncements && Number.isFinite(sent) && now - sent > urgentSeconds * 1000) continue;
    const expires = Date.parse(a.expiresAt);
    const ms = Math.min(urgentSeconds * 1000, Number.isFinite(expires) ? expires - now : Infinity);
    if (ms > 500) urgentQueue.push({ text: a.text, ms });
  }
  firstAnnouncements = false;
  if (!urgentTimer) nextUrgent();
}

function nextUrgent() {
  const a = urgentQueue.shift();
  $('urgent').hidden = !a;
  urgentTimer = null;
  if (!a) return;
  $('urgent-text').textContent = a.text;
  urgentTimer = setTimeout(nextUrgent, a.ms);
}

// ---------- this screen ----------

/** This browser's screen: an id kept in localStorage, and a name (&name=..., else "Screen 3F2A"). */
function screenIdentity() {
  let id = null;
  try {
    id = localStorage.getItem('gala.display.screen');
    if (!id || !/^[A-Za-z][A-Za-z0-9_-]{5,63}$/.test(id)) {
      id = 's' + newKey().replace(/[^A-Za-z0-9]/g, '').slice(0, 23);
      localStorage.setItem('gala.display.screen', id);
    }
  } catch {
    id = 's' + newKey().replace(/[^A-Za-z0-9]/g, '').slice(0, 23); // no storage: a new screen each time
  }
  const name = (params.get('name') || '').trim().slice(0, 40);
  return { id, name };
}

/** Tells the event this screen is on (and still on, once a minute) so the console can list it. */
async function announce() {
  try {
    await api(`/events/${eventId}/screens/${screen.id}`, {
      method: 'PUT', auth: false, body: { name: screen.name || t('display.screenName', { id: screen.id.slice(1, 5).toUpperCase() }) },
    });
  } catch { /* the next announce tries again; paging goes on without */ }
}

// ---------- start ----------

$('start-display').addEventListener('click', () => {
  // The click is the gesture browsers want before a page may play sound (the announcement
  // widget unlocks its audio on it); full screen where the browser allows it.
  $('start-bar').hidden = true;
  document.body.dataset.started = 'true';
  document.documentElement.requestFullscreen?.().catch(() => { /* a kiosk browser is full screen already */ });
});

async function start() {
  if (!eventId || !/^\d+$/.test(eventId)) {
    showMessage(message, t('display.noEvent'));
    return;
  }
  try {
    const event = await api(`/events/${eventId}`);
    $('display-event').textContent = event.title;
    competitions = (await api(`/events/${eventId}/competitions`)).items || [];
  } catch (e) {
    showMessage(message, errorText(e));
    return;
  }
  if (onlyMixer) competitions = [];
  competitions.forEach(follow);
  mixers.start(eventId, onlyMixer).catch((e) => showMessage(message, errorText(e))); // its pages come as they load
  if (!onlyMixer) live.subscribe('medals:' + eventId, (data) => {
    medals = data;
    if (current?.kind === 'medals') render();
    else if (current) recount();
  });
  live.subscribe('announcements:' + eventId, onAnnouncements);
  live.subscribe('display:' + eventId, onControl);
  startControlBar(eventId, () => current, () => control);
  // The organiser's own laptop (&control) is a console, not a screen of the hall.
  if (!params.has('control')) {
    document.body.dataset.screenId = screen.id;
    announce();
    setInterval(announce, ANNOUNCE_MS);
  }
  render();
  schedule();
}

window.addEventListener('langchange', () => {
  boardHead = null; // rows show translated words (DNF, record badges): redrawn in place
  render();
});
window.addEventListener('resize', () => {
  if (current?.kind === 'board') { current.per = rowsPerPage(); render(); }
  if (current?.kind === 'mixer') repage();
});
start();
