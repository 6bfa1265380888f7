// The head judge's page: review every mark of the current round (who entered, who checked, judges
// far from the panel flagged), check marks, correct them with a reason, publish official results,
// and (organisers) hide or release them. Follows the scoreboard live and reloads the review on change.
import { initI18n, t, errorText, formatTime } from './i18n.js';
import './i18n/scoring.js';
import './i18n/judge-desk.js';
import './i18n/registration.js';
import { api, getSession, freshToken, newKey } from './api.js';
import { signInBox } from './reg-session.js';
import { LiveClient } from './live.js';
import { el, bindLiveState, showMessage } from './ui.js';
import { confirmNamed } from './confirm.js';
import { formatValue } from './result-detail.js';
import { sayInstead } from './organisers-only.js';

initI18n();

const $ = (id) => document.getElementById(id);
const message = $('message');
const competitionId = new URLSearchParams(location.search).get('competition');
let review = null;
let audit = [];
let editing = null; // score id being corrected
// What is typed in the open correction ({id, value, reason}): the review is rebuilt on every live
// change of the board, and without this each mark arriving meanwhile wiped the head judge's typing.
let draft = null;
let live = null;
let reloadTimer = null;
let startOrder = null; // entry id -> place in start order (bib order), once asked for
let byStart = false;


if (!competitionId || !/^\d+$/.test(competitionId)) {
  showMessage(message, t('hj.noCompetition'));
} else {
  // The shared sign-in box; once signed in (now or after the form) it steps aside for the page.
  $('signin').hidden = false;
  signInBox($('signin'), () => { $('signin').hidden = true; start(); });
}

async function start() {
  $('public-link').href = '/scoreboard.html?competition=' + encodeURIComponent(competitionId);
  live = new LiveClient();
  bindLiveState($('live-state'), live);
  live.auth(await freshToken());
  live.subscribe('scoreboard:' + competitionId, () => scheduleReload());
  // What judges signal from their tablets, live; a refusal (not a head judge here) just hides the panel.
  live.subscribe('problems:' + competitionId, renderProblems);
  live.onError((e) => { if (e.topic === 'problems:' + competitionId) $('problems-panel').hidden = true; });
  live.connect();
  await reload();
}

function renderProblems(data) {
  const rows = (data.rows || []).filter(Boolean);
  $('problems-panel').hidden = rows.length === 0;
  $('problems').replaceChildren(...rows.map((p) => el('li', { dataset: { problemId: p.id } },
    el('strong', { class: 'problem-text' }, p.text),
    el('span', { class: 'muted' }, ' · ' + [p.judgeName, p.entryName ? (p.bib != null ? `${p.bib} ` : '') + p.entryName : null,
      formatTime(p.createdAt, { hour: '2-digit', minute: '2-digit' })].filter(Boolean).join(' · ')),
    el('button', { type: 'button', class: 'small secondary resolve', onclick: () => resolveProblem(p.id) }, t('hj.problemDone')))));
}

async function resolveProblem(id) {
  try {
    await api(`/problems/${id}/resolve`, { method: 'POST', body: {}, headers: { 'Idempotency-Key': newKey() } });
  } catch (e) {
    showMessage(message, errorText(e));
  }
}

function scheduleReload() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(reload, 50);
}

async function reload() {
  try {
    [review, audit] = await Promise.all([api(`/competitions/${competitionId}/review`),
      api(`/competitions/${competitionId}/audit`).then((r) => r.items || [])]);
    $('desk').hidden = false;
    render();
  } catch (e) {
    if (!review && (e.status === 403 || e.status === 404)) {
      // Not this competition's head judge or organiser (or no such competition): the review's
      // buttons would only be refused, so the page says why and offers the public board.
      live.close();
      sayInstead(() => errorText(e), e.status === 403
        ? [{ href: '/scoreboard.html?competition=' + encodeURIComponent(competitionId), label: () => t('index.scoreboard') }]
        : [{ href: '/', label: () => t('gate.home') }]);
      return;
    }
    showMessage(message, errorText(e));
  }
}

async function act(path, body) {
  try {
    const r = await api(`/competitions/${competitionId}${path}`, { method: 'POST', body: body || {}, headers: { 'Idempotency-Key': newKey() } });
    await reload();
    return r;
  } catch (e) {
    showMessage(message, errorText(e));
    return null;
  }
}

