// The judge tablet (judge.html), offline-first: sign in, pick an assigned competition, score its
// athletes in start order (bib, search, "next athlete", a big keypad) and see, on every athlete's
// row, each value this judge entered and its state: queued, sending, saved or refused.
// This module wires the desk together; each feature lives in its own module:
//   judge-state.js        the shared state, the format's shape, what is kept in localStorage
//   judge-list.js         start list, search, each athlete's row and marks, "next athlete"
//   judge-form.js         the mark form the format takes, its checks (judge-check.js), fixing
//   judge-outbox-view.js  queueing, sending with the Idempotency-Key, refused marks, the sync line
//   judge-problems.js     "signal a problem" to the head judge
//   keypad.js             the on-screen keypad; judge-matches.js a drawn competition's matches
// The service worker (sw.js) keeps the page and that whole module graph, and the last
// assignments, start list and board are kept in localStorage, so a reload or a restart with no
// network opens the desk as it was.
import './i18n/draws.js';
import './i18n/judge.js';
import './i18n/judge-desk.js';
import { initI18n, t, errorText } from './i18n.js';
import { api, getSession, login, logout, freshToken } from './api.js';
import { LiveClient } from './live.js';
import { el, bindLiveState, showMessage } from './ui.js';
import { Outbox } from './outbox.js';
import { keypad } from './keypad.js';
import { Matches } from './judge-matches.js';
import { desk, $, userId, mine, open, rowFor, formatType, isMatch, readJson, keep, markScored } from './judge-state.js';
import { loadStartList, renderEntries, selectEntry, nextEntry, firstInput } from './judge-list.js';
import { buildFormShape, renderForm, readForm, clearForm } from './judge-form.js';
import { importLegacyOutbox, enqueue, flush, renderSync, discard, keepSending } from './judge-outbox-view.js';
import { setUpProblems, renderProblems } from './judge-problems.js';

initI18n();
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js', { scope: '/judge.html' }).catch(() => { /* http on a LAN: no worker */ });
  // Once the worker controls the page, it opens with no network: say so, a judge can rely on it.
  const ready = () => { document.getElementById('offline-ready').hidden = !navigator.serviceWorker.controller; };
  navigator.serviceWorker.addEventListener('controllerchange', ready);
  ready();
}

const message = $('message');
const competitionSelect = $('competition');

const live = new LiveClient();
bindLiveState($('live-state'), live);
live.onError((e) => { if (e.topic && (e.topic === desk.topic || e.topic === matches.topic)) showMessage(message, errorText(e)); });

const outboxReady = Outbox.open().then(async (box) => {
  desk.outbox = box;
  await importLegacyOutbox();
  box.onChange(() => renderAll());
  return box;
});

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
  const unsynced = desk.outbox ? desk.outbox.list((i) => i.userId === lastUser && (open(i) || i.state === 'refused')).length : 0;
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
    desk.assignments = (await api('/me/judging')).items || [];
    keep(cacheKey, desk.assignments);
  } catch (e) {
    desk.assignments = readJson(cacheKey, null);
    if (!desk.assignments) {
      showMessage(message, errorText(e));
      desk.assignments = [];
    }
  }
  const assignments = desk.assignments;
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
    ...desk.assignments.map((a) => el('option', { value: a.competitionId }, a.name)));
  competitionSelect.value = value;
}

competitionSelect.addEventListener('change', () => selectCompetition(competitionSelect.value || null));
$('part').addEventListener('change', () => { buildFormShape(); renderForm(); });

function selectCompetition(cid) {
  if (desk.topic) live.unsubscribe(desk.topic);
  matches.stop();
  desk.topic = null;
  desk.selectedEntry = null;
  desk.fixing = null;
  desk.competitionId = cid;
  desk.board = cid ? readJson('gala.judge.board.' + cid, null) : null;
  desk.start = new Map(cid ? readJson('gala.judge.start.' + cid, []) : []);
  desk.startKnown = desk.start.size > 0;
  $('cached-note').hidden = !desk.board || navigator.onLine;
  $('entries').replaceChildren();
  if (cid) {
    localStorage.setItem('gala.judge.competition', cid);
    const url = new URL(location.href);
    url.searchParams.set('competition', cid);
    history.replaceState(history.state, '', url);
    desk.topic = 'scoreboard:' + cid;
    live.subscribe(desk.topic, (data) => {
      desk.board = data;
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

/** Which panel shows: the entry form and list, or a drawn competition's open matches. */
function renderMode() {
  $('workspace').hidden = !desk.competitionId || (isMatch() && !matches.decided()) || matches.drawn();
  $('matches-panel').hidden = !desk.competitionId || !matches.drawn();
}

// ---------- entering a mark ----------

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

async function submitEntry(outcome) {
  const row = desk.selectedEntry && rowFor(desk.selectedEntry);
  if (!row) return;
  const read = readForm(row, outcome);
  if (!read) return;
  clearForm();
  const replacing = desk.fixing;
  desk.fixing = null;
  await enqueue({ kind: 'score', entryId: Number(row.id), entryName: row.name, label: read.label, body: read.body });
  if (replacing) await desk.outbox.remove(replacing); // the fixed mark is a new one with a new key
  const next = isMatch() ? null : nextEntry();
  desk.selectedEntry = next ? String(next.id) : null;
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
setUpProblems();

function renderAll() {
  renderProblems();
  renderSync();
  renderEntries();
  matches.render();
  renderMode();
}
desk.renderAll = renderAll;

const matches = new Matches({
  live, enqueue, renderMode,
  say: (text) => showMessage(message, text),
  items: (matchId) => mine((i) => i.competitionId === desk.competitionId && i.kind === 'match' && i.matchId === matchId && i.state !== 'saved'),
  discard,
  discardQuietly: (i) => desk.outbox.remove(i.key),
});

keepSending(() => { if (desk.competitionId) loadStartList(desk.competitionId); });
window.addEventListener('langchange', () => {
  showWho();
  renderCompetitionOptions();
  buildFormShape();
  renderAll();
  renderForm();
});

showForSession();
