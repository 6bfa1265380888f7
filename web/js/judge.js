// The judge page: sign in, pick an assigned competition, follow its scoreboard live and send what
// the competition's format takes: a mark or one mark per weighted criterion (plus the difficulty),
// an attempt's time/distance or its outcome (DNF/DNS/DQ), or a head-to-head result; a drawn
// head-to-head competition shows its open matches instead (recordMatchResult, so draw and scoreboard
// stay together). Every submission goes to a localStorage outbox before it is sent, with an
// Idempotency-Key made when the judge pressed submit; it stays there (and is retried with the same
// key) until the server answers.
import './i18n/draws.js';
import './i18n/judge.js';
import { initI18n, t, errorText } from './i18n.js';
import { api, getSession, login, logout, freshToken, newKey } from './api.js';
import { LiveClient } from './live.js';
import { el, bindLiveState, showMessage } from './ui.js';

initI18n();

const OUTBOX_KEY = 'gala.outbox';
const SCORED_KEY = 'gala.scored';
const RETRY_MS = 4000;

const $ = (id) => document.getElementById(id);
const message = $('message');
const competitionSelect = $('competition');
const entriesList = $('entries');
const markInput = $('mark');
const submitButton = $('submit-score');
const syncEl = $('pending-sync');

const live = new LiveClient();
bindLiveState($('live-state'), live);
// A refused subscription (the draw or scoreboard of this competition) is said, not waited on silently.
live.onError((e) => { if (e.topic && (e.topic === topic || e.topic === drawTopic)) showMessage(message, errorText(e)); });

let assignments = [];
let competitionId = null; // string
let topic = null;
let board = null; // scoreboard data
let selectedEntry = null; // string id
let flushing = false;
let drawTopic = null;
let draw = null; // draw:<id> data of a head-to-head competition; null until its snapshot arrives
const matchForms = new Map(); // match id -> its form, kept across renders so typing survives deltas

// ---------- storage ----------

function readJson(key, fallback) {
  try {
    return JSON.parse(localStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback;
  }
}

const outbox = () => readJson(OUTBOX_KEY, []);
const saveOutbox = (items) => localStorage.setItem(OUTBOX_KEY, JSON.stringify(items));
const userId = () => String(getSession()?.user?.id ?? '');
const myOutbox = () => outbox().filter((i) => i.userId === userId());

function removeFromOutbox(key) {
  saveOutbox(outbox().filter((i) => i.key !== key));
}

/** Entries this judge has marks for, remembered per user and competition. */
function scoredSet(cid) {
  const all = readJson(SCORED_KEY, {});
  return new Set((all[userId()] || {})[cid] || []);
}

function markScored(cid, entryId) {
  const all = readJson(SCORED_KEY, {});
  const mine = (all[userId()] ||= {});
  const list = new Set(mine[cid] || []);
  list.add(String(entryId));
  mine[cid] = [...list];
  localStorage.setItem(SCORED_KEY, JSON.stringify(all));
}


// ---------- sign-in ----------

async function showForSession() {
  const session = getSession();
  $('signin').hidden = !!session;
  $('desk').hidden = !session;
  $('live-state').hidden = !session;
  if (!session) {
    live.auth(null);
    return;
  }
  $('whoami').textContent = t('judge.signedInAs', { name: session.user?.displayName || session.user?.email || '' });
  live.auth(await freshToken());
  live.connect();
  await loadAssignments();
  flush();
}

$('signin-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const button = $('signin-button');
  button.disabled = true;
  try {
    await login($('email').value.trim(), $('password').value);
    $('password').value = '';
    showMessage(message, '');
  } catch (e) {
    showMessage(message, errorText(e));
  } finally {
    button.disabled = false;
  }
});

let signingOut = false;
$('signout').addEventListener('click', () => {
  signingOut = true;
  showMessage(message, '');
  logout();
});

