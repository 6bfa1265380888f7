// The public competition page: one live scoreboard topic, rows updated in place as deltas arrive.
// Shows PROVISIONAL/OFFICIAL, the round, the tie-break rules in order and what each tie-break decided,
// the format in words (the combined formula), every attempt, and records beaten; a tap on a row
// opens its work (each judge's mark, the dropped ones struck) from result-detail.js.
import { initI18n, t, errorText, formatTime } from './i18n.js';
import './i18n/scoring.js';
import './i18n/scoreboard.js';
import { resultText, renderAttempts, renderDetail, recordBadges, formatNotes } from './result-detail.js';
import { LiveClient } from './live.js';
import { LiveTable } from './live-table.js';
import { api, getSession } from './api.js';
import { el, bindLiveState, showMessage } from './ui.js';
import { early } from './scoreboard-early.js';

// An async module (it must not wait on the header's scripts): it can arrive while a long board's
// HTML is still coming in, so it starts once the page is parsed.
if (document.readyState === 'loading') {
  await new Promise((resolve) => { document.addEventListener('DOMContentLoaded', resolve, { once: true }); });
}
initI18n();

const $ = (id) => document.getElementById(id);
const nameEl = $('sb-name');
const statusEl = $('sb-status');
const tbody = $('rows');
const emptyEl = $('empty');
const versionEl = $('version');
const message = $('message');
const details = new Map(); // entry id -> the open detail <tr> below its row
let current = null; // what the table shows: the live round, or the earlier round the spectator chose
let currentVersion = null;
let liveData = null; // the live topic's board, kept while an earlier round is shown
let viewing = null; // the earlier round shown (its number), or null for the live round
let wantedRound = Number(new URLSearchParams(location.search).get('round')) || null; // ?round=N, asked once
let mine = new Set(); // entry ids of the signed-in viewer (listMyEntries)
let animate = false;
// One <tr> per entry, patched row by row from each delta (live-table.js): a change to one athlete
// touches that row and the rows whose rank moved, never the other thousands.
const table = new LiveTable(tbody, {
  create: (row) => withCells(el('tr', { dataset: { entryId: row.id } },
    el('td', { class: 'rank' }), el('td', { class: 'heat' }), el('td', { class: 'name' }), el('td', { class: 'unit' }),
    el('td', { class: 'result' }))),
  update: (tr, row) => updateRow(tr, row, current, animate),
  // What every row shows from the board itself (result-detail.js): a change there redraws each row in place.
  dependsOn: ['type', 'status', 'aggregate', 'attempts', 'combine', 'cutoff', 'decimals', 'difficulty', 'formula',
    'judges', 'rounding', 'timeLimit', 'records'],
  companions: (id) => (details.has(id) ? [details.get(id)] : []),
  onRemove: (id) => details.delete(id),
});
// Rows the server already put in the page (gala.pages.ScoreboardPage, for a first paint one round trip
// after the tap on a slow connection) are adopted, so the live snapshot updates them in place.
table.adopt([...document.querySelectorAll('#rows tr[data-entry-id]')].map(withCells), (tr) => tr.dataset.entryId);

const competitionId = new URLSearchParams(location.search).get('competition');

// ---------- live or a copy: a person never takes kept rows for live ones ----------

const stateEl = $('sb-state');
let heard = false; // the live socket has given this page the board (snapshot or delta)
let lostAt = null; // when the connection last stopped being live
let liveState = 'connecting';

/**
 * 'updating' (with the time of the rows shown: the server's first response, or the copy the service
 * worker kept) until the socket has the board, then 'live'; a lost connection is 'updating' again.
 */
