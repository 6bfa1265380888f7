// The public live scoreboard: one topic, rows updated in place as deltas arrive.
import { initI18n, t, errorText } from './i18n.js';
import { LiveClient } from './live.js';
import { el, bindLiveState, showMessage } from './ui.js';

initI18n();

const nameEl = document.getElementById('sb-name');
const statusEl = document.getElementById('sb-status');
const tbody = document.getElementById('rows');
const emptyEl = document.getElementById('empty');
const versionEl = document.getElementById('version');
const message = document.getElementById('message');
const trs = new Map(); // entry id -> <tr>
let current = null;
let currentVersion = null;

const competitionId = new URLSearchParams(location.search).get('competition');

if (!competitionId || !/^\d+$/.test(competitionId)) {
  document.getElementById('board').hidden = true;
  showMessage(message, t('sb.noCompetition'));
  window.addEventListener('langchange', () => showMessage(message, t('sb.noCompetition')));
} else {
  const live = new LiveClient();
  bindLiveState(document.getElementById('live-state'), live);
  live.onError((e) => {
    if (e.topic && e.topic !== 'scoreboard:' + competitionId) return;
    // Scoreboards are public: a refusal here means the competition does not exist.
    const notFound = e.code === 'UNAUTHENTICATED' || e.code === 'FORBIDDEN';
    showMessage(message, notFound ? t('error.UNKNOWN_TOPIC') : errorText(e));
  });
  live.subscribe('scoreboard:' + competitionId, (data, version) => {
    current = data;
    currentVersion = version;
    showMessage(message, '');
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

  const rows = (data.rows || []).filter(Boolean);
  const seen = new Set();
  rows.forEach((row, i) => {
    const id = String(row.id);
    seen.add(id);
    let tr = trs.get(id);
    if (!tr) {
      tr = el('tr', { dataset: { entryId: id } },
        el('td', { class: 'rank' }), el('td', { class: 'name' }), el('td', { class: 'unit' }), el('td', { class: 'result' }));
      trs.set(id, tr);
    }
    updateRow(tr, row, data.judges, animate);
    if (tbody.children[i] !== tr) tbody.insertBefore(tr, tbody.children[i] || null);
  });
  for (const [id, tr] of trs) {
    if (!seen.has(id)) {
      tr.remove();
      trs.delete(id);
    }
  }
  emptyEl.hidden = rows.length > 0;
  document.getElementById('board').classList.toggle('no-units', !rows.some((r) => r.unit));
}

function updateRow(tr, row, judges, animate) {
  const [rankTd, nameTd, unitTd, resultTd] = tr.children;
  const ranked = row.rank != null;
  if (ranked) tr.dataset.rank = row.rank;
  else delete tr.dataset.rank;
  tr.dataset.complete = String(!!row.complete);
  tr.classList.toggle('waiting', !ranked);
  rankTd.textContent = ranked ? String(row.rank) : '';
  nameTd.textContent = row.name ?? '';
  unitTd.textContent = row.unit ?? '';
  const text = row.result != null
    ? String(row.result)
    : t('sb.waiting', { k: row.marks ?? 0, n: judges ?? '?' });
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