let lastUser = userId();
window.addEventListener('sessionchange', () => {
  // A refreshed token keeps the same user; only a sign-in or sign-out redraws the page.
  if (userId() === lastUser && getSession()) {
    live.auth(getSession().accessToken);
    return;
  }
  const unsynced = outbox().filter((i) => i.userId === lastUser).length;
  if (!getSession() && !signingOut && unsynced) showMessage(message, t('judge.sessionExpired'));
  signingOut = false;
  lastUser = userId();
  selectCompetition(null);
  showForSession();
});

// ---------- competitions ----------

async function loadAssignments() {
  try {
    assignments = (await api('/me/judging')).items || [];
  } catch (e) {
    showMessage(message, errorText(e));
    assignments = [];
  }
  for (const a of assignments) {
    for (const id of a.scoredEntryIds || []) markScored(String(a.competitionId), id);
  }
  $('no-assignments').hidden = assignments.length > 0;
  competitionSelect.parentElement.hidden = assignments.length === 0;
  renderCompetitionOptions();
  const wanted = new URLSearchParams(location.search).get('competition') || localStorage.getItem('gala.judge.competition');
  const pick = assignments.find((a) => String(a.competitionId) === wanted)
    || (assignments.length === 1 ? assignments[0] : null);
  competitionSelect.value = pick ? String(pick.competitionId) : '';
  selectCompetition(pick ? String(pick.competitionId) : null);
}

function renderCompetitionOptions() {
  const value = competitionSelect.value;
  competitionSelect.replaceChildren(
    el('option', { value: '' }, t('judge.pick')),
    ...assignments.map((a) => el('option', { value: a.competitionId }, a.name)));
  competitionSelect.value = value;
}

competitionSelect.addEventListener('change', () => selectCompetition(competitionSelect.value || null));

function selectCompetition(cid) {
  if (topic) live.unsubscribe(topic);
  if (drawTopic) live.unsubscribe(drawTopic);
  topic = null;
  drawTopic = null;
  board = null;
  draw = null;
  matchForms.clear();
  selectedEntry = null;
  competitionId = cid;
  entriesList.replaceChildren();
  $('matches').replaceChildren();
  if (cid) {
    localStorage.setItem('gala.judge.competition', cid);
    const url = new URL(location.href);
    url.searchParams.set('competition', cid);
    history.replaceState(history.state, '', url);
    topic = 'scoreboard:' + cid;
    live.subscribe(topic, (data) => {
      board = data;
      renderEntries();
    });
    if (formatType() === 'head_to_head') {
      // Until the draw snapshot says whether matches are drawn, neither entry form is shown: a free
      // result on a drawn competition would bypass the bracket.
      drawTopic = 'draw:' + cid;
      live.subscribe(drawTopic, (data) => {
        draw = data || { drawn: false };
        renderMode();
        renderMatches();
      });
    }
  }
  buildFormShape();
  renderMode();
  renderForm();
  renderSync();
}

function currentFormat() {
  return assignments.find((a) => String(a.competitionId) === competitionId)?.format || {};
}

function formatType() {
  return currentFormat().type || 'judged';
}

const isAttempts = () => formatType() === 'timed' || formatType() === 'measured';
const isMatch = () => formatType() === 'head_to_head';
const criteria = () => (formatType() === 'judged' && Array.isArray(currentFormat().criteria) ? currentFormat().criteria : []);
const drawMode = () => isMatch() && !!draw?.drawn;

/** Which panel shows: the entry form and list, or a drawn competition's open matches. */
function renderMode() {
  const waitingForDraw = isMatch() && !draw;
  $('workspace').hidden = !competitionId || waitingForDraw || drawMode();
  $('matches-panel').hidden = !competitionId || !drawMode();
}

