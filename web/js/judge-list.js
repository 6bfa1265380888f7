// The judge tablet's athlete list: the start list (bib and start order from the public entries),
// the search by name, unit or bib, each athlete's state and the values this judge entered on the
// row, and "next athlete" in start order.
import { t, errorText } from './i18n.js';
import { api } from './api.js';
import { el } from './ui.js';
import { desk, $, mine, open, itemsFor, currentFormat, formatType, isAttempts, isMatch, isMulti, mySeat, criteria, keep, scoredSet } from './judge-state.js';
import { renderForm } from './judge-form.js';
import { fix, discard } from './judge-outbox-view.js';

/** Bibs and start order from the public start list (confirmed and checked-in entries by bib). */
export async function loadStartList(cid) {
  try {
    const items = (await api(`/competitions/${cid}/entries`)).items || [];
    const active = items.filter((e) => e.status === 'CONFIRMED' || e.status === 'CHECKED_IN')
      .sort((a, b) => (a.bib ?? Infinity) - (b.bib ?? Infinity) || a.id - b.id);
    const list = active.map((e, k) => [String(e.id), { bib: e.bib ?? null, order: k + 1 }]);
    keep('gala.judge.start.' + cid, list);
    if (desk.competitionId === cid) desk.start = new Map(list);
  } catch { /* offline: the kept list stays */ }
  if (desk.competitionId === cid) {
    desk.startKnown = true;
    renderEntries();
  }
}

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

export function entryState(row) {
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
  if (!isAttempts() && (scoredSet(desk.competitionId).has(id) || items.some((i) => i.state === 'saved'))) return 'scored';
  if (row.complete || row.ghost) return 'complete';
  return 'todo';
}

/** Board rows in start order, then rows only this judge's marks still name (e.g. a withdrawn entry). */
export function startRows() {
  const start = desk.start;
  const rows = (desk.board?.rows || []).filter(Boolean).slice().sort((a, b) =>
    (start.get(String(a.id))?.order ?? Infinity) - (start.get(String(b.id))?.order ?? Infinity) || Number(a.id) - Number(b.id));
  const onBoard = new Set(rows.map((r) => String(r.id)));
  const ghosts = new Map();
  for (const i of mine((x) => x.competitionId === desk.competitionId && x.kind === 'score' && x.state !== 'saved')) {
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
  return t('judge.panelMarked', { k: row.marks ?? 0, n: desk.board?.judges ?? '?' });
}

function matchesSearch(row, q) {
  if (!q) return true;
  const info = desk.start.get(String(row.id));
  return String(row.name ?? '').toLowerCase().includes(q) || String(row.unit ?? '').toLowerCase().includes(q)
    || (info?.bib != null && String(info.bib) === q.replace(/^#/, ''));
}

export function renderEntries() {
  // Not before the start order is known (kept from an earlier visit, or answered now): the list
  // would otherwise come in id order and re-sort under the judge's finger as the start list arrives.
  if (!desk.competitionId || !desk.startKnown) return;
  const q = $('search').value.trim().toLowerCase();
  const rows = startRows();
  let todo = 0;
  const shown = [];
  for (const row of rows) {
    const state = entryState(row);
    if (state === 'todo') todo += 1;
    if (matchesSearch(row, q) || String(row.id) === desk.selectedEntry) shown.push(entryItem(row, state));
  }
  $('entries').replaceChildren(...shown);
  $('no-match').hidden = shown.length > 0 || !q;
  $('no-match').textContent = t('judge.noMatch', { q });
  $('remaining').textContent = isMatch() ? '' : t('judge.remaining', { n: todo });
  if (desk.selectedEntry && !rows.some((r) => String(r.id) === desk.selectedEntry)) desk.selectedEntry = null;
  renderForm();
}

function entryItem(row, state) {
  const id = String(row.id);
  const info = desk.start.get(id);
  const stateText = { todo: 'judge.toScore', scored: 'judge.scored', pending: 'judge.pendingEntry', complete: 'judge.complete', refused: 'judge.refusedEntry' }[state];
  const items = itemsFor(id);
  return el('li', { dataset: { entryId: id } },
    el('button', {
      type: 'button', class: 'entry' + (id === desk.selectedEntry ? ' selected' : ''),
      dataset: { entryId: id, state }, 'aria-pressed': String(id === desk.selectedEntry),
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

/** The input the keypad types into before any has had focus. */
export function firstInput() {
  return criteria().length ? $('criteria').querySelector('input') : $('mark');
}

export function selectEntry(id) {
  const fixing = desk.fixing && desk.outbox.get(desk.fixing);
  if (fixing?.entryId != null && String(fixing.entryId) !== id) desk.fixing = null;
  desk.selectedEntry = id;
  renderEntries();
  firstInput().focus();
  $('entries').querySelector(`.entry[data-entry-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' });
}

/** Attempts of `row` on the board plus those this judge has queued without a number. */
export function usedAttempts(row) {
  const queued = itemsFor(row.id).filter((i) => open(i) && i.body && i.body.attempt == null).length;
  return (row.marks ?? 0) + queued;
}

/** The next athlete in start order still to score (attempts: round the field, after the selected one). */
export function nextEntry() {
  const rows = startRows().filter((r) => !r.ghost);
  const at = rows.findIndex((r) => String(r.id) === desk.selectedEntry);
  const order = (at >= 0 ? [...rows.slice(at + 1), ...rows.slice(0, at)] : rows).filter((r) => entryState(r) === 'todo');
  if (!isMulti()) return order[0] || null;
  // Dives go round the field: the next athlete with the fewest of this judge's marks.
  let best = null;
  for (const r of order) if (!best || myProgress(r).k < myProgress(best).k) best = r;
  return best;
}
