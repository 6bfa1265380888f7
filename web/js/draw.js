// The draw page of a head-to-head competition: the bracket (single elimination) or the pairings
// per round (round robin, Swiss) live from draw:<id>, the standings live from scoreboard:<id>, and
// the result entry per match for the competition's judges and the event's organisers, and the draw
// form for the organisers (others signed in see the draw as spectators do; the server decides anyway).
import './i18n/scoring.js';
import './i18n/draws.js';
import { initI18n, t, errorText } from './i18n.js';
import { api, getSession, login, logout, freshToken, newKey } from './api.js';
import { viewerRoles } from './roles.js';
import { LiveClient } from './live.js';
import { el, bindLiveState, showMessage } from './ui.js';

initI18n();

const $ = (id) => document.getElementById(id);
const message = $('message');
const competitionId = new URLSearchParams(location.search).get('competition');
let draw = null; // draw:<id> data
let drawVersion = null;
let board = null; // scoreboard:<id> data
let seedOrder = []; // [{id, name}] for the draw form
const forms = new Map(); // match id -> result form, kept across renders so typing survives deltas
let may = { record: false, draw: false }; // what this viewer is offered (offered())
let competitionInfo = null; // the competition (its event), asked once


const live = new LiveClient();
bindLiveState($('live-state'), live);

if (!competitionId || !/^\d+$/.test(competitionId)) {
  showMessage(message, t('draw.noCompetition'));
  window.addEventListener('langchange', () => showMessage(message, t('draw.noCompetition')));
} else {
  live.onError((e) => showMessage(message, errorText(e)));
  live.subscribe('draw:' + competitionId, (data, version) => {
    draw = data;
    drawVersion = version;
    render();
  });
  live.subscribe('scoreboard:' + competitionId, (data) => {
    board = data;
    renderStandings();
  });
  showForSession();
  // A team competition's standings list teams: the column says so (data-i18n keeps it on a language switch).
  competitionInfo = api(`/competitions/${competitionId}`);
  competitionInfo.catch(() => { /* offered() and the column title fall back */ });
  competitionInfo.then((c) => {
    if (c.entryType !== 'team') return;
    for (const th of document.querySelectorAll('th[data-i18n="draw.name"]')) {
      th.dataset.i18n = 'draw.team';
      th.textContent = t('draw.team');
    }
  }).catch(() => { /* the column keeps its general title */ });
  window.addEventListener('langchange', () => {
    render();
    renderStandings();
    renderSeeds();
  });
}

/**
 * Recording a match: the competition's judges and the event's organisers; making the draw: the
 * organisers. Without an answer from the server (offline) the account's role decides.
 */
async function offered() {
  const roles = await viewerRoles();
  if (!roles.signedIn) return { record: false, draw: false };
  if (!roles.me) return { record: roles.judge || roles.organiser, draw: roles.organiser };
  const eventId = await competitionInfo.then((c) => c.eventId, () => null);
  const judge = roles.judging.some((j) => String(j.competitionId) === competitionId);
  const organiser = roles.admin || (eventId != null && roles.organiserOf.includes(eventId));
  return { record: judge || organiser, draw: organiser };
}

async function showForSession() {
  const session = getSession();
  may = await offered();
  $('signin-card').hidden = !!session;
  $('desk').hidden = !session;
  $('create-card').hidden = !may.draw;
  if (session) {
    $('whoami').textContent = session.user?.displayName || session.user?.email || '';
    live.auth(await freshToken());
    if (may.draw) loadEntries();
  }
  live.connect();
  render();
}

async function loadEntries() {
  try {
    const items = (await api(`/competitions/${competitionId}/entries`)).items || [];
    seedOrder = items.filter((e) => e.status === 'CONFIRMED' || e.status === 'CHECKED_IN')
      .map((e) => ({ id: e.id, name: e.displayName }));
    renderSeeds();
  } catch (e) {
    showMessage(message, errorText(e));
  }
}

function renderSeeds() {
  $('rounds-field').hidden = $('kind').value !== 'swiss';
  $('seeds').replaceChildren(...seedOrder.map((e, i) => el('li', { dataset: { entryId: e.id } },
    el('span', {}, e.name),
    i === 0 ? null : el('button', {
      type: 'button', class: 'secondary small', title: t('draw.up'),
      onclick: () => {
        [seedOrder[i - 1], seedOrder[i]] = [seedOrder[i], seedOrder[i - 1]];
        renderSeeds();
      },
    }, '↑'))));
}

