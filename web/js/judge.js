// The judge tablet (judge.html), offline-first: sign in, pick an assigned competition, score its
// athletes in start order (bib, search, "next athlete", a big keypad) and see, on every athlete's
// row, each value this judge entered and its state: queued, sending, saved or refused.
// Every mark is checked against the format (judge-check.js), then stored in the IndexedDB outbox
// (outbox.js) with the Idempotency-Key made when the judge pressed submit, then sent; a network
// failure keeps it queued and it is retried with the same key. A refused mark stays on its row in
// red with the reason until the judge fixes and resends it (a new key: it is a new mark) or
// discards it; "all synced" is never said while one is refused. The service worker (sw.js) keeps
// the page itself, and the last assignments, start list and board are kept in localStorage, so
// a reload or a restart with no network opens the desk as it was.
// A drawn head-to-head competition shows its open matches instead (judge-matches.js).
import './i18n/draws.js';
import './i18n/judge.js';
import './i18n/judge-desk.js';
import { initI18n, t, errorText } from './i18n.js';
import { api, getSession, login, logout, freshToken, newKey } from './api.js';
import { LiveClient } from './live.js';
import { el, bindLiveState, showMessage } from './ui.js';
import { Outbox } from './outbox.js';
import { confirmNamed } from './confirm.js';
import { keypad } from './keypad.js';
import { checkMark, checkDifficulty, checkAttempt, markRule } from './judge-check.js';
import { Matches } from './judge-matches.js';

initI18n();
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js', { scope: '/judge.html' }).catch(() => { /* http on a LAN: no worker */ });
  // Once the worker controls the page, it opens with no network: say so, a judge can rely on it.
  const ready = () => { document.getElementById('offline-ready').hidden = !navigator.serviceWorker.controller; };
  navigator.serviceWorker.addEventListener('controllerchange', ready);
  ready();
}

const RETRY_MS = 4000;
const LEGACY_OUTBOX = 'gala.outbox';
const SCORED_KEY = 'gala.scored';

const $ = (id) => document.getElementById(id);
const message = $('message');
const competitionSelect = $('competition');
const entriesList = $('entries');
const markInput = $('mark');
const submitButton = $('submit-score');
const syncEl = $('pending-sync');

const live = new LiveClient();
bindLiveState($('live-state'), live);
live.onError((e) => { if (e.topic && (e.topic === topic || e.topic === matches.topic)) showMessage(message, errorText(e)); });

let outbox = null;
const outboxReady = Outbox.open().then(async (box) => {
  outbox = box;
  await importLegacyOutbox();
  box.onChange(() => renderAll());
  return box;
});

let assignments = [];
let competitionId = null; // string
let topic = null;
let board = null; // scoreboard data
let start = new Map(); // entry id -> {bib, order}
let selectedEntry = null; // string id
let fixing = null; // key of the refused item being fixed
let flushing = false;

const userId = () => String(getSession()?.user?.id ?? '');
const mine = (test = () => true) => (outbox ? outbox.list((i) => i.userId === userId() && test(i)) : []);
const open = (i) => i.state === 'queued' || i.state === 'sent';

// ---------- kept for a start with no network ----------