/** The inputs the competition's format takes; rebuilt when the competition changes. */
function buildFormShape() {
  const f = currentFormat();
  const list = criteria();
  const box = $('criteria');
  const typed = {};
  for (const input of box.querySelectorAll('input.criterion')) typed[input.dataset.criterion] = input.value;
  box.replaceChildren(...list.map((c) => el('label', { class: 'criterion-field' },
    el('span', {}, c.weight != null && c.weight !== 1 ? t('judge.criterionWeight', { name: c.name, weight: c.weight }) : c.name),
    el('input', {
      class: 'criterion', type: 'text', inputmode: 'decimal', autocomplete: 'off',
      dataset: { criterion: c.name }, 'aria-label': c.name, value: typed[c.name] || null,
    }))));
  box.hidden = list.length === 0;
  $('mark-field').hidden = list.length > 0;
  $('difficulty-field').hidden = !(formatType() === 'judged' && f.difficulty);
  $('attempt-field').hidden = !isAttempts();
  $('outcomes').hidden = !isAttempts();
  $('opponent-fields').hidden = !isMatch();
  renderFormLabels();
}

function renderFormLabels() {
  const type = formatType();
  const key = type === 'timed' ? 'judge.time' : type === 'measured' ? 'judge.distance'
    : type === 'head_to_head' ? 'judge.entryScore' : 'judge.mark';
  $('mark-label').dataset.i18n = key;
  $('mark-label').textContent = t(key);
  const submitKey = type === 'head_to_head' ? 'judge.submitResult' : isAttempts() ? 'judge.submitAttempt' : 'judge.submit';
  submitButton.dataset.i18n = submitKey;
  submitButton.textContent = t(submitKey);
}

// ---------- entries ----------

function pendingEntries() {
  return new Set(myOutbox().filter((i) => i.competitionId === competitionId && i.kind !== 'match').map((i) => String(i.entryId)));
}

function entryState(row, scored, pending) {
  const id = String(row.id);
  if (pending.has(id)) return 'pending';
  if (isMatch()) return 'todo'; // an entry plays many matches; the list only picks who played
  if (!isAttempts() && scored.has(id)) return 'scored';
  if (row.complete) return 'complete';
  return 'todo';
}

function sortedRows() {
  return (board?.rows || []).filter(Boolean).slice().sort((a, b) => Number(a.id) - Number(b.id));
}

function progressText(row) {
  if (isMatch()) return t('judge.played', { n: row.played ?? 0 });
  if (isAttempts()) return t('judge.attempts', { k: row.marks ?? 0, n: row.need ?? currentFormat().attempts ?? '?' });
  return `${row.marks ?? 0}/${board.judges ?? '?'}`;
}

function renderEntries() {
  if (!board) return;
  const scored = scoredSet(competitionId);
  const pending = pendingEntries();
  const rows = sortedRows();
  let todo = 0;
  entriesList.replaceChildren(...rows.map((row) => {
    const state = entryState(row, scored, pending);
    if (state === 'todo') todo += 1;
    const stateText = { todo: 'judge.toScore', scored: 'judge.scored', pending: 'judge.pendingEntry', complete: 'judge.complete' }[state];
    return el('li', {},
      el('button', {
        type: 'button',
        class: 'entry' + (String(row.id) === selectedEntry ? ' selected' : ''),
        dataset: { entryId: row.id, state },
        'aria-pressed': String(String(row.id) === selectedEntry),
        onclick: () => selectEntry(String(row.id)),
      },
      el('span', { class: 'entry-name' }, row.name ?? ''),
      row.unit ? el('small', { class: 'muted' }, row.unit) : null,
      el('span', { class: 'entry-state' }, t(isMatch() && state === 'todo' ? 'judge.pickToEnter' : stateText)),
      el('small', { class: 'muted marks' }, progressText(row))));
  }));
  $('remaining').textContent = isMatch() ? '' : t('judge.remaining', { n: todo });
  if (selectedEntry && !rows.some((r) => String(r.id) === selectedEntry)) selectedEntry = null;
  renderForm();
}

function firstInput() {
  return criteria().length ? $('criteria').querySelector('input') : markInput;
}

function selectEntry(id) {
  selectedEntry = id;
  renderEntries();
  firstInput().focus();
}