function renderState() {
  if (!stateEl) return;
  const live = heard && liveState === 'live';
  if (viewing != null && current) {
    // An earlier round is results, not live scoring: say which round, whatever the socket does.
    stateEl.dataset.state = 'earlier';
    $('board').dataset.state = 'live';
    stateEl.lastChild.textContent = t('sb.state.earlier', { name: roundLabel(current.rounds?.[viewing - 1], viewing) });
    return;
  }
  const state = live ? 'live' : 'updating';
  stateEl.dataset.state = state;
  $('board').dataset.state = state;
  const at = heard ? lostAt : tbody.dataset.at;
  const time = at ? formatTime(at, sameDay(at) ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' }) : '';
  let text;
  if (live) text = t('sb.state.live');
  else if (heard) text = t('sb.state.lost', { at: time });
  else text = time ? t('sb.state.updatingAt', { at: time }) : t('sb.state.updating');
  stateEl.lastChild.textContent = text;
}

function sameDay(iso) {
  return new Date(iso).toDateString() === new Date().toDateString();
}

// A returning spectator's next visit paints this board from the service worker's copy, with no round
// trip (sw.js keeps the page and its scripts; the copy says "updating" until the socket catches up).
// Registered once the page has loaded, so it never competes with the page's own requests.
if ('serviceWorker' in navigator && competitionId && /^\d+$/.test(competitionId)) {
  const register = () => navigator.serviceWorker.register('/sw.js', { scope: '/scoreboard.html' }).catch(() => { /* plain http on a LAN */ });
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

if (!competitionId || !/^\d+$/.test(competitionId)) {
  $('board').hidden = true;
  if (stateEl) stateEl.hidden = true;
  showMessage(message, t('sb.noCompetition'));
  window.addEventListener('langchange', () => showMessage(message, t('sb.noCompetition')));
} else {
  const live = new LiveClient();
  // The header (#live-state) is defined by header.js, which may come after this script.
  customElements.whenDefined('gala-header').then(() => bindLiveState($('live-state'), live));
  live.onError((e) => {
    if (e.topic && e.topic !== 'scoreboard:' + competitionId) return;
    if (stateEl) stateEl.hidden = true;
    if (e.code === 'SCOREBOARD_HIDDEN') {
      $('board').hidden = true;
      showMessage(message, t('sb.hidden'), 'warn');
      return;
    }
    // Scoreboards are public: another refusal here means the competition does not exist.
    const notFound = e.code === 'UNAUTHENTICATED' || e.code === 'FORBIDDEN';
    showMessage(message, notFound ? t('error.UNKNOWN_TOPIC') : errorText(e));
  });
  live.onState((state) => {
    if (liveState === 'live' && state !== 'live') lostAt = new Date().toISOString();
    liveState = state;
    renderState();
  });
  live.subscribe('scoreboard:' + competitionId, (data, version, topic, change) => {
    heard = true;
    if (stateEl) stateEl.hidden = false;
    liveData = data;
    currentVersion = version;
    // Hidden now: back from an earlier round to the live one, which says so.
    const back = viewing != null && !!data.hidden;
    if (back) {
      viewing = null;
      setRoundInAddress(null);
    }
    if (viewing == null) {
      current = data;
      $('board').hidden = !!data.hidden;
      showMessage(message, data.hidden ? t('sb.hidden') : '', 'warn');
      render(back ? { type: 'snapshot' } : change);
    } else {
      renderRounds();
      reloadEarlier();
    }
    renderState();
    if (wantedRound != null) {
      const n = wantedRound;
      wantedRound = null;
      if (n >= 1 && n < data.round && !data.hidden) showRound(n);
    }
  });
  live.connect(early);
  window.addEventListener('langchange', () => {
    render(null);
    renderState();
  });
  renderState();
}

/** Header, meta and the rows `change` touched (all of them, in place, when change is null). */
function render(change) {
  if (!current) return;
  const data = current;
  nameEl.removeAttribute('data-i18n');
  nameEl.textContent = data.name || t('sb.title');
  document.title = (data.name ? data.name + ' · ' : '') + t('sb.title');
  statusEl.hidden = !data.status;
  statusEl.dataset.status = data.status || '';
  statusEl.textContent = data.status ? t('status.' + data.status) : '';
  versionEl.textContent = t('sb.version', { v: currentVersion });
  versionEl.dataset.version = currentVersion;
  renderMeta(data);
  renderRounds();

  let touched;
  if (change) {
    animate = change.type === 'delta';
    const done = table.sync(data, change);
    touched = done.all ? null : done.touched;
  } else {
    animate = false;
    table.refresh();
  }
  for (const [id, detail] of details) {
    if (!touched || touched.has(id)) detail.firstChild.replaceChildren(renderDetail(table.row(id), data));
  }
  const rows = (data.rows || []).filter(Boolean);
  $('board').classList.toggle('no-attempts', !rows.some((r) => (r.attempts || []).length > 1));
  $('board').classList.toggle('no-details', data.type === 'head_to_head');
  emptyEl.hidden = rows.length > 0 || !!data.hidden; // a hidden board has rows, not shown: not "no entries yet"
  applyFinder(touched);
  $('board').classList.toggle('no-units', !rows.some((r) => r.unit));
  $('board').classList.toggle('heats', rows.some((r) => r.heat != null));
}

function renderMeta(data) {
  const link = $('event-link');
  if (data.eventId != null) {
    link.href = '/event.html?event=' + encodeURIComponent(data.eventId);
    link.hidden = false;
    link.textContent = t('sb.event');
  }
  const rounds = data.rounds || [];
  $('sb-round').textContent = rounds.length > 1 ? t('sb.round', { name: data.roundName, n: data.round }) : '';
  const note = $('sb-note');
  note.dataset.status = data.status || '';
  if (data.hidden) note.textContent = '';
  else if (data.status === 'OFFICIAL') note.textContent = data.publishedAt ? t('sb.officialAt', { at: formatTime(data.publishedAt) }) : '';
  else note.textContent = t('sb.provisionalNote');
  const rules = data.tieBreaks || [];
  const tb = $('tiebreaks');
  tb.dataset.rules = rules.join(',');
  tb.textContent = rules.length
    ? t('sb.tieBreaks') + rules.map((r, i) => `${i + 1}. ${t('tb.' + r)}`).join(' → ')
    : t('sb.noTieBreaks');
  const notes = data.type === 'head_to_head' ? [] : formatNotes(data);
  $('format-notes').textContent = notes.join(' · ');
  $('format-notes').hidden = notes.length === 0;
}

// ---------- earlier rounds: read on demand, the live round keeps coming in underneath ----------

function roundLabel(r, n) {
  return (r && r.name) || t('sb.roundN', { n });
}

/** One button per round that has started, once there is more than one: the live round marked as now. */
function renderRounds() {
  const nav = $('sb-rounds');
  const data = liveData;
  const started = data && !data.hidden ? (data.rounds || []).filter((r) => r.round <= data.round) : [];
  nav.hidden = started.length < 2;
  if (nav.hidden) {
    nav.replaceChildren();
    return;
  }
  nav.setAttribute('aria-label', t('sb.rounds'));
  const shown = viewing ?? data.round;
  nav.replaceChildren(...started.map((r) => el('button', {
    type: 'button', class: 'secondary small', dataset: { round: r.round, now: String(r.round === data.round) },
    'aria-pressed': String(r.round === shown),
    onclick: () => showRound(r.round === data.round ? null : r.round),
  }, r.round === data.round ? t('sb.roundNow', { name: roundLabel(r, r.round) }) : roundLabel(r, r.round))));
}

function setRoundInAddress(n) {
  const url = new URL(location.href);
  if (n == null) url.searchParams.delete('round');
  else url.searchParams.set('round', String(n));
  history.replaceState(history.state, '', url);
}

/** Round `n`'s standings, read on demand (the live topic carries the current round only). */
const readRound = (n) => api(`/competitions/${competitionId}/scoreboard/rounds/${n}`);

/** Puts `data` (the live board or an earlier round) in the table, each row compared with what it shows. */
function showBoard(data) {
  current = data;
  render({ type: 'snapshot' });
}

/** Shows round `n` (an earlier one, read from the server) or, for null, the live round again. */
async function showRound(n) {
  details.forEach((d) => d.remove());
  details.clear();
  setRoundInAddress(n);
  viewing = n;
  if (n == null) {
    showMessage(message, '');
    showBoard(liveData);
    renderState();
    return;
  }
  renderRounds();
  try {
    const data = await readRound(n);
    if (viewing !== n) return;
    showMessage(message, '');
    showBoard(data);
  } catch (e) {
    if (viewing !== n) return;
    viewing = null;
    setRoundInAddress(null);
    showBoard(liveData);
    showMessage(message, errorText(e));
  }
  renderState();
}

// A correction can reach an official earlier round: while one is shown, it is read again after live
// changes, at most every few seconds (only the spectators who chose it ask).
let reloading = null;
function reloadEarlier() {
  if (reloading) return;
  reloading = setTimeout(async () => {
    reloading = null;
    const n = viewing;
    if (n == null) return;
    try {
      const data = await readRound(n);
      if (viewing === n) showBoard(data);
    } catch { /* the shown rows stay; the next change asks again */ }
  }, 3000);
}

/**
 * A row with its attempts cell (before the result) and its details button (after it), and a tap
 * anywhere on it opening the details; rows the server rendered come with the first five cells only.
 */
function withCells(tr) {
  const id = tr.dataset.entryId;
  const result = tr.querySelector('td.result');
  if (!tr.querySelector('td.attempts')) tr.insertBefore(el('td', { class: 'attempts' }), result);
  if (!tr.querySelector('td.more')) {
    tr.append(el('td', { class: 'more' }, el('button', { type: 'button', class: 'secondary small details-toggle', 'aria-expanded': 'false',
      'aria-label': t('rd.details'), onclick: (ev) => { ev.stopPropagation(); toggle(id); } }, '▸')));
  }
  tr.addEventListener('click', () => { if (current && current.type !== 'head_to_head') toggle(id); });
  return tr;
}

/** Opens or closes the work behind a row (a tap on the phone), in a row of its own below it. */
function toggle(id) {
  const open = details.get(id);
  const tr = table.element(id);
  if (open) {
    open.remove();
    details.delete(id);
  } else if (tr) {
    const detail = el('tr', { class: 'detail-row', dataset: { detailFor: id } }, el('td', { colspan: 7 }, renderDetail(table.row(id), current)));
    details.set(id, detail);
    tr.after(detail);
  }
  if (tr && table.row(id)) updateRow(tr, table.row(id), current, false);
  applyFinder(new Set([id]));
}

function updateRow(tr, row, data, animate) {
  const [rankTd, heatTd, nameTd, unitTd, attemptsTd, resultTd, moreTd] = tr.children;
  const moreBtn = moreTd.firstChild;
  const ranked = row.rank != null;
  if (ranked) tr.dataset.rank = row.rank;
  else delete tr.dataset.rank;
  tr.dataset.complete = String(!!row.complete);
  tr.dataset.status = row.status || '';
  if (row.decidedBy) tr.dataset.decidedBy = row.decidedBy;
  else delete tr.dataset.decidedBy;
  if (row.advancing != null) tr.dataset.advancing = String(row.advancing);
  else delete tr.dataset.advancing;
  tr.classList.toggle('waiting', !ranked && row.status === 'PENDING');
  tr.classList.toggle('failed', ['DNF', 'DNS', 'DQ'].includes(row.status));
  rankTd.textContent = ranked ? String(row.rank) : '';
  heatTd.textContent = row.heat != null ? t('sb.heat', { n: row.heat }) : '';
  const tags = [];
  if (row.decidedBy) tags.push(el('span', { class: 'why' }, t('sb.decidedBy', { rule: t('tb.' + row.decidedBy) })));
  if (row.advancing) tags.push(el('span', { class: 'tag advancing' }, t('sb.advancing')));
  if (row.correctedAfterPublication) tags.push(el('span', { class: 'tag corrected' }, t('sb.corrected')));
  nameTd.replaceChildren(row.name ?? '', ...tags, ...recordBadges(row, data));
  unitTd.textContent = row.unit ?? '';
  attemptsTd.replaceChildren(renderAttempts(row, data));
  const open = details.has(String(row.id));
  moreBtn.setAttribute('aria-expanded', String(open));
  moreBtn.setAttribute('aria-label', t(open ? 'rd.hide' : 'rd.details'));
  moreBtn.title = t(open ? 'rd.hide' : 'rd.details');
  moreBtn.textContent = open ? '▾' : '▸';
  const text = resultText(row, data);
  if (resultTd.textContent !== text) {
    const changed = resultTd.textContent !== '';
    resultTd.textContent = text;
    if (changed && animate) flash(tr);
  }
}

function flash(tr) {
  tr.classList.remove('flash');
  void tr.offsetWidth; // restart the animation
  tr.classList.add('flash');
}

// ---------- finding a row on a phone: search, and the signed-in participant's own row ----------


async function loadMine() {
  if (!getSession()) {
    mine = new Set();
    applyFinder();
    return;
  }
  try {
    mine = new Set(((await api('/me/entries')).items || []).map((e) => String(e.id)));
  } catch { mine = new Set(); }
  applyFinder();
}

/**
 * Hides rows the search does not match and marks the viewer's own ("my row"): every row, or only
 * the ids a change touched (the others' state has not changed).
 */
function applyFinder(only) {
  const q = ($('sb-search')?.value || '').trim().toLowerCase();
  for (const id of only ? [...only] : table.ids()) {
    const tr = table.element(id);
    if (!tr) continue;
    const text = (tr.children[2]?.textContent + ' ' + tr.children[3]?.textContent).toLowerCase();
    const hit = !q || text.includes(q);
    if (tr.hidden !== !hit) tr.hidden = !hit;
    if (details.has(id)) details.get(id).hidden = !hit;
    const own = mine.has(id);
    if (tr.classList.contains('mine') === own) continue;
    tr.classList.toggle('mine', own);
    if (own) tr.setAttribute('aria-current', 'true');
    else tr.removeAttribute('aria-current');
  }
  const none = $('sb-no-match');
  if (none) {
    none.hidden = !q || table.ids().some((id) => !table.element(id)?.hidden);
    none.textContent = t('sb.noMatch', { q });
  }
}

$('sb-search')?.addEventListener('input', () => applyFinder());
$('sb-mine')?.addEventListener('click', () => {
  const tr = tbody.querySelector('tr.mine');
  if (tr) tr.scrollIntoView({ block: 'center' });
});
window.addEventListener('sessionchange', loadMine);
loadMine();
