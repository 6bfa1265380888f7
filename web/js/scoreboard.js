// The public competition page: one live scoreboard topic, rows updated in place as deltas arrive.
// Shows PROVISIONAL/OFFICIAL, the round, the tie-break rules in order and what each tie-break decided,
// the format in words (the combined formula), every attempt, and records beaten; a tap on a row
// opens its work (each judge's mark, the dropped ones struck) from result-detail.js.
import { initI18n, t, errorText } from './i18n.js';
import './i18n/scoring.js';
import './i18n/scoreboard.js';
import { resultText, renderAttempts, renderDetail, recordBadges, formatNotes } from './result-detail.js';
import { LiveClient } from './live.js';
import { api, getSession } from './api.js';
import { el, bindLiveState, showMessage } from './ui.js';

initI18n();

const $ = (id) => document.getElementById(id);
const nameEl = $('sb-name');
const statusEl = $('sb-status');
const tbody = $('rows');
const emptyEl = $('empty');
const versionEl = $('version');
const message = $('message');
const trs = new Map(); // entry id -> <tr>
const details = new Map(); // entry id -> the open detail <tr> below its row
// Rows the server already put in the page (gala.pages.ScoreboardPage, for a first paint one round trip
// after the tap on a slow connection) are adopted, so the live snapshot updates them in place.
for (const tr of document.querySelectorAll('#rows tr[data-entry-id]')) trs.set(tr.dataset.entryId, withCells(tr));
let current = null;
let currentVersion = null;

const competitionId = new URLSearchParams(location.search).get('competition');

if (!competitionId || !/^\d+$/.test(competitionId)) {
  $('board').hidden = true;
  showMessage(message, t('sb.noCompetition'));
  window.addEventListener('langchange', () => showMessage(message, t('sb.noCompetition')));
} else {
  const live = new LiveClient();
  bindLiveState($('live-state'), live);
  live.onError((e) => {
    if (e.topic && e.topic !== 'scoreboard:' + competitionId) return;
    if (e.code === 'SCOREBOARD_HIDDEN') {
      $('board').hidden = true;
      showMessage(message, t('sb.hidden'), 'warn');
      return;
    }
    // Scoreboards are public: another refusal here means the competition does not exist.
    const notFound = e.code === 'UNAUTHENTICATED' || e.code === 'FORBIDDEN';
    showMessage(message, notFound ? t('error.UNKNOWN_TOPIC') : errorText(e));
  });
  live.subscribe('scoreboard:' + competitionId, (data, version) => {
    current = data;
    currentVersion = version;
    $('board').hidden = !!data.hidden;
    showMessage(message, data.hidden ? t('sb.hidden') : '', 'warn');
    render(true);
  });
  live.connect();
  window.addEventListener('langchange', () => render(false));
}

function render(animate) {
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

  const rows = (data.rows || []).filter(Boolean);
  const seen = new Set();
  let cursor = tbody.firstChild;
  const place = (node) => {
    if (cursor === node) cursor = cursor.nextSibling;
    else tbody.insertBefore(node, cursor);
  };
  for (const row of rows) {
    const id = String(row.id);
    seen.add(id);
    let tr = trs.get(id);
    if (!tr) {
      tr = withCells(el('tr', { dataset: { entryId: id } },
        el('td', { class: 'rank' }), el('td', { class: 'heat' }), el('td', { class: 'name' }), el('td', { class: 'unit' }),
        el('td', { class: 'result' })));
      trs.set(id, tr);
    }
    updateRow(tr, row, data, animate);
    place(tr);
    const detail = details.get(id);
    if (detail) {
      detail.firstChild.replaceChildren(renderDetail(row, data));
      place(detail);
    }
  }
  for (const [id, tr] of trs) {
    if (!seen.has(id)) {
      tr.remove();
      trs.delete(id);
      details.get(id)?.remove();
      details.delete(id);
    }
  }
  $('board').classList.toggle('no-attempts', !rows.some((r) => (r.attempts || []).length > 1));
  $('board').classList.toggle('no-details', data.type === 'head_to_head');
  emptyEl.hidden = rows.length > 0;
  applyFinder();
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
  else if (data.status === 'OFFICIAL') note.textContent = data.publishedAt ? t('sb.officialAt', { at: new Date(data.publishedAt).toLocaleString() }) : '';
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
  if (open) {
    open.remove();
    details.delete(id);
  } else {
    details.set(id, el('tr', { class: 'detail-row', dataset: { detailFor: id } }, el('td', { colspan: 7 })));
  }
  render(false);
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

let mine = new Set(); // entry ids of the signed-in viewer (listMyEntries)

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

/** Hides rows the search does not match and marks the viewer's own ("my row"). */
function applyFinder() {
  const q = ($('sb-search')?.value || '').trim().toLowerCase();
  let shown = 0;
  for (const [id, tr] of trs) {
    const text = (tr.children[2]?.textContent + ' ' + tr.children[3]?.textContent).toLowerCase();
    const hit = !q || text.includes(q);
    tr.hidden = !hit;
    if (details.has(id)) details.get(id).hidden = !hit;
    if (hit) shown += 1;
    const own = mine.has(id);
    tr.classList.toggle('mine', own);
    if (own) tr.setAttribute('aria-current', 'true');
    else tr.removeAttribute('aria-current');
  }
  const none = $('sb-no-match');
  if (none) {
    none.hidden = !q || shown > 0;
    none.textContent = t('sb.noMatch', { q });
  }
}

$('sb-search')?.addEventListener('input', applyFinder);
$('sb-mine')?.addEventListener('click', () => {
  const tr = tbody.querySelector('tr.mine');
  if (tr) tr.scrollIntoView({ block: 'center' });
});
window.addEventListener('sessionchange', loadMine);
loadMine();