function rowFor(id) {
  return (board?.rows || []).find((r) => r && String(r.id) === id);
}

/** The attempt the server will record when none is typed: after those on the board and in the outbox. */
function nextAttempt(row) {
  const queued = myOutbox().filter((i) => i.competitionId === competitionId && String(i.entryId) === String(row.id)
    && i.body && i.body.attempt == null).length;
  return (row.marks ?? 0) + queued + 1;
}

function renderForm() {
  const row = selectedEntry && rowFor(selectedEntry);
  const label = $('selected-entry');
  label.textContent = row ? row.name + (row.unit ? ' · ' + row.unit : '') : t('judge.selectEntry');
  label.classList.toggle('muted', !row);
  submitButton.disabled = !row;
  for (const b of $('outcomes').querySelectorAll('button')) b.disabled = !row;
  const f = currentFormat();
  let range = '';
  if (f.min != null && f.max != null) range = t('judge.range', { min: f.min, max: f.max });
  if (isAttempts() && f.attempts) range = t('judge.attemptsAllowed', { n: f.attempts }) + (range ? ' · ' + range : '');
  $('range').textContent = range;
  $('attempt').placeholder = row && isAttempts() ? t('judge.nextAttempt', { n: nextAttempt(row) }) : '';
  if (isMatch()) renderOpponents(row);
}

function renderOpponents(row) {
  const select = $('opponent');
  const value = select.value;
  const others = sortedRows().filter((r) => !row || String(r.id) !== String(row.id));
  select.replaceChildren(el('option', { value: '' }, t('judge.pick')),
    ...others.map((r) => el('option', { value: r.id }, r.name + (r.unit ? ' · ' + r.unit : ''))));
  if (others.some((r) => String(r.id) === value)) select.value = value;
}

/** After a submit, move on: the next entry this judge has not scored (judged), the next one still to go (attempts). */
function selectNext() {
  if (isMatch()) {
    selectedEntry = null;
    return;
  }
  const scored = scoredSet(competitionId);
  const pending = pendingEntries();
  const rows = sortedRows();
  const at = rows.findIndex((r) => String(r.id) === selectedEntry);
  // Attempts go round the field (attempt 1 for all, then 2); a panel mark goes to the first entry left.
  const order = isAttempts() && at >= 0 ? [...rows.slice(at + 1), ...rows.slice(0, at)] : rows;
  const next = order.find((r) => entryState(r, scored, pending) === 'todo');
  selectedEntry = next ? String(next.id) : null;
}

// ---------- reading the form ----------

/** The number typed in an input, or null (with the message shown and the input focused). */
function numberFrom(input) {
  const text = input.value.trim().replace(',', '.');
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) {
    showMessage(message, t('judge.invalidNumber'));
    input.focus();
    return null;
  }
  return value;
}

/** {body, label} for the selected entry, or null when something is missing. */
function readForm(row, outcome) {
  const f = currentFormat();
  const body = { entryId: Number(row.id) };
  if (isAttempts()) {
    const attemptText = $('attempt').value.trim();
    if (attemptText !== '') {
      const n = Number(attemptText);
      if (!Number.isInteger(n) || n < 1) {
        showMessage(message, t('judge.invalidAttempt'));
        $('attempt').focus();
        return null;
      }
      body.attempt = n;
    }
    if (outcome) {
      body.outcome = outcome;
    } else {
      const v = numberFrom(markInput);
      if (v == null) return null;
      body.value = v;
    }
    const no = body.attempt ?? nextAttempt(row);
    return { body, label: t('judge.attemptLabel', { n: no, value: outcome ? t('judge.outcome.' + outcome) : body.value }) };
  }
  if (isMatch()) {
    const opponent = $('opponent').value;
    if (!opponent) {
      showMessage(message, t('judge.pickOpponent'));
      $('opponent').focus();
      return null;
    }
    const v = numberFrom(markInput);
    if (v == null) return null;
    const ov = numberFrom($('opponent-value'));
    if (ov == null) return null;
    Object.assign(body, { value: v, opponentEntryId: Number(opponent), opponentValue: ov });
    const name = rowFor(opponent)?.name ?? opponent;
    return { body, label: t('judge.matchLabel', { value: v, opponentValue: ov, opponent: name }) };
  }
  const list = criteria();
  const parts = [];
  if (list.length) {
    body.marks = {};
    for (const input of $('criteria').querySelectorAll('input.criterion')) {
      const v = numberFrom(input);
      if (v == null) return null;
      body.marks[input.dataset.criterion] = v;
      parts.push(`${input.dataset.criterion} ${v}`);
    }
  } else {
    const v = numberFrom(markInput);
    if (v == null) return null;
    body.value = v;
    parts.push(String(v));
  }
  if (f.difficulty) {
    const d = numberFrom($('difficulty'));
    if (d == null) return null;
    body.difficulty = d;
    parts.push(t('judge.difficultyLabel', { d }));
  }
  return { body, label: parts.join(' · ') };
}