function entry(id) {
  return (draw && draw.entries || []).find((e) => e && e.id === id) || null;
}

function nameOf(id) {
  const e = entry(id);
  return e ? e.name : '#' + id;
}

function roundTitle(n) {
  if (draw.kind === 'single_elimination') {
    if (n === draw.rounds) return t('draw.final');
    if (n === draw.rounds - 1) return t('draw.semi');
  }
  return t('draw.round', { n });
}

function render() {
  if (!draw) return;
  const nameEl = $('draw-name');
  nameEl.removeAttribute('data-i18n');
  nameEl.textContent = draw.name ? `${draw.name} · ${t('draw.title')}` : t('draw.title');
  document.title = nameEl.textContent;
  const link = $('scoreboard-link');
  link.href = '/scoreboard.html?competition=' + encodeURIComponent(competitionId);
  link.hidden = false;
  link.textContent = t('draw.scoreboard');
  const drawn = !!draw.drawn;
  $('not-drawn').hidden = drawn;
  const badge = $('draw-kind');
  badge.hidden = !drawn;
  badge.textContent = drawn ? t('draw.kind.' + draw.kind) : '';
  badge.dataset.kind = draw.kind || '';
  $('draw-round').textContent = !drawn ? ''
    : draw.complete ? t('draw.complete') : t('draw.roundOf', { n: draw.currentRound, total: draw.rounds });
  const champ = $('champion');
  champ.hidden = draw.champion == null;
  champ.textContent = draw.champion == null ? '' : t('draw.champion', { name: nameOf(draw.champion) });
  champ.dataset.entryId = draw.champion ?? '';
  $('version').textContent = drawVersion == null ? '' : 'v' + drawVersion;
  $('version').dataset.version = drawVersion ?? '';

  const knockout = drawn && draw.kind === 'single_elimination';
  $('bracket').hidden = !knockout;
  $('rounds').hidden = !drawn || knockout;
  const matches = (draw.matches || []).filter(Boolean);
  const byRound = new Map();
  for (const m of matches) {
    if (!byRound.has(m.round)) byRound.set(m.round, []);
    byRound.get(m.round).push(m);
  }
  for (const list of byRound.values()) list.sort((x, y) => x.slot - y.slot);
  const open = new Set();
  if (knockout) renderBracket(byRound, open);
  else if (drawn) renderRounds(byRound, open);
  for (const id of forms.keys()) if (!open.has(id)) forms.delete(id);

  renderSwiss();
  $('next-round').hidden = !(may.draw && draw.kind === 'swiss' && draw.nextRoundReady);
}

function sideNode(m, who) {
  const id = who === 'a' ? m.a : m.b;
  const score = who === 'a' ? m.scoreA : m.scoreB;
  if (m.bye && id == null) return el('div', { class: 'side bye' }, el('span', {}, t('draw.bye')), el('span', {}));
  if (id == null) return el('div', { class: 'side tbd' }, el('span', {}, t('draw.tbd')), el('span', {}));
  const e = entry(id);
  const won = m.winner != null && m.winner === id && !m.bye;
  return el('div', { class: 'side' + (won || (m.bye && m.winner === id) ? ' won' : ''), dataset: { entryId: id } },
    el('span', {}, e && draw.kind === 'single_elimination' ? el('span', { class: 'seed' }, e.seed) : null, nameOf(id)),
    el('span', { class: 'score' }, score ?? ''));
}

/** The result form of an open match for its judges and organisers; the server decides who may use it. */
function resultForm(m, open) {
  if (!may.record || m.bye || m.a == null || m.b == null || m.scoreA != null) return null;
  open.add(m.id);
  let f = forms.get(m.id);
  if (!f) {
    const a = el('input', { type: 'number', min: 0, max: 10000, required: true, class: 'score-a' });
    const b = el('input', { type: 'number', min: 0, max: 10000, required: true, class: 'score-b' });
    const button = el('button', { type: 'submit', class: 'small' });
    f = el('form', { class: 'entry-form', dataset: { matchId: m.id } }, a, ':', b, button);
    let key = newKey(); // kept until the server has answered, so a retry cannot record twice
    f.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      button.disabled = true;
      try {
        await api(`/competitions/${competitionId}/draw/matches/${m.id}/result`, {
          method: 'POST', body: { scoreA: Number(a.value), scoreB: Number(b.value) }, headers: { 'Idempotency-Key': key },
        });
        key = newKey();
        showMessage(message, t('draw.saved'), 'ok');
      } catch (e) {
        if (!e.retryable) key = newKey();
        showMessage(message, errorText(e));
      } finally {
        button.disabled = false;
      }
    });
    forms.set(m.id, f);
  }
  f.querySelector('button').textContent = t('draw.save');
  // A screen reader names each box by its side: "王芳 的比分", not "A".
  f.querySelector('.score-a').setAttribute('aria-label', t('draw.scoreOf', { name: nameOf(m.a) }));
  f.querySelector('.score-b').setAttribute('aria-label', t('draw.scoreOf', { name: nameOf(m.b) }));
  return f;
}

