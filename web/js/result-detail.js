// Results as people read them, and the work behind them, for every page that shows a scoreboard
// (the public board, the big screen, the head judge's review): times as m:ss.cc, points with the
// format's decimals, every attempt, each judge's mark with the dropped ones struck through, a
// combined attempt's parts, the best single, records beaten, and the format in words.
// The server computes everything (scoring.BoardSnapshot); this module only formats and draws it.
import { t } from './i18n.js';
import './i18n/scoring.js';
import './i18n/results.js';
import { el } from './ui.js';

/** Seconds (a decimal string or number) as "1:02.34", "10:15.00", "1:00:00.10", or "59.99" under a minute. */
export function formatTime(seconds, decimals = 2) {
  if (seconds == null || seconds === '') return '';
  const [intPart, fracPart = ''] = String(seconds).replace(/^-/, '').split('.');
  const negative = String(seconds).startsWith('-');
  let whole = Number(intPart);
  // Round the fraction half up at the shown decimals without binary floating point.
  let frac = (fracPart + '0'.repeat(decimals + 1)).slice(0, decimals + 1);
  let digits = frac.slice(0, decimals);
  if (Number(frac[decimals] || 0) >= 5) {
    const bumped = String(Number(digits || 0) + 1).padStart(decimals, '0');
    if (decimals === 0 || bumped.length > decimals) {
      whole += 1;
      digits = decimals === 0 ? '' : '0'.repeat(decimals);
    } else {
      digits = bumped;
    }
  }
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const tail = decimals > 0 ? '.' + digits : '';
  const two = (v) => String(v).padStart(2, '0');
  const text = h > 0 ? `${h}:${two(m)}:${two(s)}${tail}` : m > 0 ? `${m}:${two(s)}${tail}` : `${s}${tail}`;
  return negative ? '-' + text : text;
}

/** A decimal string padded to at least {decimals} places (the server already rounded it). */
export function formatPoints(value, decimals = 2) {
  if (value == null || value === '') return '';
  const s = String(value);
  const [i, f = ''] = s.split('.');
  return f.length >= decimals ? s : decimals === 0 ? i : `${i}.${f.padEnd(decimals, '0')}`;
}

/** A value of this board's format: a time for timed formats, else points with the declared decimals. */
export function formatValue(value, board) {
  if (value == null || value === '') return '';
  const decimals = board?.decimals ?? 2;
  return board?.type === 'timed' ? formatTime(value, decimals) : formatPoints(value, decimals);
}

const FAILED = ['DNF', 'DNS', 'DQ'];

/** The text of a row's result cell: the counting result, a DNF/DNS/DQ, a missed cutoff, or what it waits for. */
export function resultText(row, board) {
  if (board.type === 'head_to_head') {
    return `${t('sb.points', { p: row.points ?? 0 })} · ${t('sb.record', { w: row.won ?? 0, d: row.drawn ?? 0, l: row.lost ?? 0 })}`;
  }
  if (FAILED.includes(row.status)) return t('sb.status.' + row.status);
  if (row.status === 'CUTOFF') return t('rd.status.CUTOFF');
  if (row.result != null) return formatValue(row.result, board);
  if (board.type === 'judged' && (board.attempts ?? 1) === 1) {
    return t('sb.waiting', { k: row.marks ?? 0, n: row.need ?? board.judges ?? '?' });
  }
  return t('sb.attemptsWaiting', { k: row.marks ?? 0, n: row.need ?? board.attempts ?? '?' });
}

/** One attempt in a few characters: "1:02.34", "DNF", "96.90", or "" while it waits. */
export function attemptText(a, board) {
  if (a.overLimit) return `DNF (${formatValue(a.value, board)})`;
  if (FAILED.includes(a.status)) return a.status;
  if (a.score != null) return formatPoints(a.score, board.decimals ?? 2);
  if (a.value != null) return formatValue(a.value, board);
  return '';
}

/** Badges for the records a row beats: "破赛会纪录（待确认）" until the round is official. */
export function recordBadges(row, board) {
  return (row.records || []).map((r) => el('span', {
    class: 'tag record', dataset: { record: r.kind },
    title: t('rd.record.previous', { value: formatValue(r.previous, board), holder: r.holder ?? '' }),
  }, t('rd.record.' + r.kind) + (board.status === 'OFFICIAL' ? '' : t('rd.record.provisional'))));
}

/**
 * The attempts on one line for the board's attempts column: each attempt, the ones that do not
 * count in parentheses (like WCA results), and the best single when the format has one.
 */
export function renderAttempts(row, board) {
  const line = el('span', { class: 'attempt-line' });
  const attempts = row.attempts || [];
  attempts.forEach((a, i) => {
    const text = attemptText(a, board);
    if (!text) return;
    if (i > 0 && line.childNodes.length) line.append(' ');
    line.append(el('span', { class: 'attempt', dataset: { attempt: a.attempt, counting: String(!!a.counting) } },
      a.counting ? text : `(${text})`));
  });
  return line;
}