function clearForm() {
  markInput.value = '';
  $('attempt').value = '';
  $('opponent-value').value = '';
  $('opponent').value = '';
  for (const input of $('criteria').querySelectorAll('input')) input.value = '';
  $('difficulty').value = '';
}

// ---------- submitting ----------

function enqueue(item) {
  saveOutbox([...outbox(), { key: newKey(), userId: userId(), competitionId, createdAt: Date.now(), ...item }]); // stored before it is sent
  showMessage(message, '');
  renderSync();
  flush();
}

function submitEntry(outcome) {
  const row = selectedEntry && rowFor(selectedEntry);
  if (!row) return;
  const read = readForm(row, outcome);
  if (!read) return;
  clearForm();
  enqueue({ kind: 'score', entryId: Number(row.id), entryName: row.name, label: read.label, body: read.body });
  selectNext();
  renderEntries();
}

$('score-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  submitEntry(null);
});

for (const b of $('outcomes').querySelectorAll('button[data-outcome]')) {
  b.addEventListener('click', () => submitEntry(b.dataset.outcome));
}

// ---------- drawn matches ----------

function drawName(id) {
  const e = (draw?.entries || []).find((x) => String(x.id) === String(id));
  return e ? e.name + (e.unit ? ' · ' + e.unit : '') : String(id ?? '');
}

function matchForm(m) {
  let form = matchForms.get(m.id);
  if (form) return form;
  const a = el('input', { class: 'score-a', type: 'text', inputmode: 'numeric', autocomplete: 'off' });
  const b = el('input', { class: 'score-b', type: 'text', inputmode: 'numeric', autocomplete: 'off' });
  const nameA = el('span', { class: 'name-a' });
  const nameB = el('span', { class: 'name-b' });
  const button = el('button', { type: 'submit', class: 'record big' });
  form = el('form', { class: 'card form match', novalidate: true },
    el('p', { class: 'muted round' }),
    el('label', {}, nameA, a),
    el('label', {}, nameB, b),
    button);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const sa = numberFrom(a);
    if (sa == null) return;
    const sb = numberFrom(b);
    if (sb == null) return;
    if (!Number.isInteger(sa) || !Number.isInteger(sb) || sa < 0 || sb < 0) {
      showMessage(message, t('error.INVALID_MATCH_SCORE'));
      return;
    }
    const match = (draw?.matches || []).find((x) => x.id === m.id) || m; // names as drawn now
    a.value = '';
    b.value = '';
    enqueue({
      kind: 'match', matchId: m.id, entryName: `${drawName(match.a)} – ${drawName(match.b)}`,
      label: `${sa} : ${sb}`, body: { scoreA: sa, scoreB: sb },
    });
    renderMatches();
  });
  matchForms.set(m.id, form);
  return form;
}

