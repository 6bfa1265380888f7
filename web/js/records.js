// Records and results of one competition (/records.html?competition=ID): the meet and event records
// organisers load (per division or for the whole competition; a result that beats one is flagged on
// the board, the display and the exports), and the results exports: the printable PDF results book
// of the competition and of the whole event, CSV for Excel and the event's gala-results/1 JSON.
import { initI18n, t, errorText } from './i18n.js';
import './i18n/results.js';
import { api, apiOnce, getSession, newKey } from './api.js';
import { el, showMessage } from './ui.js';
import { formatValue } from './result-detail.js';
import { confirmNamed } from './confirm.js';

initI18n();

const $ = (id) => document.getElementById(id);
const message = $('message');
const competitionId = new URLSearchParams(location.search).get('competition');
let competition = null;
let records = [];
let pendingKey = null; // kept until the server answers, so a retried save cannot load a record twice

if (!competitionId || !/^\d+$/.test(competitionId)) {
  showMessage(message, t('rec.noCompetition'));
} else {
  load();
}
window.addEventListener('langchange', () => { if (competition) render(); });
window.addEventListener('sessionchange', () => { if (competition) render(); });

async function load() {
  try {
    competition = await api(`/competitions/${competitionId}`);
    records = (await api(`/competitions/${competitionId}/records`)).items || [];
  } catch (e) {
    showMessage(message, errorText(e));
    return;
  }
  const c = encodeURIComponent(competitionId);
  const ev = encodeURIComponent(competition.eventId);
  $('pdf-competition').href = `/api/v1/competitions/${c}/results.pdf`;
  $('csv-competition').href = `/api/v1/competitions/${c}/results.csv`;
  $('pdf-event').href = `/api/v1/events/${ev}/results.pdf`;
  $('csv-event').href = `/api/v1/events/${ev}/results.csv`;
  $('json-event').href = `/api/v1/events/${ev}/results.json`;
  $('board-link').href = `/scoreboard.html?competition=${c}`;
  $('sheets-link').href = `/sheets.html?competition=${c}`;
  $('sheets-link').hidden = !(competition.format?.type === 'judged' && competition.format.difficulty);
  $('exports').hidden = false;
  render();
}

/** The board-like shape result-detail.js formats values with (a time for timed formats). */
function board() {
  const f = competition.format || {};
  return { type: f.type, decimals: f.decimals ?? 2 };
}

function divisionName(code) {
  if (!code) return t('rec.allDivisions');
  const d = (competition.divisions || []).find((x) => x.code === code);
  return d ? `${d.name} (${d.code})` : code;
}

function render() {
  $('rec-competition').textContent = competition.name;
  document.title = `${competition.name} · ${t('rec.title')}`;
  const headToHead = competition.format?.type === 'head_to_head';
  $('records-box').hidden = headToHead;
  $('record-rows').replaceChildren(...records.map((r) => el('tr', { dataset: { recordId: r.id } },
    el('td', {}, t('rec.kind.' + r.kind), el('small', { class: 'muted block' }, divisionName(r.division)),
      r.basis === 'single' ? el('small', { class: 'muted block' }, t('rec.basis.single')) : null),
    el('td', { class: 'value' }, formatValue(r.value, board())),
    el('td', {}, r.holder, [r.unit, r.setAt].some(Boolean)
      ? el('small', { class: 'muted block' }, [r.unit, r.setAt].filter(Boolean).join(' · ')) : null),
    el('td', { class: 'actions' }, getSession() ? el('button', { type: 'button', class: 'secondary small remove',
      onclick: () => remove(r) }, t('rec.remove')) : null))));
  $('no-records').hidden = records.length > 0;
  // Organisers load records; the server decides who may (a refusal reads as a sentence).
  const form = $('add');
  form.hidden = headToHead || !getSession();
  const divisions = competition.divisions || [];
  const chosen = $('r-division').value;
  $('r-division').replaceChildren(el('option', { value: '' }, t('rec.allDivisions')),
    ...divisions.map((d) => el('option', { value: d.code, selected: d.code === chosen }, divisionName(d.code))));
  $('division-field').hidden = divisions.length === 0;
  $('basis-field').hidden = (competition.format?.attempts ?? 1) < 2;
  $('value-hint').textContent = competition.format?.type === 'timed' ? t('rec.value.timeHint') : t('rec.value.pointsHint');
}

$('add').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const form = ev.target;
  const value = $('r-value').value.trim();
  const holder = $('r-holder').value.trim();
  if (!value || !holder) {
    showMessage(message, t(value ? 'rec.err.holder' : 'rec.err.value'));
    (value ? $('r-holder') : $('r-value')).focus();
    return;
  }
  const body = { kind: $('r-kind').value, value: /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value, holder };
  if ($('r-division').value) body.division = $('r-division').value;
  if (!$('basis-field').hidden) body.basis = $('r-basis').value;
  if ($('r-unit').value.trim()) body.unit = $('r-unit').value.trim();
  if ($('r-setAt').value.trim()) body.setAt = $('r-setAt').value.trim();
  pendingKey ||= newKey();
  $('r-save').disabled = true;
  try {
    const saved = await api(`/competitions/${competitionId}/records`, { method: 'POST', body, headers: { 'Idempotency-Key': pendingKey } });
    pendingKey = null;
    records.push(saved);
    form.reset();
    showMessage(message, t('rec.saved', { value: formatValue(saved.value, board()), holder: saved.holder }), 'ok');
    render();
  } catch (e) {
    if (!e.retryable) pendingKey = null;
    showMessage(message, errorText(e));
  } finally {
    $('r-save').disabled = false;
  }
});

async function remove(r) {
  if (!(await confirmNamed('removeRecord', { holder: r.holder, value: formatValue(r.value, board()) }))) return;
  try {
    await apiOnce(`/competitions/${competitionId}/records/${r.id}`, { method: 'DELETE' });
    records = records.filter((x) => x.id !== r.id);
    showMessage(message, '');
    render();
  } catch (e) {
    showMessage(message, errorText(e));
  }
}