function readJson(key, fallback) {
  try {
    return JSON.parse(localStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback;
  }
}

function keep(key, value) {
  try { localStorage.setItem(key, JSON.stringify(value)); } catch { /* storage full: the live copy still works */ }
}

/** Entries this judge has marks for (from the server's scoredEntryIds and saved marks). */
function scoredSet(cid) {
  return new Set(((readJson(SCORED_KEY, {})[userId()] || {})[cid]) || []);
}

function markScored(cid, entryId) {
  const all = readJson(SCORED_KEY, {});
  const me = (all[userId()] ||= {});
  me[cid] = [...new Set([...(me[cid] || []), String(entryId)])];
  keep(SCORED_KEY, all);
}

/** Marks left in the outbox of the earlier, localStorage-only page are moved into IndexedDB once. */
async function importLegacyOutbox() {
  const old = readJson(LEGACY_OUTBOX, []);
  for (const item of old) {
    if (!outbox.get(item.key)) await outbox.add({ ...item, kind: item.kind || 'score', body: item.body || { entryId: item.entryId, value: item.value } });
  }
  localStorage.removeItem(LEGACY_OUTBOX);
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
  showWho();
  await outboxReady;
  // Offline with an expired token, freshToken keeps the stored one; the socket is refused until
  // the refresh succeeds on reconnect, and the marks wait in the outbox meanwhile.
  live.auth(await freshToken());
  live.connect();
  await loadAssignments();
  flush();
}

function showWho() {
  const session = getSession();
  if (session) $('whoami').textContent = t('judge.signedInAs', { name: session.user?.displayName || session.user?.email || '' });
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
  // A refreshed token keeps the same user: send it on and retry what waits.
  if (userId() === lastUser && getSession()) {
    live.auth(getSession().accessToken);
    flush();
    return;
  }
  const unsynced = outbox ? outbox.list((i) => i.userId === lastUser && (open(i) || i.state === 'refused')).length : 0;
  if (!getSession() && !signingOut && unsynced) showMessage(message, t('judge.sessionExpired'));
  signingOut = false;
  lastUser = userId();
  selectCompetition(null);
  showForSession();
});

// ---------- competitions ----------

async function loadAssignments() {
  const cacheKey = 'gala.judge.assignments.' + userId();
  try {
    assignments = (await api('/me/judging')).items || [];
    keep(cacheKey, assignments);
  } catch (e) {
    assignments = readJson(cacheKey, null);
    if (!assignments) {
      showMessage(message, errorText(e));
      assignments = [];
    }
  }
  for (const a of assignments) {
    for (const id of a.scoredEntryIds || []) markScored(String(a.competitionId), id);
  }
  $('no-assignments').hidden = assignments.length > 0;
  competitionSelect.parentElement.hidden = assignments.length === 0;
  renderCompetitionOptions();
  const wanted = new URLSearchParams(location.search).get('competition') || localStorage.getItem('gala.judge.competition');
  const pick = assignments.find((a) => String(a.competitionId) === wanted) || (assignments.length === 1 ? assignments[0] : null);
  competitionSelect.value = pick ? String(pick.competitionId) : '';
  selectCompetition(pick ? String(pick.competitionId) : null);
}

function renderCompetitionOptions() {
  const value = competitionSelect.value;
  competitionSelect.replaceChildren(el('option', { value: '' }, t('judge.pick')),
    ...assignments.map((a) => el('option', { value: a.competitionId }, a.name)));
  competitionSelect.value = value;
}

competitionSelect.addEventListener('change', () => selectCompetition(competitionSelect.value || null));
$('part').addEventListener('change', () => { buildFormShape(); renderForm(); });

function selectCompetition(cid) {
  if (topic) live.unsubscribe(topic);
  matches.stop();
  topic = null;
  selectedEntry = null;
  fixing = null;
  competitionId = cid;
  board = cid ? readJson('gala.judge.board.' + cid, null) : null;
  start = new Map(cid ? readJson('gala.judge.start.' + cid, []) : []);
  $('cached-note').hidden = !board || navigator.onLine;
  entriesList.replaceChildren();
  if (cid) {
    localStorage.setItem('gala.judge.competition', cid);
    const url = new URL(location.href);
    url.searchParams.set('competition', cid);
    history.replaceState(history.state, '', url);
    topic = 'scoreboard:' + cid;
    live.subscribe(topic, (data) => {
      board = data;
      keep('gala.judge.board.' + cid, data);
      $('cached-note').hidden = true;
      renderEntries();
    });
    loadStartList(cid);
    if (formatType() === 'head_to_head') matches.start(cid);
  }
  buildFormShape();
  renderMode();
  renderAll();
}

/** Bibs and start order from the public start list (confirmed and checked-in entries by bib). */
async function loadStartList(cid) {
  try {
    const items = (await api(`/competitions/${cid}/entries`)).items || [];
    const active = items.filter((e) => e.status === 'CONFIRMED' || e.status === 'CHECKED_IN')
      .sort((a, b) => (a.bib ?? Infinity) - (b.bib ?? Infinity) || a.id - b.id);
    const list = active.map((e, k) => [String(e.id), { bib: e.bib ?? null, order: k + 1 }]);
    keep('gala.judge.start.' + cid, list);
    if (competitionId === cid) {
      start = new Map(list);
      renderEntries();
    }
  } catch { /* offline: the kept list stays */ }
}

