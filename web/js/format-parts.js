// The parts editor of a combined format (format-form.js): one row per part (a written test's points,
// a judged practical task, a time or distance turned into points by a table, a deduction), each
// with its weight when the formula is weighted; the formula in words, as the scoreboard shows it;
// the checks before sending; and a worked example. The server checks it all again (INVALID_FORMAT,
// FORMULA_UNKNOWN_PART).
import { t } from './i18n.js';
import './i18n/format.js';
import { el, tx } from './ui.js';

export const PART_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
// A criterion is named in the organiser's words, any script: 内容, 技术, Stage presence (the server's rule).
export const CRITERION_NAME = /^(?=.{1,40}$)[\p{L}\p{M}\p{N}_]+(?:[ -][\p{L}\p{M}\p{N}_]+)*$/u;
const INPUTS = ['points', 'judged', 'timed', 'measured'];
const AGGREGATES = ['mean', 'median', 'sum', 'trimmed_mean', 'trimmed_sum'];

/**
 * The editor for format.parts (the form's current format, with formulaKind and each part's weight).
 * sync() reads the form back into the current format and returns it; rerender() redraws.
 */
export function partsEditor(format, sync, rerender) {
  const weighted = format.formulaKind === 'weighted';
  // Each control with a caption above it: a filled-in field still says what it is.
  const cap = (key, control) => el('label', { class: 'part-cell' }, el('span', { class: 'caption' }, t(key)), control);
  const rows = (format.parts || []).map((p, i) => {
    const input = INPUTS.includes(p.input) ? p.input : 'points';
    const cells = [
      cap('fmt.part.name', el('input', { class: 'part-name', placeholder: 'theory', value: p.name || '', autocomplete: 'off' })),
      cap('fmt.part.label', el('input', { class: 'part-label', value: p.label || '', autocomplete: 'off' })),
      cap('fmt.part.input', el('select', { class: 'part-input', dataset: { rerender: 'true' } },
        ...INPUTS.map((k) => el('option', { value: k, selected: k === input }, t('fmt.part.input.' + k))))),
    ];
    if (input === 'judged') {
      cells.push(cap('fmt.part.judges', el('input', { class: 'part-judges', inputmode: 'numeric', value: p.judges ?? 3 })),
        cap('fmt.aggregate', el('select', { class: 'part-aggregate' },
          ...AGGREGATES.map((k) => el('option', { value: k, selected: k === (p.aggregate || 'mean') }, t('fmt.aggregate.' + k))))),
        // Weighted criteria of a practical task ("safety 0.3, craft 0.4, quality 0.3"): each judge marks each one.
        cap('fmt.part.criteria', el('input', { class: 'part-criteria', autocomplete: 'off', placeholder: t('fmt.part.criteria.placeholder'),
          value: typeof p.criteriaText === 'string' ? p.criteriaText
            : (p.criteria || []).map((c) => (c.weight == null || c.weight === 1 ? c.name : `${c.name} ${c.weight}`)).join(', ') })));
    }
    cells.push(cap('fmt.part.min', el('input', { class: 'part-min', inputmode: 'decimal', value: p.min ?? 0 })),
      cap('fmt.part.max', el('input', { class: 'part-max', inputmode: 'decimal', value: p.max ?? 100 })));
    if (input === 'timed' || input === 'measured') {
      const steps = p.points?.table || [];
      const key = input === 'timed' ? 'upTo' : 'atLeast';
      const text = typeof p.pointsText === 'string' ? p.pointsText : steps.map((s) => `${s[key]}=${s.points}`).join(', ');
      cells.push(cap('fmt.part.table.' + input, el('input', { class: 'part-table', value: text, autocomplete: 'off',
        placeholder: input === 'timed' ? '1800=5, 2400=3' : '50=10, 40=6' })));
    }
    if (weighted) {
      cells.push(cap('fmt.part.weight', el('input', { class: 'part-weight', inputmode: 'decimal', value: p.weight ?? 1 })));
    }
    cells.push(el('label', { class: 'check' }, el('input', { type: 'checkbox', class: 'part-deduction', checked: !!p.deduction }),
      el('span', {}, t('fmt.part.deduction'))));
    cells.push(el('button', { type: 'button', class: 'secondary small remove', onclick: () => {
      const f = sync();
      f.parts.splice(i, 1);
      rerender();
    } }, t('fmt.remove')));
    return el('div', { class: 'row-editor part', dataset: { index: i, input } }, ...cells);
  });
  return el('fieldset', { class: 'choices parts-editor' }, tx('legend', 'fmt.parts'),
    tx('small', 'fmt.parts.hint', { class: 'muted' }), ...rows,
    el('button', { type: 'button', class: 'secondary small add-part', onclick: () => {
      const f = sync();
      (f.parts ||= []).push({ name: '', label: '', input: 'points' });
      rerender();
    } }, t('fmt.addPart')));
}