/** Marks of one panel: "J1 9.5", the dropped ones struck through. */
function renderMarks(marks, board) {
  const list = el('span', { class: 'marks' });
  const criteria = marks.some((m) => m.criterion);
  for (const m of marks) {
    const label = (criteria ? `${m.criterion} ` : '') + formatPoints(m.value, 1);
    const mark = m.dropped
      ? el('s', { class: 'mark dropped', title: t('rd.dropped'), dataset: { judge: m.judge } }, label)
      : el('span', { class: 'mark', dataset: { judge: m.judge } }, label);
    mark.setAttribute('aria-label', `${t('rd.judge', { n: m.judge })}: ${label}${m.dropped ? ' (' + t('rd.dropped') + ')' : ''}`);
    list.append(mark, ' ');
  }
  return list;
}

function partLabel(board, name) {
  const part = board.formula?.parts?.find((p) => p.name === name);
  return part ? part.label : name;
}

/** A part's entered value as people read it: a timed part's seconds as m:ss.cc, others as entered. */
function partValue(board, p) {
  const part = board.formula?.parts?.find((x) => x.name === p.name);
  return part?.input === 'timed' ? formatTime(p.value, 2) : String(p.value);
}

/**
 * The work behind a row as a small table: one line per attempt (its number, code and difficulty,
 * every judge's mark with the dropped ones struck, the entered value or the parts, its score, and
 * whether it counts), then the best single and the records beaten.
 */
export function renderDetail(row, board) {
  const box = el('div', { class: 'result-detail', dataset: { entryId: row.id } });
  const attempts = row.attempts || [];
  if (attempts.length) {
    const table = el('table', { class: 'attempts' });
    for (const a of attempts) {
      const what = [];
      if (a.code) what.push(t('rd.code', { code: a.code }));
      if (a.difficulty) what.push(t('rd.difficulty', { dd: formatPoints(a.difficulty, 1) }));
      if (!a.difficulty && board.difficulty && board.difficulty !== 'none') what.push(t('rd.noDifficulty'));
      const work = el('td', { class: 'work' });
      if (a.marks?.length) work.append(renderMarks(a.marks, board));
      if (a.value != null) work.append(a.overLimit ? t('rd.overLimit', { time: formatValue(a.value, board) }) : formatValue(a.value, board));
      for (const p of a.parts || []) {
        const part = el('div', { class: 'part', dataset: { part: p.name } }, el('span', { class: 'part-name' }, partLabel(board, p.name)), ' ');
        if (p.marks?.length) part.append(renderMarks(p.marks, board));
        else if (p.value != null) part.append(el('span', { class: 'part-value' }, partValue(board, p)), ' ');
        part.append(el('span', { class: 'part-points' }, p.points == null ? t('rd.pending') : '= ' + formatPoints(p.points, board.decimals ?? 2)));
        work.append(part);
      }
      const status = a.status && a.status !== 'OK' && !a.overLimit ? t('rd.status.' + a.status) : '';
      table.append(el('tr', { dataset: { attempt: a.attempt, counting: String(!!a.counting), status: a.status } },
        el('th', { scope: 'row' }, t('rd.attempt', { n: a.attempt }), what.length ? el('small', {}, what.join(' · ')) : null),
        work,
        el('td', { class: 'score' }, a.score != null ? formatPoints(a.score, board.decimals ?? 2) : status,
          a.counting ? null : a.score != null || a.value != null ? el('small', {}, t('rd.notCounting')) : null)));
    }
    box.append(table);
  }
  if (row.best != null) box.append(el('p', { class: 'best' }, `${t('rd.best')}: ${formatValue(row.best, board)}`));
  const records = recordBadges(row, board);
  if (records.length) box.append(el('p', { class: 'records' }, ...records));
  return box;
}

function criteriaText(criteria) {
  return criteria.map((c) => (Number(c.weight) === 1 ? c.name : `${c.weight} × ${c.name}`)).join(' + ');
}

/** The format in words, shown next to the standings: formula, attempts, cutoff, time limit, rounding. */
export function formatNotes(board) {
  const notes = [];
  const n = board.attempts ?? 1;
  // A panel marking weighted criteria: "成绩 = 0.6 × 内容 + 0.4 × 技术", in the organiser's words.
  if (board.type === 'judged' && board.criteria?.length) notes.push(t('rd.criteria', { text: criteriaText(board.criteria) }));
  if (board.type === 'combined' && board.formula) {
    notes.push(t('rd.formula', { text: board.formula.text }));
    // A part marked on weighted criteria: "实操 = 0.4 × safety + 0.6 × craft".
    for (const p of board.formula.parts || []) {
      if (!p.criteria?.length) continue;
      notes.push(t('rd.partCriteria', { label: p.label || p.name, text: criteriaText(p.criteria) }));
    }
  }
  if ((board.type === 'judged' || board.type === 'combined') && n > 1) notes.push(t('rd.combine.' + board.combine, { n }));
  if ((board.type === 'timed' || board.type === 'measured') && n > 1) {
    notes.push(t('rd.aggregate.' + board.aggregate, { n }));
  }
  if (board.cutoff) notes.push(t('rd.cutoff', { k: board.cutoff.attempts, time: formatValue(board.cutoff.beat, board) }));
  if (board.timeLimit) notes.push(t('rd.timeLimit', { time: formatValue(board.timeLimit, board) }));
  if (board.rounding) notes.push(t('rd.rounding', { over: formatValue(board.rounding.over, { ...board, decimals: 0 }), unit: board.rounding.unit }));
  return notes;
}