const currentFormat = () => assignments.find((a) => String(a.competitionId) === competitionId)?.format || {};
const formatType = () => currentFormat().type || 'judged';
const isAttempts = () => formatType() === 'timed' || formatType() === 'measured';
const isMatch = () => formatType() === 'head_to_head';
const selectedPart = () => (currentFormat().parts || []).find((p) => p.name === $('part').value) || null;
/** The criteria each judge marks: a judged format's, or the selected judged part's of a combined format. */
function criteria() {
  const source = formatType() === 'combined' ? (selectedPart()?.input === 'judged' ? selectedPart() : null)
    : formatType() === 'judged' ? currentFormat() : null;
  return Array.isArray(source?.criteria) ? source.criteria : [];
}
/** Several dives, runs or parts per entry: the row counts what this judge has marked of them. */
const isMulti = () => formatType() === 'combined' || (formatType() === 'judged' && Number(currentFormat().attempts || 1) > 1);
const mySeat = () => assignments.find((a) => String(a.competitionId) === competitionId)?.seat;

/** Which panel shows: the entry form and list, or a drawn competition's open matches. */
function renderMode() {
  $('workspace').hidden = !competitionId || (isMatch() && !matches.decided()) || matches.drawn();
  $('matches-panel').hidden = !competitionId || !matches.drawn();
}

/** The inputs the competition's format takes; rebuilt when the competition changes. */
function buildFormShape() {
  const f = currentFormat();
  // A combined format (theory + practical + time...): the judge picks which part this mark is for.
  $('part-field').hidden = formatType() !== 'combined';
  if (formatType() === 'combined') {
    const chosen = $('part').value;
    $('part').replaceChildren(...(f.parts || []).map((p) => el('option', { value: p.name, selected: p.name === chosen }, p.label || p.name)));
  }
  const list = criteria();
  const box = $('criteria');
  const typed = {};
  for (const input of box.querySelectorAll('input.criterion')) typed[input.dataset.criterion] = input.value;
  box.replaceChildren(...list.map((c) => el('label', { class: 'criterion-field' },
    el('span', {}, c.weight != null && c.weight !== 1 ? t('judge.criterionWeight', { name: c.name, weight: c.weight }) : c.name),
    el('input', {
      class: 'criterion', type: 'text', inputmode: padMode(), autocomplete: 'off',
      dataset: { criterion: c.name }, 'aria-label': c.name, value: typed[c.name] || null,
    }))));
  box.hidden = list.length === 0;
  $('mark-field').hidden = list.length > 0;
  $('difficulty-field').hidden = !(formatType() === 'judged' && f.difficulty);
  const difficultyLabel = $('difficulty-field').querySelector('span');
  difficultyLabel.dataset.i18n = f.difficulty && f.difficulty.table ? 'judge.codeOptional' : 'judge.difficultyOptional';
  difficultyLabel.textContent = t(difficultyLabel.dataset.i18n);
  $('difficulty').inputMode = f.difficulty && f.difficulty.table ? 'text' : 'decimal';
  $('attempt-field').hidden = !isAttempts();
  $('outcomes').hidden = !isAttempts();
  $('opponent-fields').hidden = !isMatch();
  renderFormLabels();
}