function renderBracket(byRound, open) {
  const cols = [];
  for (let r = 1; r <= draw.rounds; r++) {
    const list = byRound.get(r) || [];
    cols.push(el('div', { class: 'round', dataset: { round: r } }, el('h3', {}, roundTitle(r)),
      ...list.map((m) => el('div', { class: 'match', dataset: { matchId: m.id, round: m.round, slot: m.slot, decided: String(m.scoreA != null || m.bye) } },
        sideNode(m, 'a'), sideNode(m, 'b'), resultForm(m, open)))));
  }
  $('bracket').replaceChildren(...cols);
}

function renderRounds(byRound, open) {
  const sections = [];
  for (const r of [...byRound.keys()].sort((x, y) => x - y)) {
    const rows = byRound.get(r).map((m) => el('tr', { class: 'match-row', dataset: { matchId: m.id, decided: String(m.scoreA != null || m.bye) } },
      el('td', {}, m.slot + 1),
      el('td', { class: m.winner === m.a && !m.bye ? 'won' : '' }, nameOf(m.a)),
      el('td', { class: 'score' }, m.bye ? t('draw.bye') : m.scoreA != null ? `${m.scoreA} : ${m.scoreB}` : resultForm(m, open) || t('draw.vs')),
      el('td', { class: m.winner != null && m.winner === m.b ? 'won' : '' }, m.bye ? '' : nameOf(m.b))));
    sections.push(el('section', { class: 'round', dataset: { round: r } }, el('h3', {}, roundTitle(r)),
      el('table', { class: 'board pairings' },
        el('thead', {}, el('tr', {}, el('th', {}, t('draw.table')), el('th', {}, ''), el('th', {}, ''), el('th', {}, ''))),
        el('tbody', {}, ...rows))));
  }
  $('rounds').replaceChildren(...sections);
}

function renderSwiss() {
  const show = draw && draw.kind === 'swiss' && Array.isArray(draw.standings);
  $('swiss-section').hidden = !show;
  if (!show) return;
  $('swiss-table').querySelector('tbody').replaceChildren(...draw.standings.filter(Boolean).map((s) =>
    el('tr', { dataset: { entryId: s.id } }, el('td', {}, s.rank), el('td', {}, nameOf(s.id)), el('td', {}, s.points),
      el('td', {}, s.buchholz))));
}

function renderStandings() {
  const rows = (board && board.rows || []).filter(Boolean);
  $('standings-section').hidden = rows.length === 0 || board.type !== 'head_to_head';
  $('standings').querySelector('tbody').replaceChildren(...rows.map((r) =>
    el('tr', { dataset: { entryId: r.id, rank: r.rank ?? '' } }, el('td', { class: 'rank' }, r.rank ?? ''), el('td', {}, r.name ?? ''),
      el('td', {}, `${r.won ?? 0}-${r.drawn ?? 0}-${r.lost ?? 0}`), el('td', { class: 'points' }, r.points ?? 0))));
}

$('kind').addEventListener('change', renderSeeds);

$('draw-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const kind = $('kind').value;
  const body = { kind, entryIds: seedOrder.map((e) => e.id) };
  const rounds = $('swiss-rounds').value;
  if (kind === 'swiss' && rounds) body.rounds = Number(rounds);
  await post(body);
});

$('next-round').addEventListener('click', () => post({ kind: 'swiss' }));

async function post(body) {
  try {
    await api(`/competitions/${competitionId}/draw`, { method: 'POST', body, headers: { 'Idempotency-Key': newKey() } });
    showMessage(message, t('draw.generated'), 'ok');
    $('create-card').open = false;
  } catch (e) {
    showMessage(message, errorText(e));
  }
}

$('signin-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    await login($('email').value.trim(), $('password').value);
    showMessage(message, '');
    await showForSession();
  } catch (e) {
    showMessage(message, errorText(e));
  }
});

$('signout').addEventListener('click', async () => {
  await logout();
  live.auth(null);
  forms.clear();
  showForSession();
});