function renderMatches() {
  if (!drawMode()) return;
  const pending = new Set(myOutbox().filter((i) => i.competitionId === competitionId && i.kind === 'match').map((i) => i.matchId));
  const open = (draw.matches || []).filter((m) => !m.bye && m.a != null && m.b != null
    && (m.scoreA == null || pending.has(m.id)));
  $('no-matches').hidden = open.length > 0;
  $('matches-left').textContent = t('judge.remaining', { n: open.filter((m) => !pending.has(m.id)).length });
  $('matches').replaceChildren(...open.map((m) => {
    const form = matchForm(m);
    const isPending = pending.has(m.id);
    form.querySelector('.round').textContent = t('draw.round', { n: m.round });
    form.querySelector('.name-a').textContent = drawName(m.a);
    form.querySelector('.name-b').textContent = drawName(m.b);
    form.querySelector('.score-a').setAttribute('aria-label', drawName(m.a));
    form.querySelector('.score-b').setAttribute('aria-label', drawName(m.b));
    const button = form.querySelector('.record');
    button.textContent = t(isPending ? 'judge.pendingEntry' : 'judge.submitResult');
    button.disabled = isPending;
    return el('li', { dataset: { matchId: m.id, state: isPending ? 'pending' : 'todo' } }, form);
  }));
  for (const id of [...matchForms.keys()]) {
    if (!open.some((m) => m.id === id)) matchForms.delete(id);
  }
}

// ---------- sending ----------

/** An outbox item's request; items saved by the earlier single-mark page carry only value. */
function requestOf(item) {
  if (item.kind === 'match') {
    return { path: `/competitions/${item.competitionId}/draw/matches/${item.matchId}/result`, body: item.body };
  }
  return { path: `/competitions/${item.competitionId}/scores`, body: item.body || { entryId: item.entryId, value: item.value } };
}

/** Sends the signed-in judge's outbox in order; stops at the first failure worth retrying. */
async function flush() {
  if (flushing || !getSession()) return;
  flushing = true;
  try {
    for (const item of myOutbox()) {
      const label = item.label ?? item.value;
      try {
        const { path, body } = requestOf(item);
        await api(path, { method: 'POST', body, headers: { 'Idempotency-Key': item.key } });
        removeFromOutbox(item.key);
        if (item.kind !== 'match') markScored(item.competitionId, item.entryId);
        showMessage(message, t('judge.saved', { name: item.entryName ?? item.entryId ?? item.matchId, value: label }), 'ok');
      } catch (e) {
        if (e.status === 401) {
          showMessage(message, t('judge.sessionExpired'));
          break; // kept for when the judge signs in again
        }
        if (e.retryable) {
          showMessage(message, t('judge.queued'), 'warn');
          break; // kept, retried with the same key
        }
        removeFromOutbox(item.key);
        if (e.code === 'ALREADY_SCORED' && item.kind !== 'match') markScored(item.competitionId, item.entryId);
        showMessage(message, `${item.entryName ?? item.entryId ?? item.matchId} ${label}: ${errorText(e)}`);
      }
    }
  } finally {
    flushing = false;
    renderSync();
    renderEntries();
    renderMatches();
  }
}

function renderSync() {
  const n = myOutbox().length;
  syncEl.dataset.count = String(n);
  syncEl.textContent = n ? t('judge.pendingSync', { n }) : t('judge.allSynced');
}

setInterval(() => { if (myOutbox().length) flush(); }, RETRY_MS);
window.addEventListener('online', flush);
window.addEventListener('storage', (e) => {
  if (e.key === OUTBOX_KEY) { renderSync(); renderEntries(); renderMatches(); }
});
window.addEventListener('langchange', () => {
  showForSessionText();
  renderCompetitionOptions();
  buildFormShape();
  renderEntries();
  renderForm();
  renderMatches();
  renderSync();
});

function showForSessionText() {
  const session = getSession();
  if (session) $('whoami').textContent = t('judge.signedInAs', { name: session.user?.displayName || session.user?.email || '' });
}

showForSession();