$('publish').addEventListener('click', async () => {
  if (!(await confirmNamed('publish'))) return;
  if (await act('/scoreboard/publish')) showMessage(message, t('hj.publishedOk'), 'ok');
});
$('visibility').addEventListener('click', async () => {
  const hide = !review.hidden;
  if (await confirmNamed(hide ? 'hide' : 'release')) act('/scoreboard/visibility', { hidden: hide });
});

// The language switch re-says the badge, buttons, waiting lines and history in the new language.
window.addEventListener('langchange', () => render());

function render() {
  if (!review) return;
  $('hj-name').textContent = review.name;
  const status = $('hj-status');
  status.dataset.status = review.status;
  status.textContent = t('status.' + review.status);
  $('publish').disabled = review.status === 'OFFICIAL';
  $('publish').textContent = review.status === 'OFFICIAL' ? t('hj.published') : t('hj.publish');
  $('visibility').hidden = !review.organiser;
  $('visibility').dataset.hidden = String(!!review.hidden);
  $('visibility').textContent = review.hidden ? t('hj.release') : t('hj.hide');
  $('order').textContent = t(byStart ? 'hj.byRank' : 'hj.byStart');
  // By rank unless asked for the start order (the server lists the round's field in its own order);
  // entries without a rank yet keep that order, after the ranked ones.
  const place = byStart && startOrder ? (e) => startOrder.get(String(e.id)) : (e) => e.rank;
  const entries = review.entries.slice().sort((a, b) => (place(a) ?? Infinity) - (place(b) ?? Infinity));
  renderPanelShort();
  // The open correction's field keeps the focus across the rebuild.
  const focused = document.activeElement?.closest('form.fix') ? document.activeElement.classList[0] : null;
  $('entries').replaceChildren(...entries.map((e) => entryRow(e)));
  if (focused) $('entries').querySelector(`form.fix .${focused}`)?.focus();
  $('audit').replaceChildren(...audit.slice().reverse().map((a) => el('li', { dataset: { kind: a.kind } },
    `${formatTime(a.at, { timeStyle: 'medium' })} · ${t('audit.' + a.kind)} · ${a.byName ?? ''}`,
    a.entryName ? ` · ${a.entryName}` : '', a.value != null ? ` · ${a.value}` : '',
    a.outcome && a.outcome !== 'VALUE' ? ` · ${a.outcome}` : '', a.reason ? ` · “${a.reason}”` : '')));
}

/** How many more judges a judged panel's format takes than are assigned (0 for other formats). */
function missingJudges() {
  return review && review.type === 'judged' && review.panel && review.judges ? Math.max(0, review.judges - review.panel.length) : 0;
}

/** Says so above the review when the panel is short of judges: no result is complete until it is not. */
function renderPanelShort() {
  let box = $('panel-short');
  if (!box) {
    box = el('p', { class: 'message', id: 'panel-short', dataset: { kind: 'warn' }, role: 'status' });
    $('review').before(box);
  }
  const missing = missingJudges();
  box.hidden = missing === 0 || review.status === 'OFFICIAL';
  box.textContent = missing ? t('hj.panelShort', { n: review.judges, k: review.panel.length }) : '';
}

/**
 * The judges of the panel with no mark yet for this entry's open attempt: the server names them
 * from the assignment (review.panel / entry.waitingFor), so a judge who marked nothing is named too.
 */
function waitingFor(e) {
  const names = (e.waitingFor || []).map((w) => w.name ?? '');
  // Every assigned judge has marked, but the format takes more marks than there are judges.
  if (!names.length) return !e.complete && missingJudges() > 0 ? t(missingJudges() === 1 ? 'hj.waitingUnassigned1' : 'hj.waitingUnassigned', { n: missingJudges() }) : '';
  const attempt = e.waitingFor[0].attempt;
  return t('hj.waitingFor', { names: names.join(t('hj.listSep')) }) + (review.attempts > 1 && attempt ? ' · ' + t('hj.attemptN', { n: attempt }) : '');
}

$('order').addEventListener('click', async () => {
  byStart = !byStart;
  if (byStart && !startOrder) {
    try {
      const items = (await api(`/competitions/${competitionId}/entries`)).items || [];
      const active = items.filter((x) => x.status === 'CONFIRMED' || x.status === 'CHECKED_IN')
        .sort((a, b) => (a.bib ?? Infinity) - (b.bib ?? Infinity) || a.id - b.id);
      startOrder = new Map(active.map((x, k) => [String(x.id), k]));
    } catch (e) {
      showMessage(message, errorText(e));
      byStart = false;
    }
  }
  render();
});