/** The parts as typed (numbers where they parse; the points table read into steps, or kept as text to name). */
export function readParts(box) {
  return [...box.querySelectorAll('.part')].map((row) => {
    const value = (cls) => row.querySelector(cls)?.value.trim() ?? '';
    const input = value('.part-input') || 'points';
    const part = { name: value('.part-name'), label: value('.part-label') || value('.part-name'), input };
    if (input === 'judged') {
      part.judges = numberOr(value('.part-judges') || '3');
      part.aggregate = value('.part-aggregate') || 'mean';
      if (part.aggregate.startsWith('trimmed')) part.trim = 1;
      const text = value('.part-criteria');
      if (text) {
        const criteria = text.split(/[,，;；、\n]+/).map((s) => s.trim()).filter(Boolean).map((s) => {
          const m = /^(.+?)(?:\s*[\s:=：]\s*(\d+(?:\.\d+)?))?$/u.exec(s);
          return m && CRITERION_NAME.test(m[1]) ? { name: m[1], weight: m[2] == null ? 1 : Number(m[2]) } : null;
        });
        part.criteriaText = text;
        if (criteria.every(Boolean)) part.criteria = criteria;
      }
    }
    if (value('.part-min') !== '') part.min = numberOr(value('.part-min'));
    if (value('.part-max') !== '') part.max = numberOr(value('.part-max'));
    if (input === 'timed' || input === 'measured') {
      const text = value('.part-table');
      if (text) {
        const key = input === 'timed' ? 'upTo' : 'atLeast';
        const steps = text.split(/[,，;；\n]+/).map((s) => s.trim()).filter(Boolean).map((s) => {
          const m = /^(\d+(?:\.\d+)?)\s*[=:→]\s*(\d+(?:\.\d+)?)$/.exec(s);
          return m ? { [key]: Number(m[1]), points: Number(m[2]) } : null;
        });
        part.pointsText = text;
        if (steps.every(Boolean)) part.points = { table: steps };
      }
    }
    if (row.querySelector('.part-weight')) part.weight = numberOr(value('.part-weight') || '1');
    if (row.querySelector('.part-deduction')?.checked) part.deduction = true;
    return part;
  });
}

/** A sentence for the first mistake in the parts (null when they look right); strips the form-only text. */
export function checkParts(format) {
  const parts = format.parts || [];
  if (parts.length === 0 || parts.length > 12) return t('fmt.err.partCount');
  const names = new Set();
  for (const p of parts) {
    if (!PART_NAME.test(p.name)) return t('fmt.err.partName', { name: p.name || '?' });
    if (names.has(p.name)) return t('fmt.err.partTwice', { name: p.name });
    names.add(p.name);
    if (!p.label || p.label.length > 40) return t('fmt.err.partLabel', { name: p.name });
    for (const k of ['min', 'max', 'judges']) {
      if (p[k] != null && typeof p[k] !== 'number') return t('fmt.err.partNumber', { name: p.label });
    }
    if (p.input !== 'judged' && p.min != null && p.max != null && p.min >= p.max) return t('fmt.err.partNumber', { name: p.label });
    if (p.input === 'judged' && !(Number.isInteger(p.judges) && p.judges >= 1 && p.judges <= 15)) {
      return t('fmt.err.partJudges', { name: p.label });
    }
    if (p.pointsText != null && !p.points) return t('fmt.err.partTable', { name: p.label });
    if (p.criteriaText != null && !p.criteria) return t('fmt.err.partCriteria', { name: p.label });
    if (p.criteria && (new Set(p.criteria.map((c) => c.name)).size !== p.criteria.length || p.criteria.length > 10
      || p.criteria.some((c) => !(c.weight > 0)))) return t('fmt.err.partCriteria', { name: p.label });
    delete p.pointsText;
    delete p.criteriaText;
  }
  for (const [name, w] of Object.entries(format.formula?.weights || {})) {
    if (typeof w !== 'number' || w <= 0) return t('fmt.err.partWeight', { name });
  }
  return null;
}

/** The formula in words, like the server's: "0.3 × 理论 + 0.7 × 实操 + 用时加分 − 扣分". */
export function formulaText(format) {
  const weights = format.formula?.weights || {};
  return (format.parts || []).map((p, i) => {
    const w = format.formula?.kind === 'weighted' ? Number(weights[p.name] ?? 1) : 1;
    const term = (w === 1 ? '' : `${w} × `) + (p.label || p.name);
    return i === 0 ? (p.deduction ? '−' + term : term) : `${p.deduction ? '−' : '+'} ${term}`;
  }).join(' ');
}

/** A worked example with sample points per part. */
export function combinedExample(f) {
  const weights = f.formula?.weights || {};
  const lines = [t('fmt.ex.formula', { text: formulaText(f) })];
  let total = 0;
  for (const p of f.parts || []) {
    const points = p.deduction ? 2 : p.points?.table?.length ? Number(p.points.table[0].points)
      : Math.round(((p.max ?? 100) - (p.min ?? 0)) * 0.85 + (p.min ?? 0));
    const w = f.formula?.kind === 'weighted' ? Number(weights[p.name] ?? 1) : 1;
    total += (p.deduction ? -1 : 1) * w * points;
    lines.push(t('fmt.ex.part', { label: p.label || p.name, points: points.toFixed(f.decimals), weight: w }));
  }
  lines.push(t('fmt.ex.result', { value: total.toFixed(f.decimals) }));
  if (f.attempts > 1) lines.push(t('fmt.ex.judgedAttempts.' + (f.combine || 'sum'), { n: f.attempts }));
  return lines;
}

function numberOr(text) {
  const n = Number(String(text).replace(',', '.'));
  return Number.isFinite(n) ? n : text;
}
