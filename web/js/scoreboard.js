// The public competition page: one live scoreboard topic, rows updated in place as deltas arrive.
// Shows PROVISIONAL/OFFICIAL, the round, the tie-break rules in order and what each tie-break decided.
import { initI18n, t, errorText } from './i18n.js';
import './i18n/scoring.js';
import './i18n/scoreboard.js';
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
// Rows the server already put in the page (gala.pages.ScoreboardPage, for a first paint one round trip
// after the tap on a slow connection) are adopted, so the live snapshot updates them in place.
for (const tr of document.querySelectorAll('#rows tr[data-entry-id]')) trs.set(tr.dataset.entryId, tr);
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
  rows.forEach((row, i) => {
    const id = String(row.id);
    seen.add(id);
    let tr = trs.get(id);
    if (!tr) {
      tr = el('tr', { dataset: { entryId: id } },
        el('td', { class: 'rank' }), el('td', { class: 'heat' }), el('td', { class: 'name' }), el('td', { class: 'unit' }),
        el('td', { class: 'result' }));
      trs.set(id, tr);
    }
    updateRow(tr, row, data, animate);
    if (tbody.children[i] !== tr) tbody.insertBefore(tr, tbody.children[i] || null);
  });
  for (const [id, tr] of trs) {
    if (!seen.has(id)) {
      tr.remove();
      trs.delete(id);
    }
  }
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
}

function resultText(row, data) {
  if (data.type === 'head_to_head') {
    return `${t('sb.points', { p: row.points ?? 0 })} · ${t('sb.record', { w: row.won ?? 0, d: row.drawn ?? 0, l: row.lost ?? 0 })}`;
  }
  if (row.status === 'DNF' || row.status === 'DNS' || row.status === 'DQ') return t('sb.status.' + row.status);
  if (row.result != null) return String(row.result);
  if (data.type === 'judged') return t('sb.waiting', { k: row.marks ?? 0, n: row.need ?? data.judges ?? '?' });
  return t('sb.attemptsWaiting', { k: row.marks ?? 0, n: row.need ?? data.attempts ?? '?' });
}

function updateRow(tr, row, data, animate) {
  const [rankTd, heatTd, nameTd, unitTd, resultTd] = tr.children;
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
  nameTd.replaceChildren(row.name ?? '', ...tags);
  unitTd.textContent = row.unit ?? '';
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