function entryRow(e) {
  const scores = el('table', { class: 'scores' }, ...e.scores.map((s) => scoreRow(s)));
  const waiting = waitingFor(e);
  return el('tr', { dataset: { entryId: e.id, flagged: String(e.flagged), waiting: String((e.waitingFor || []).length) } },
    el('td', { class: 'rank' }, e.rank != null ? String(e.rank) : ''),
    el('td', { class: 'name' }, e.name, e.unit ? el('div', { class: 'muted' }, e.unit) : null,
      waiting ? el('div', { class: 'waiting-for' }, waiting) : null),
    el('td', { class: 'result' }, e.result != null ? formatValue(e.result, review) : (e.status && e.status !== 'OK' && e.status !== 'PENDING' ? e.status : '')),
    el('td', { class: 'marks' }, scores));
}

function scoreText(s) {
  if (s.marks) return Object.entries(s.marks).map(([k, v]) => `${k} ${v}`).join(' / ');
  if (s.opponentEntryId != null) return `${s.value} : ${s.opponentValue}`;
  if (s.outcome && s.outcome !== 'VALUE') return s.outcome;
  return (s.attempt > 1 ? `#${s.attempt} ` : '') + (s.value ?? '');
}

function scoreRow(s) {
  const me = String(getSession()?.user?.id ?? '');
  const canCheck = !s.checkedBy && String(s.enteredBy) !== me;
  const actions = el('td', { class: 'actions' },
    // A mark this head judge cannot check keeps the Check button's place (an invisible twin), so every
    // row's Correct sits in one column instead of jumping left on rows without Check.
    canCheck ? el('button', { type: 'button', class: 'small secondary check', onclick: () => act(`/scores/${s.id}/check`) }, t('hj.check'))
      : el('button', { type: 'button', class: 'small secondary check-slot', disabled: true, tabindex: '-1', 'aria-hidden': 'true' }, t('hj.check')),
    el('button', { type: 'button', class: 'small secondary correct', onclick: () => { editing = s.id; render(); } }, t('hj.correct')));
  const row = el('tr', { dataset: { scoreId: s.id, flagged: String(!!s.flagged), checked: String(!!s.checkedBy) } },
    el('td', { class: 'judge' }, s.judgeName ?? ''),
    el('td', { class: 'value' }, scoreText(s), s.flagged ? el('span', { class: 'flag' }, ' ⚑ ' + t('hj.flagged')) : null,
      s.reason ? el('div', { class: 'muted' }, `${t('audit.CORRECTION')}: “${s.reason}”`) : null),
    el('td', { class: 'entered muted' }, `${t('hj.entered')}: ${s.enteredByName ?? ''}`),
    el('td', { class: 'checked muted' }, s.checkedByName ? `${t('hj.checked')}: ${s.checkedByName}` : ''),
    actions);
  if (editing !== s.id) return row;
  if (!draft || draft.id !== s.id) draft = { id: s.id, value: s.value ?? '', reason: '' };
  const value = el('input', { class: 'new-value', inputmode: 'decimal', placeholder: t('hj.newValue'), value: draft.value });
  const reason = el('input', { class: 'reason', placeholder: t('hj.reason'), value: draft.reason });
  value.addEventListener('input', () => { draft.value = value.value; });
  reason.addEventListener('input', () => { draft.reason = reason.value; });
  const form = el('form', { class: 'fix' }, value, reason,
    el('button', { type: 'submit', class: 'small save' }, t('hj.save')),
    el('button', { type: 'button', class: 'small secondary', onclick: () => { editing = null; draft = null; render(); } }, t('hj.cancel')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const n = Number(value.value.trim().replace(',', '.'));
    if (value.value.trim() === '' || !Number.isFinite(n)) {
      showMessage(message, t('judge.invalidNumber'));
      return;
    }
    if (await act(`/scores/${s.id}/corrections`, { value: n, reason: reason.value })) {
      editing = null;
      draft = null;
      showMessage(message, t('hj.saved'), 'ok');
      render();
    }
  });
  actions.append(form);
  return row;
}