/** On a touch tablet the keypad types; the system keyboard would cover the list. */
function padMode() {
  return matchMedia('(pointer: coarse)').matches ? 'none' : 'decimal';
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

// ---------- the start list ----------

/** This judge's items for one entry of this competition. */
const itemsFor = (id) => mine((i) => i.competitionId === competitionId && i.kind === 'score' && String(i.entryId) === String(id));

/**
 * What this judge has marked of an entry's attempts (or, combined, of its parts over its attempts):
 * {k, n}. From the board (this judge's seat on a mark; a typed part's value), or from the marks
 * saved here when the board has not caught up yet.
 */
function myProgress(row) {
  const f = currentFormat();
  const seat = mySeat();
  const marked = (marks) => (marks || []).some((m) => seat != null && m.judge === seat);
  const saved = itemsFor(row.id).filter((i) => i.state === 'saved').length;
  const attempts = Number(f.attempts || 1);
  let k = 0;
  let n = attempts;
  if (formatType() === 'combined') {
    const parts = f.parts || [];
    n = parts.length * attempts;
    for (const a of row.attempts || []) {
      for (const p of a.parts || []) {
        const spec = parts.find((x) => x.name === p.name);
        if (spec?.input === 'judged' ? marked(p.marks) : p.value != null) k += 1;
      }
    }
  } else {
    k = (row.attempts || []).filter((a) => marked(a.marks)).length;
  }
  return { k: Math.min(n, Math.max(k, saved)), n };
}

function entryState(row) {
  const id = String(row.id);
  const items = itemsFor(id);
  if (items.some((i) => i.state === 'refused')) return 'refused';
  if (items.some(open)) return 'pending';
  if (isMatch()) return 'todo'; // an entry plays many matches; the list only picks who played
  if (isMulti() && !row.ghost) {
    // "Scored" only once every dive (or part) is in; after the first of three it still waits.
    const { k, n } = myProgress(row);
    return k >= n ? 'scored' : row.complete ? 'complete' : 'todo';
  }
  if (!isAttempts() && (scoredSet(competitionId).has(id) || items.some((i) => i.state === 'saved'))) return 'scored';
  if (row.complete || row.ghost) return 'complete';
  return 'todo';
}

/** Board rows in start order, then rows only this judge's marks still name (e.g. a withdrawn entry). */
function startRows() {
  const rows = (board?.rows || []).filter(Boolean).slice().sort((a, b) =>
    (start.get(String(a.id))?.order ?? Infinity) - (start.get(String(b.id))?.order ?? Infinity) || Number(a.id) - Number(b.id));
  const onBoard = new Set(rows.map((r) => String(r.id)));
  const ghosts = new Map();
  for (const i of mine((x) => x.competitionId === competitionId && x.kind === 'score' && x.state !== 'saved')) {
    const id = String(i.entryId);
    if (!onBoard.has(id) && !ghosts.has(id)) ghosts.set(id, { id, name: i.entryName, ghost: true });
  }
  return [...rows, ...ghosts.values()];
}

function progressText(row) {
  if (row.ghost) return t('judge.notOnList');
  if (isMatch()) return t('judge.played', { n: row.played ?? 0 });
  if (isAttempts()) return t('judge.attempts', { k: row.marks ?? 0, n: row.need ?? currentFormat().attempts ?? '?' });
  if (isMulti()) {
    const { k, n } = myProgress(row);
    return t(formatType() === 'combined' ? 'judge.partsMarked' : 'judge.attemptsMarked', { k, n });
  }
  return `${row.marks ?? 0}/${board?.judges ?? '?'}`;
}

function matchesSearch(row, q) {
  if (!q) return true;
  const info = start.get(String(row.id));
  return String(row.name ?? '').toLowerCase().includes(q) || String(row.unit ?? '').toLowerCase().includes(q)
    || (info?.bib != null && String(info.bib) === q.replace(/^#/, ''));
}

function renderEntries() {
  if (!competitionId) return;
  const q = $('search').value.trim().toLowerCase();
  const rows = startRows();
  let todo = 0;
  const shown = [];
  for (const row of rows) {
    const state = entryState(row);
    if (state === 'todo') todo += 1;
    if (matchesSearch(row, q) || String(row.id) === selectedEntry) shown.push(entryItem(row, state));
  }
  entriesList.replaceChildren(...shown);
  $('no-match').hidden = shown.length > 0 || !q;
  $('no-match').textContent = t('judge.noMatch', { q });
  $('remaining').textContent = isMatch() ? '' : t('judge.remaining', { n: todo });
  if (selectedEntry && !rows.some((r) => String(r.id) === selectedEntry)) selectedEntry = null;
  renderForm();
}

function entryItem(row, state) {
  const id = String(row.id);
  const info = start.get(id);
  const stateText = { todo: 'judge.toScore', scored: 'judge.scored', pending: 'judge.pendingEntry', complete: 'judge.complete', refused: 'judge.refusedEntry' }[state];
  const items = itemsFor(id);
  return el('li', { dataset: { entryId: id } },
    el('button', {
      type: 'button', class: 'entry' + (id === selectedEntry ? ' selected' : ''),
      dataset: { entryId: id, state }, 'aria-pressed': String(id === selectedEntry),
      disabled: row.ghost ? true : null, onclick: () => selectEntry(id),
    },
    info ? el('span', { class: 'start-no' }, t('judge.startNo', { n: info.order })) : null,
    info?.bib != null ? el('span', { class: 'bib' }, t('judge.bib', { bib: info.bib })) : null,
    el('span', { class: 'entry-name' }, row.name ?? ''),
    row.unit ? el('small', { class: 'muted' }, row.unit) : null,
    el('span', { class: 'entry-state' }, t(isMatch() && state === 'todo' ? 'judge.pickToEnter' : stateText)),
    el('small', { class: 'muted marks' }, progressText(row))),
    items.length ? el('ul', { class: 'my-marks' }, ...items.map(markItem)) : null);
}

/** One value this judge entered, with its state; a refused one with its reason and what to do. */
function markItem(i) {
  const chip = el('span', { class: 'mark-chip', dataset: { state: i.state } },
    el('span', { class: 'mark-value' }, i.label), ' · ', el('span', { class: 'mark-state' }, t('judge.state.' + i.state)));
  if (i.state !== 'refused') return el('li', { dataset: { key: i.key, state: i.state } }, chip);
  return el('li', { class: 'refused', role: 'alert', dataset: { key: i.key, state: i.state } }, chip,
    el('span', { class: 'reason' }, errorText(i.error)),
    el('span', { class: 'refused-actions' },
      el('button', { type: 'button', class: 'fix', onclick: () => fix(i) }, t('judge.fix')),
      el('button', { type: 'button', class: 'discard secondary', onclick: () => discard(i) }, t('judge.discard'))));
}

function firstInput() {
  return criteria().length ? $('criteria').querySelector('input') : markInput;
}

function selectEntry(id) {
  if (fixing && outbox.get(fixing)?.entryId != null && String(outbox.get(fixing).entryId) !== id) fixing = null;
  selectedEntry = id;
  renderEntries();
  firstInput().focus();
  entriesList.querySelector(`.entry[data-entry-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' });
}

const rowFor = (id) => (board?.rows || []).find((r) => r && String(r.id) === id);

/** Attempts of `row` on the board plus those this judge has queued without a number. */
function usedAttempts(row) {
  const queued = itemsFor(row.id).filter((i) => open(i) && i.body && i.body.attempt == null).length;
  return (row.marks ?? 0) + queued;
}

function renderForm() {
  const row = selectedEntry && rowFor(selectedEntry);
  const label = $('selected-entry');
  const info = row && start.get(String(row.id));
  label.textContent = row ? (info?.bib != null ? t('judge.bib', { bib: info.bib }) + ' · ' : '') + row.name + (row.unit ? ' · ' + row.unit : '')
    : t('judge.selectEntry');
  label.classList.toggle('muted', !row);
  $('fixing').hidden = !fixing;
  if (fixing && outbox.get(fixing)) $('fixing').textContent = t('judge.fixing', { value: outbox.get(fixing).label });
  submitButton.disabled = !row;
  for (const b of $('outcomes').querySelectorAll('button')) b.disabled = !row;
  const f = currentFormat();
  const rule = markRule(f, $('part').value);
  let range = '';
  if (rule.max != null && !isMatch()) range = t('judge.range', { min: rule.min, max: rule.max });
  if (isAttempts() && f.attempts) range = t('judge.attemptsAllowed', { n: f.attempts }) + (range ? ' · ' + range : '');
  $('range').textContent = range;
  $('attempt').placeholder = row && isAttempts() ? t('judge.nextAttempt', { n: usedAttempts(row) + 1 }) : '';
  if (isMatch()) renderOpponents(row);
}

function renderOpponents(row) {
  const select = $('opponent');
  const value = select.value;
  const others = startRows().filter((r) => !r.ghost && (!row || String(r.id) !== String(row.id)));
  select.replaceChildren(el('option', { value: '' }, t('judge.pick')),
    ...others.map((r) => el('option', { value: r.id }, r.name + (r.unit ? ' · ' + r.unit : ''))));
  if (others.some((r) => String(r.id) === value)) select.value = value;
}

/** The next athlete in start order still to score (attempts: round the field, after the selected one). */
function nextEntry() {
  const rows = startRows().filter((r) => !r.ghost);
  const at = rows.findIndex((r) => String(r.id) === selectedEntry);
  const order = (at >= 0 ? [...rows.slice(at + 1), ...rows.slice(0, at)] : rows).filter((r) => entryState(r) === 'todo');
  if (!isMulti()) return order[0] || null;
  // Dives go round the field: the next athlete with the fewest of this judge's marks.
  let best = null;
  for (const r of order) if (!best || myProgress(r).k < myProgress(best).k) best = r;
  return best;
}

$('next-entry').addEventListener('click', () => {
  const next = nextEntry();
  if (!next) {
    showMessage(message, t('judge.noneLeft'), 'ok');
    return;
  }
  $('search').value = '';
  selectEntry(String(next.id));
});

$('search').addEventListener('input', () => renderEntries());

// ---------- reading the form ----------

function problem(p, input) {
  showMessage(message, t(p.key, p.params || {}));
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    input.select?.();
  }
  return null;
}

/** {body, label} for the selected entry, or null (with the problem said) when the format refuses it. */
function readForm(row, outcome) {
  const f = currentFormat();
  const rule = markRule(f, $('part').value);
  const body = { entryId: Number(row.id) };
  if (isAttempts()) {
    const a = checkAttempt($('attempt').value, f, usedAttempts(row));
    if (a.problem) return problem(a.problem, $('attempt').value.trim() ? $('attempt') : null);
    if (a.value != null) body.attempt = a.value;
    if (outcome) {
      body.outcome = outcome;
    } else {
      const v = checkMark(markInput.value, rule);
      if (v.problem) return problem(v.problem, markInput);
      body.value = v.value;
    }
    return { body, label: t('judge.attemptLabel', { n: a.next, value: outcome ? t('judge.outcome.' + outcome) : markInput.value.trim().replace(',', '.') }) };
  }
  if (isMatch()) {
    const opponent = $('opponent').value;
    if (!opponent) return problem({ key: 'judge.pickOpponent' }, $('opponent'));
    const v = checkMark(markInput.value, rule);
    if (v.problem) return problem(v.problem, markInput);
    const ov = checkMark($('opponent-value').value, rule);
    if (ov.problem) return problem(ov.problem, $('opponent-value'));
    Object.assign(body, { value: v.value, opponentEntryId: Number(opponent), opponentValue: ov.value });
    return { body, label: t('judge.matchLabel', { value: v.value, opponentValue: ov.value, opponent: rowFor(opponent)?.name ?? opponent }) };
  }
  const parts = [];
  if (criteria().length) {
    body.marks = {};
    for (const input of $('criteria').querySelectorAll('input.criterion')) {
      const v = checkMark(input.value, rule);
      if (v.problem) return problem(v.problem, input);
      body.marks[input.dataset.criterion] = v.value;
      parts.push(`${input.dataset.criterion} ${v.text}`);
    }
  } else {
    const v = checkMark(markInput.value, rule);
    if (v.problem) return problem(v.problem, markInput);
    body.value = v.value;
    parts.push(v.text);
  }
  if (formatType() === 'combined') {
    body.part = $('part').value;
    parts.unshift($('part').selectedOptions[0]?.textContent || body.part);
  }
  // An attempt's difficulty is declared once (dive sheet, or with the first mark), not by every
  // judge: typed only when it is not declared yet; with a table it is the dive's code.
  const typedDifficulty = $('difficulty').value.trim();
  if (f.difficulty && typedDifficulty && f.difficulty.table) {
    body.code = typedDifficulty;
    parts.push(t('judge.codeLabel', { code: typedDifficulty }));
  } else if (f.difficulty && typedDifficulty) {
    const d = checkDifficulty(typedDifficulty, f);
    if (d.problem) return problem(d.problem, $('difficulty'));
    body.difficulty = d.value;
    parts.push(t('judge.difficultyLabel', { d: d.text }));
  }
  return { body, label: parts.join(' · ') };
}

function clearForm() {
  for (const input of $('score-form').querySelectorAll('input')) {
    input.value = '';
    input.removeAttribute('aria-invalid');
  }
  $('opponent').value = '';
}

/** Fills the form from an item's body (fixing a refused mark). */
function fillForm(body) {
  clearForm();
  if (body.attempt != null) $('attempt').value = body.attempt;
  if (body.value != null) markInput.value = body.value;
  if (body.opponentValue != null) $('opponent-value').value = body.opponentValue;
  if (body.opponentEntryId != null) $('opponent').value = String(body.opponentEntryId);
  if (body.difficulty != null) $('difficulty').value = body.difficulty;
  if (body.code != null) $('difficulty').value = body.code;
  if (body.part != null && body.part !== $('part').value) {
    $('part').value = body.part;
    buildFormShape(); // the part's own criteria
  }
  for (const input of $('criteria').querySelectorAll('input.criterion')) {
    if (body.marks && body.marks[input.dataset.criterion] != null) input.value = body.marks[input.dataset.criterion];
  }
}

// ---------- queueing ----------

/** Stores the item (it is on disk before anything is sent), then sends what waits. */
export async function enqueue(item) {
  await outbox.add({ key: newKey(), userId: userId(), competitionId, ...item });
  showMessage(message, '');
  flush();
}

async function submitEntry(outcome) {
  const row = selectedEntry && rowFor(selectedEntry);
  if (!row) return;
  const read = readForm(row, outcome);
  if (!read) return;
  clearForm();
  const replacing = fixing;
  fixing = null;
  await enqueue({ kind: 'score', entryId: Number(row.id), entryName: row.name, label: read.label, body: read.body });
  if (replacing) await outbox.remove(replacing); // the fixed mark is a new one with a new key
  const next = isMatch() ? null : nextEntry();
  selectedEntry = next ? String(next.id) : null;
  $('search').value = '';
  renderEntries();
  if (next) firstInput().focus();
}

$('score-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  submitEntry(null);
});
$('score-form').addEventListener('input', (ev) => ev.target.removeAttribute?.('aria-invalid'));
for (const b of $('outcomes').querySelectorAll('button[data-outcome]')) {
  b.addEventListener('click', () => submitEntry(b.dataset.outcome));
}
$('keypad-slot').replaceWith(keypad($('score-form'), firstInput));

function fix(item) {
  fixing = item.key;
  if (rowFor(String(item.entryId))) {
    selectedEntry = String(item.entryId);
    fillForm(item.body || {});
    renderEntries();
    firstInput().focus();
    firstInput().select?.();
  } else {
    showMessage(message, errorText(item.error)); // the athlete is gone from the list: discard is what is left
    fixing = null;
  }
}

async function discard(item) {
  if (!(await confirmNamed('discardMark', { name: item.entryName ?? item.entryId ?? '', value: item.label }))) return;
  if (fixing === item.key) fixing = null;
  await outbox.remove(item.key);
  showMessage(message, t('judge.discarded', { name: item.entryName ?? item.entryId ?? '', value: item.label }), 'ok');
}

// ---------- sending ----------

function requestOf(item) {
  if (item.kind === 'problem') return { path: `/competitions/${item.competitionId}/problems`, body: item.body };
  if (item.kind === 'match') {
    return { path: `/competitions/${item.competitionId}/draw/matches/${item.matchId}/result`, body: item.body };
  }
  return { path: `/competitions/${item.competitionId}/scores`, body: item.body };
}

/** Sends the signed-in judge's queued marks in order; stops at the first failure worth retrying. */
async function flush() {
  if (flushing || !getSession() || !outbox) return;
  flushing = true;
  try {
    for (const item of mine(open)) {
      if (!outbox.get(item.key)) continue; // discarded meanwhile
      await outbox.patch(item.key, { state: 'sent' });
      const name = item.entryName ?? item.entryId ?? item.matchId;
      try {
        const { path, body } = requestOf(item);
        await api(path, { method: 'POST', body, headers: { 'Idempotency-Key': item.key } });
        await outbox.patch(item.key, { state: 'saved', error: null });
        if (item.kind === 'score') markScored(item.competitionId, item.entryId);
        showMessage(message, item.kind === 'problem' ? t('judge.problemSent') : t('judge.saved', { name, value: item.label }), 'ok');
      } catch (e) {
        if (e.status === 401 || e.retryable) {
          await outbox.patch(item.key, { state: 'queued' }); // kept, retried with the same key
          showMessage(message, t(e.status === 401 ? 'judge.sessionExpired' : 'judge.queued'), 'warn');
          break;
        }
        await outbox.patch(item.key, { state: 'refused', error: { status: e.status, code: e.code, details: e.details } });
        showMessage(message, `${name} ${item.label}: ${errorText(e)}`);
      }
    }
  } finally {
    flushing = false;
    renderAll();
  }
}

function renderSync() {
  const pending = mine(open).length;
  const refused = mine((i) => i.state === 'refused').length;
  syncEl.dataset.count = String(pending);
  syncEl.dataset.refused = String(refused);
  const parts = [];
  if (refused) parts.push(t('judge.refusedSync', { n: refused }));
  if (pending) parts.push(t('judge.pendingSync', { n: pending }));
  if (!navigator.onLine && (pending || !refused)) parts.push(t('judge.offlineNote'));
  syncEl.textContent = parts.length ? parts.join(' · ') : t('judge.allSynced');
}

// ---------- signal a problem ----------

const problemDialog = $('problem-dialog');

$('signal-problem').addEventListener('click', () => {
  const row = selectedEntry && rowFor(selectedEntry);
  $('problem-about-field').hidden = !row;
  $('problem-about').checked = !!row;
  $('problem-about-label').textContent = row ? t('judge.problemAbout', { name: row.name }) : '';
  $('problem-text').value = '';
  problemDialog.showModal();
  $('problem-text').focus();
});
$('problem-cancel').addEventListener('click', () => problemDialog.close());
$('problem-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const text = $('problem-text').value.trim();
  if (!text) {
    $('problem-text').setAttribute('aria-invalid', 'true');
    $('problem-text').focus();
    return;
  }
  const row = selectedEntry && $('problem-about').checked ? rowFor(selectedEntry) : null;
  problemDialog.close();
  // Through the outbox like a mark: it reaches the head judge when the network does.
  await enqueue({ kind: 'problem', entryName: row?.name ?? null, label: text,
    body: row ? { text, entryId: Number(row.id) } : { text } });
});

function renderProblems() {
  const items = mine((i) => i.competitionId === competitionId && i.kind === 'problem').slice(-3);
  $('my-problems').hidden = items.length === 0;
  $('my-problems').replaceChildren(...items.map((i) => el('li', { dataset: { key: i.key, state: i.state } },
    el('span', { class: 'mark-chip', dataset: { state: i.state } }, t('judge.problemChip', { state: t('judge.state.' + i.state) })), ' ',
    el('span', { class: 'problem-text' }, (i.entryName ? i.entryName + ': ' : '') + i.label),
    i.state === 'refused' ? el('span', { class: 'reason' }, ' ' + errorText(i.error)) : null,
    i.state === 'refused' || i.state === 'saved'
      ? el('button', { type: 'button', class: 'small secondary', onclick: () => outbox.remove(i.key) }, t('judge.problemClear')) : null)));
}

function renderAll() {
  renderProblems();
  renderSync();
  renderEntries();
  matches.render();
  renderMode();
}

const matches = new Matches({
  live, enqueue, renderMode,
  say: (text) => showMessage(message, text),
  items: (matchId) => mine((i) => i.competitionId === competitionId && i.kind === 'match' && i.matchId === matchId && i.state !== 'saved'),
  discard,
  discardQuietly: (i) => outbox.remove(i.key),
});

setInterval(() => { if (mine(open).length && navigator.onLine) flush(); }, RETRY_MS);
window.addEventListener('online', () => {
  renderSync();
  flush();
  if (competitionId) loadStartList(competitionId);
});
window.addEventListener('offline', renderSync);
window.addEventListener('langchange', () => {
  showWho();
  renderCompetitionOptions();
  buildFormShape();
  renderAll();
  renderForm();
});

showForSession();
