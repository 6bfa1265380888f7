// The judge page: sign in, pick an assigned competition, follow its scoreboard live and send marks.
// Every mark goes to a localStorage outbox before it is sent, with an Idempotency-Key made when the
// judge pressed submit; it stays there (and is retried with the same key) until the server answers.
import { initI18n, t, errorText } from './i18n.js';
import { api, getSession, login, logout, freshToken } from './api.js';
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

let assignments = [];
let competitionId = null; // string
let topic = null;
let board = null; // scoreboard data
let selectedEntry = null; // string id
let flushing = false;

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

function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Pages served over plain http on a LAN are not a secure context: build a v4 UUID by hand.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
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
  topic = null;
  board = null;
  selectedEntry = null;
  competitionId = cid;
  $('workspace').hidden = !cid;
  entriesList.replaceChildren();
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
  }
  renderForm();
  renderSync();
}

function currentFormat() {
  return assignments.find((a) => String(a.competitionId) === competitionId)?.format || {};
}

// ---------- entries ----------

function entryState(row, scored, pending) {
  const id = String(row.id);
  if (pending.has(id)) return 'pending';
  if (scored.has(id)) return 'scored';
  if (row.complete) return 'complete';
  return 'todo';
}

function renderEntries() {
  if (!board) return;
  const scored = scoredSet(competitionId);
  const pending = new Set(myOutbox().filter((i) => i.competitionId === competitionId).map((i) => String(i.entryId)));
  const rows = (board.rows || []).filter(Boolean).slice().sort((a, b) => Number(a.id) - Number(b.id));
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
      el('span', { class: 'entry-state' }, t(stateText)),
      el('small', { class: 'muted marks' }, `${row.marks ?? 0}/${board.judges ?? '?'}`)));
  }));
  $('remaining').textContent = t('judge.remaining', { n: todo });
  if (selectedEntry && !rows.some((r) => String(r.id) === selectedEntry)) selectedEntry = null;
  renderForm();
}

function selectEntry(id) {
  selectedEntry = id;
  renderEntries();
  markInput.focus();
}

function rowFor(id) {
  return (board?.rows || []).find((r) => r && String(r.id) === id);
}

function renderForm() {
  const row = selectedEntry && rowFor(selectedEntry);
  const label = $('selected-entry');
  label.textContent = row ? row.name + (row.unit ? ' · ' + row.unit : '') : t('judge.selectEntry');
  label.classList.toggle('muted', !row);
  submitButton.disabled = !row;
  const f = currentFormat();
  $('range').textContent = f.min != null && f.max != null ? t('judge.range', { min: f.min, max: f.max }) : '';
}

/** After a submit, move on to the next entry this judge has not scored yet. */
function selectNext() {
  const scored = scoredSet(competitionId);
  const pending = new Set(myOutbox().map((i) => String(i.entryId)));
  const rows = (board?.rows || []).filter(Boolean).slice().sort((a, b) => Number(a.id) - Number(b.id));
  const next = rows.find((r) => entryState(r, scored, pending) === 'todo');
  selectedEntry = next ? String(next.id) : null;
}

// ---------- submitting ----------

$('score-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const row = selectedEntry && rowFor(selectedEntry);
  if (!row) return;
  const text = markInput.value.trim().replace(',', '.');
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) {
    showMessage(message, t('judge.invalidNumber'));
    markInput.focus();
    return;
  }
  const item = {
    key: newKey(), userId: userId(), competitionId, entryId: Number(row.id), entryName: row.name,
    value, createdAt: Date.now(),
  };
  saveOutbox([...outbox(), item]); // stored before it is sent
  markInput.value = '';
  showMessage(message, '');
  selectNext();
  renderEntries();
  renderSync();
  flush();
});

/** Sends the signed-in judge's outbox in order; stops at the first failure worth retrying. */
async function flush() {
  if (flushing || !getSession()) return;
  flushing = true;
  try {
    for (const item of myOutbox()) {
      try {
        await api(`/competitions/${item.competitionId}/scores`, {
          method: 'POST',
          body: { entryId: item.entryId, value: item.value },
          headers: { 'Idempotency-Key': item.key },
        });
        removeFromOutbox(item.key);
        markScored(item.competitionId, item.entryId);
        showMessage(message, t('judge.saved', { name: item.entryName ?? item.entryId, value: item.value }), 'ok');
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
        if (e.code === 'ALREADY_SCORED') markScored(item.competitionId, item.entryId);
        showMessage(message, `${item.entryName ?? item.entryId} ${item.value}: ${errorText(e)}`);
      }
    }
  } finally {
    flushing = false;
    renderSync();
    renderEntries();
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
  if (e.key === OUTBOX_KEY) { renderSync(); renderEntries(); }
});
window.addEventListener('langchange', () => {
  showForSessionText();
  renderCompetitionOptions();
  renderEntries();
  renderForm();
  renderSync();
});

function showForSessionText() {
  const session = getSession();
  if (session) $('whoami').textContent = t('judge.signedInAs', { name: session.user?.displayName || session.user?.email || '' });
}

showForSession();
