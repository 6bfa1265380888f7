// Dive sheets (/sheets.html?competition=ID): each entry's declared attempts of a judged competition
// with a degree of difficulty (a dive's code from the format's table, or a difficulty typed), entered
// once by an organiser, the head judge or the athlete (declareAttempts), so judges never retype it.
// The live scoreboard says what is declared; a change of an attempt that has marks needs a reason.
import { initI18n, t, errorText } from './i18n.js';
import './i18n/results.js';
import { api, newKey, getSession } from './api.js';
import { LiveClient } from './live.js';
import { el, showMessage } from './ui.js';
import { formatPoints } from './result-detail.js';

initI18n();

const $ = (id) => document.getElementById(id);
const message = $('message');
const params = new URLSearchParams(location.search);
const competitionId = params.get('competition');
// From "my registrations": the athlete's own entry only (the desk's link shows every entry).
const onlyEntry = params.get('entry');
let format = null;
let board = null;
const keys = new Map(); // entry id -> Idempotency-Key of a save not yet answered

if (!competitionId || !/^\d+$/.test(competitionId)) {
  showMessage(message, t('sheet.noCompetition'));
} else {
  start();
}

async function start() {
  try {
    const competition = await api(`/competitions/${competitionId}`);
    format = competition.format || {};
    $('sheet-competition').textContent = competition.name;
    if (format.type !== 'judged' || !format.difficulty) {
      showMessage(message, t('sheet.noDifficulty'), 'warn');
      $('sheet-hint').hidden = true;
      return;
    }
  } catch (e) {
    showMessage(message, errorText(e));
    return;
  }
  const table = format.difficulty.table || {};
  $('codes').replaceChildren(...Object.entries(table).map(([code, dd]) => el('option', { value: code }, `${code} · ${dd}`)));
  const live = new LiveClient();
  live.subscribe('scoreboard:' + competitionId, (data) => { board = data; render(); });
  live.connect();
  window.addEventListener('langchange', render);
}

const byCode = () => !!format.difficulty.table;

/** One form per entry: an input per attempt, filled with what is declared; the rows keep what a person typed. */
function render() {
  if (!board) return;
  const box = $('sheets');
  const n = format.attempts ?? 1;
  for (const row of (board.rows || []).filter((r) => r && (!onlyEntry || String(r.id) === onlyEntry))) {
    let form = box.querySelector(`form[data-entry-id="${row.id}"]`);
    if (!form) {
      form = el('form', { class: 'card form sheet', dataset: { entryId: row.id }, novalidate: true },
        el('h2', { class: 'sheet-name' }),
        el('div', { class: 'row-editor attempts' }),
        el('button', { type: 'submit', class: 'save' }));
      form.addEventListener('submit', (ev) => { ev.preventDefault(); save(form, row.id); });
      box.append(form);
    }
    form.querySelector('.sheet-name').textContent = row.name + (row.unit ? ` · ${row.unit}` : '');
    form.querySelector('.save').textContent = t('sheet.save');
    const inputs = form.querySelector('.attempts');
    for (let i = 1; i <= n; i++) {
      const a = (row.attempts || []).find((x) => x.attempt === i) || {};
      let input = inputs.querySelector(`input[data-attempt="${i}"]`);
      const declared = byCode() ? a.code || '' : a.difficulty || '';
      if (!input) {
        input = el('input', { dataset: { attempt: i, declared }, value: declared, autocomplete: 'off',
          list: byCode() ? 'codes' : null, inputmode: byCode() ? null : 'decimal', spellcheck: 'false' });
        inputs.append(el('label', { class: 'part-cell' }, el('span', { class: 'caption' }), input));
      } else if (input.value === input.dataset.declared) {
        input.value = declared; // follow the board unless the person is typing a change
      }
      input.dataset.declared = declared;
      input.dataset.marked = String(!!(a.marks && a.marks.length));
      input.previousSibling.textContent = t('sheet.attempt', { n: i }) + (a.difficulty ? ` · ${formatPoints(a.difficulty, 1)}` : '');
    }
  }
}

async function save(form, entryId) {
  const attempts = [];
  let marked = false;
  for (const input of form.querySelectorAll('input[data-attempt]')) {
    const v = input.value.trim();
    if (!v) continue;
    const n = Number(input.dataset.attempt);
    if (byCode()) attempts.push({ attempt: n, code: v });
    else attempts.push({ attempt: n, difficulty: Number(v.replace(',', '.')) });
    if (v !== input.dataset.declared && input.dataset.marked === 'true') marked = true;
  }
  if (attempts.length === 0) {
    showMessage(message, t('sheet.empty'));
    return;
  }
  const body = { entryId, attempts };
  const reason = $('reason').value.trim();
  if (reason) body.reason = reason;
  if (marked && !reason) {
    $('reason-field').hidden = false;
    showMessage(message, errorText({ code: 'REASON_REQUIRED', status: 422 }));
    $('reason').focus();
    return;
  }
  if (!getSession()) {
    showMessage(message, t('sheet.signIn'));
    return;
  }
  if (!keys.has(entryId)) keys.set(entryId, newKey());
  const button = form.querySelector('.save');
  button.disabled = true;
  try {
    await api(`/competitions/${competitionId}/declarations`, { method: 'POST', body, headers: { 'Idempotency-Key': keys.get(entryId) } });
    keys.delete(entryId);
    for (const input of form.querySelectorAll('input[data-attempt]')) input.dataset.declared = input.value.trim();
    showMessage(message, t('sheet.saved', { name: form.querySelector('.sheet-name').textContent }), 'ok');
  } catch (e) {
    if (!e.retryable) keys.delete(entryId);
    if (e.code === 'REASON_REQUIRED') $('reason-field').hidden = false;
    showMessage(message, errorText(e));
  } finally {
    button.disabled = false;
  }
}
