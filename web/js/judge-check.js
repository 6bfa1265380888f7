// What a judge types, checked against the competition's format before it is queued: a number in
// the format's range with no more decimals than it keeps, an attempt the format has. The server
// checks again; this only saves a judge from learning of a typo minutes later. Defaults follow the
// server's (gala.scoring.rules): judged 0-10 with 2 decimals, attempts from 0 with 2 decimals.
// Problems come back as {key, params} for i18n.

/** The number in `text` ("7,5" reads as 7.5) or a problem. */
export function readNumber(text) {
  const s = String(text ?? '').trim().replace(',', '.');
  if (s === '' || !/^-?\d*(\.\d*)?$/.test(s) || s === '.' || s === '-') return { problem: { key: 'judge.invalidNumber' } };
  const value = Number(s);
  if (!Number.isFinite(value)) return { problem: { key: 'judge.invalidNumber' } };
  const decimals = s.includes('.') ? s.split('.')[1].replace(/0+$/, '').length : 0;
  return { value, decimals, text: s };
}

/** The range and decimals of one mark of `format`. */
export function markRule(format = {}, partName = null) {
  const type = format.type || 'judged';
  if (type === 'combined') {
    // A combined format's part has its own range (a theory test 0-100, a time in seconds).
    const part = (format.parts || []).find((p) => p.name === partName) || (format.parts || [])[0] || {};
    return { min: num(part.min, 0), max: num(part.max, part.input === 'judged' ? 10 : 1000000), decimals: 4 };
  }
  if (type === 'head_to_head') return { min: 0, max: 10000, decimals: 0 };
  if (type === 'timed' || type === 'measured') {
    return { min: num(format.min, 0), max: num(format.max, null), decimals: int(format.decimals, 2) };
  }
  return { min: num(format.min, 0), max: num(format.max, 10), decimals: int(format.decimals, 2) };
}

/** How many attempts the format has. */
export function attemptsOf(format = {}) {
  const average5 = String(format.aggregate || '').toLowerCase() === 'average_of_5';
  return int(format.attempts, average5 ? 5 : 1);
}

/** A typed mark checked against `rule`: {value} or {problem}. */
export function checkMark(text, rule) {
  const read = readNumber(text);
  if (read.problem) return read;
  if (read.value < rule.min || (rule.max != null && read.value > rule.max)) {
    return {
      problem: rule.max == null
        ? { key: 'judge.belowMin', params: { value: read.text, min: rule.min } }
        : { key: 'judge.outOfRange', params: { value: read.text, min: rule.min, max: rule.max } },
    };
  }
  if (read.decimals > rule.decimals) {
    return { problem: { key: rule.decimals === 0 ? 'judge.wholeNumber' : 'judge.tooManyDecimals', params: { value: read.text, n: rule.decimals } } };
  }
  return { value: read.value, text: read.text };
}

/** The difficulty (degree of difficulty) typed for a judged format: {value} or {problem}. */
export function checkDifficulty(text, format = {}) {
  const d = typeof format.difficulty === 'object' && format.difficulty ? format.difficulty : {};
  const min = num(d.min, 0);
  const max = num(d.max, 10);
  const read = readNumber(text);
  if (read.problem) return read;
  if (read.value <= min || read.value > max) {
    return { problem: { key: 'judge.difficultyRange', params: { value: read.text, min, max } } };
  }
  return { value: read.value, text: read.text };
}

/**
 * The attempt to record: the one typed (text), else the next after `used` (attempts on the board
 * and queued here). A problem when the format has no such attempt or none is left.
 */
export function checkAttempt(text, format, used) {
  const n = attemptsOf(format);
  const s = String(text ?? '').trim();
  if (s === '') {
    return used >= n ? { problem: { key: 'judge.noAttemptsLeft', params: { n } } } : { value: null, next: used + 1 };
  }
  const a = Number(s);
  if (!Number.isInteger(a) || a < 1) return { problem: { key: 'judge.invalidAttempt' } };
  if (a > n) return { problem: { key: 'judge.attemptBeyond', params: { attempt: a, n } } };
  return { value: a, next: a };
}

function num(v, fallback) {
  if (v == null || v === '') return fallback;
  const n = Number(v);
  return Number.isFinite(n) ? n : fallback;
}

function int(v, fallback) {
  const n = num(v, fallback);
  return n == null ? fallback : Math.trunc(n);
}
