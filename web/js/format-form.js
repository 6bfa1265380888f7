// The competition format form of the organiser console: one table of field descriptors per
// format type (FORMAT_TYPES), a form built from it, the format JSON read back from it, and a
// worked example of how a result is computed with the current settings, shown before saving.
//
// To add a format type: add an entry to FORMAT_TYPES (its fields, tie-breaks and an example
// function), and strings fmt.type.<type> (+ fmt.<field> for new fields) in i18n/organise.js.
// The server checks the format again (422 INVALID_FORMAT); these checks only catch mistakes early.
// Structured settings (difficulty, cutoff, rounding, the combined format's parts and formula) have
// an editor of their own (kind 'difficulty', 'cutoff', 'rounding', 'parts'); their strings are in
// i18n/format.js.
import { t } from './i18n.js';
import './i18n/format.js';
import { el, tx, named } from './ui.js';
import { formulaText, readParts, partsEditor, checkParts, combinedExample, PART_NAME, CRITERION_NAME } from './format-parts.js';

const int = (key, min, max, dflt, extra = {}) => ({ key, kind: 'int', min, max, default: dflt, ...extra });
const num = (key, dflt, extra = {}) => ({ key, kind: 'number', default: dflt, ...extra });
const choice = (key, options, dflt, extra = {}) => ({ key, kind: 'choice', options, default: dflt, ...extra });

const ATTEMPT_FIELDS = [
  int('attempts', 1, 10, 3),
  choice('aggregate', ['best', 'mean', 'average_of_5'], 'best'),
  num('min', 0),
  num('max', null, { optional: true }),
  int('decimals', 0, 4, 2),
  { key: 'cutoff', kind: 'cutoff' },
];
const TIMED_FIELDS = [
  ...ATTEMPT_FIELDS,
  num('timeLimit', null, { optional: true, time: true }),
  { key: 'rounding', kind: 'rounding' },
];
const ATTEMPT_TIES = ['best_single', 'second_best', 'third_best'];

/** Every format the API accepts, described once. */
export const FORMAT_TYPES = {
  judged: {
    fields: [
      int('judges', 1, 15, 5),
      choice('aggregate', ['mean', 'median', 'sum', 'trimmed_mean', 'trimmed_sum'], 'trimmed_mean'),
      int('trim', 0, 7, 1, { showIf: (f) => String(f.aggregate).startsWith('trimmed') }),
      num('min', 0),
      num('max', 10),
      int('decimals', 0, 4, 2),
      int('attempts', 1, 10, 1),
      choice('combine', ['sum', 'best', 'mean'], 'sum'),
      { key: 'criteria', kind: 'criteria' },
      { key: 'difficulty', kind: 'difficulty' },
      num('tolerance', null, { optional: true }),
    ],
    tieBreaks: ['total_marks', 'highest_mark', 'lowest_mark', ...ATTEMPT_TIES],
    example: judgedExample,
  },
  timed: { fields: TIMED_FIELDS, tieBreaks: ATTEMPT_TIES, example: (f) => attemptsExample(f, true) },
  measured: { fields: ATTEMPT_FIELDS, tieBreaks: ATTEMPT_TIES, example: (f) => attemptsExample(f, false) },
  combined: {
    fields: [
      int('decimals', 0, 4, 2),
      int('attempts', 1, 10, 1),
      choice('combine', ['sum', 'best', 'mean'], 'sum'),
      choice('formulaKind', ['sum', 'weighted'], 'sum'),
      { key: 'parts', kind: 'parts' },
    ],
    tieBreaks: (f) => [...ATTEMPT_TIES, ...(f.parts || []).filter((p) => PART_NAME.test(p.name || '')).map((p) => 'part:' + p.name)],
    example: combinedExample,
  },
  head_to_head: {
    fields: [int('win', 0, 100, 3), int('draw', 0, 100, 1), int('loss', 0, 100, 0)],
    tieBreaks: ['head_to_head', 'score_difference', 'score_for', 'wins', 'buchholz'],
    example: headToHeadExample,
  },
};


/**
 * Builds the format form into box for format (or the defaults of a judged panel); onChange runs
 * after every edit. Returns {read(): {format} | {problem}, set(format)}.
 */
export function formatForm(box, format, onChange = () => {}) {
  let current = format && FORMAT_TYPES[format.type] ? loaded(format) : { type: 'judged' };
  const typeSelect = el('select', { id: 'fmt-type', name: 'type' });
  const fieldsBox = el('div', { class: 'fmt-fields' });
  const tieBox = el('div', { class: 'fmt-ties' });
  const commonBox = el('div', { class: 'fmt-common' });
  const example = el('div', { class: 'fmt-example card', id: 'fmt-example', 'aria-live': 'polite' });

  function render() {
    if (current.type === 'combined' && !current.parts) current.parts = [{ name: '', label: '', input: 'points' }];
    typeSelect.replaceChildren(...Object.keys(FORMAT_TYPES).map((k) =>
      el('option', { value: k, selected: k === current.type }, t('fmt.type.' + k))));
    const spec = FORMAT_TYPES[current.type];
    fieldsBox.replaceChildren(...spec.fields.filter((f) => !f.showIf || f.showIf(withDefaults(current))).map((f) => field(f)));
    tieBox.replaceChildren(el('p', { class: 'label' }, t('fmt.tieBreaks')), ...[0, 1, 2].map((i) => {
      const chosen = (current.tieBreaks || [])[i] || '';
      return el('label', { class: 'inline-field' }, el('span', {}, t('fmt.tieBreakN', { n: i + 1 })),
        el('select', { class: 'tie-break', dataset: { index: i } },
          tx('option', 'fmt.none', { value: '' }),
          ...tieOptions(spec, current).map((k) => el('option', { value: k, selected: k === chosen }, tieLabel(k, current)))));
    }));
    commonBox.replaceChildren(teamPointsField(), roundsField());
    renderExample();
  }

  function field(f) {
    const value = current[f.key] ?? f.default;
    const id = 'fmt-' + f.key;
    const label = (control) => el('label', { class: f.kind === 'bool' ? 'check' : '' },
      f.kind === 'bool' ? control : null, el('span', {}, t('fmt.' + f.key)), f.kind === 'bool' ? null : control,
      el('small', { class: 'muted' }, t('fmt.' + f.key + '.hint') === 'fmt.' + f.key + '.hint' ? '' : t('fmt.' + f.key + '.hint')));
    if (f.kind === 'choice') {
      return label(el('select', { id, dataset: { key: f.key } },
        ...f.options.map((o) => el('option', { value: o, selected: o === value }, t(`fmt.${f.key}.${o}`)))));
    }
    if (f.kind === 'bool') return label(el('input', { type: 'checkbox', id, dataset: { key: f.key }, checked: !!value }));
    if (f.kind === 'criteria') return criteriaField();
    if (f.kind === 'difficulty') return difficultyField();
    if (f.kind === 'cutoff') return pairField('cutoff', ['attempts', 'beat'], current.cutoff);
    if (f.kind === 'rounding') return pairField('rounding', ['over', 'unit'], current.rounding);
    if (f.kind === 'parts') return partsEditor(current, () => { current = readFields(); return current; }, () => { render(); onChange(); });
    return label(el('input', { id, dataset: { key: f.key, kind: f.kind }, type: 'text',
      inputmode: f.kind === 'int' ? 'numeric' : 'decimal', value: value == null ? '' : String(value) }));
  }

  function criteriaField() {
    const rows = (current.criteria || []).map((c, i) => el('div', { class: 'row-editor criterion', dataset: { index: i } },
      el('input', { class: 'criterion-name', ...named('fmt.criterionName'), value: c.name || '' }),
      el('input', { class: 'criterion-weight', 'aria-label': t('fmt.criterionWeight'), placeholder: t('fmt.criterionWeight'),
        inputmode: 'decimal', value: c.weight == null ? '' : String(c.weight) }),
      el('button', { type: 'button', class: 'secondary small remove', onclick: () => {
        current = readFields(); current.criteria.splice(i, 1); if (!current.criteria.length) delete current.criteria; render(); onChange();
      } }, t('fmt.remove'))));
    return el('fieldset', { class: 'choices criteria-editor' }, tx('legend', 'fmt.criteria'),
      tx('small', 'fmt.criteria.hint', { class: 'muted' }), ...rows,
      el('button', { type: 'button', class: 'secondary small add-criterion', onclick: () => {
        current = readFields(); (current.criteria ||= []).push({ name: '', weight: 1 }); render(); onChange();
      } }, t('fmt.addCriterion')));
  }

  /** None, any (typed with each attempt), a min-max range, or a table of codes ("6245D 3.4" a line). */
  function difficultyField() {
    const d = current.difficulty;
    const kind = d === true ? 'any' : d && d.table ? 'table' : d && (d.min != null || d.max != null) ? 'range' : 'none';
    const select = el('select', { id: 'fmt-difficultyKind', dataset: { rerender: 'true' } },
      ...['none', 'any', 'range', 'table'].map((k) => el('option', { value: k, selected: k === kind }, t('fmt.difficulty.' + k))));
    const box = el('fieldset', { class: 'choices difficulty-editor' }, tx('legend', 'fmt.difficulty'),
      el('label', {}, tx('span', 'fmt.difficulty.kind'), select));
    if (kind === 'range') {
      box.append(el('div', { class: 'row-editor' },
        el('input', { id: 'fmt-difficultyMin', ...named('fmt.difficulty.min'), inputmode: 'decimal', value: d.min ?? '' }),
        el('input', { id: 'fmt-difficultyMax', ...named('fmt.difficulty.max'), inputmode: 'decimal', value: d.max ?? '' })));
    }
    if (kind === 'table') {
      const lines = typeof d.text === 'string' ? d.text : Object.entries(d.table).map(([code, dd]) => `${code} ${dd}`).join('\n');
      box.append(el('label', {}, tx('span', 'fmt.difficulty.table'),
        el('textarea', { id: 'fmt-difficultyTable', rows: 6, spellcheck: 'false', placeholder: '6245D 3.4\n109C 3.7' }, lines),
        tx('small', 'fmt.difficulty.table.hint', { class: 'muted' })));
    }
    return box;
  }

  /** Two numbers that make one optional setting (cutoff {attempts, beat}, rounding {over, unit}); times may be typed m:ss.cc. */
  function pairField(key, names, value) {
    return el('fieldset', { class: 'choices ' + key + '-editor' }, tx('legend', 'fmt.' + key),
      tx('small', 'fmt.' + key + '.hint', { class: 'muted' }),
      el('div', { class: 'row-editor' }, ...names.map((n) => el('input', {
        id: `fmt-${key}-${n}`, ...named(`fmt.${key}.${n}`), inputmode: 'decimal',
        value: value && value[n] != null ? String(value[n]) : '' }))));
  }

  function teamPointsField() {
    return el('label', {}, tx('span', 'fmt.teamPoints'),
      el('input', { id: 'fmt-teamPoints', value: (current.teamPoints || []).join(', '), placeholder: '9, 7, 6, 5, 4, 3, 2, 1' }),
      tx('small', 'fmt.teamPoints.hint', { class: 'muted' }));
  }

  function roundsField() {
    const rows = (current.rounds || []).map((r, i) => {
      const kind = r.advance ? Object.keys(r.advance)[0] : '';
      return el('div', { class: 'row-editor round', dataset: { index: i } },
        el('input', { class: 'round-name', ...named('fmt.roundName'), value: r.name || '' }),
        el('input', { class: 'round-heat', ...named('fmt.heatSize'), inputmode: 'numeric',
          value: r.heatSize == null ? '' : String(r.heatSize) }),
        el('select', { class: 'round-advance', 'aria-label': t('fmt.advance') },
          ...['', 'top', 'topPercent', 'threshold'].map((k) => el('option', { value: k, selected: k === kind }, t('fmt.advance.' + (k || 'none'))))),
        el('input', { class: 'round-advance-value', ...named('fmt.advanceValue'), inputmode: 'decimal',
          value: kind ? String(r.advance[kind]) : '' }),
        el('button', { type: 'button', class: 'secondary small remove', onclick: () => {
          current = readFields(); current.rounds.splice(i, 1); if (!current.rounds.length) delete current.rounds; render(); onChange();
        } }, t('fmt.remove')));
    });
    return el('fieldset', { class: 'choices rounds-editor' }, tx('legend', 'fmt.rounds'),
      tx('small', 'fmt.rounds.hint', { class: 'muted' }), ...rows,
      el('button', { type: 'button', class: 'secondary small add-round', onclick: () => {
        current = readFields(); (current.rounds ||= []).push({ name: '' }); render(); onChange();
      } }, t('fmt.addRound')));
  }

  /** The form's values as typed (strings kept where they do not parse, for the checks to name). */
  function readFields() {
    const f = { type: typeSelect.value };
    const spec = FORMAT_TYPES[f.type];
    for (const d of spec.fields) {
      const input = box.querySelector(`[data-key="${d.key}"]`);
      if (d.kind === 'criteria') {
        const rows = [...box.querySelectorAll('.criterion')].map((r) => ({
          name: r.querySelector('.criterion-name').value.trim(), weight: r.querySelector('.criterion-weight').value.trim() }));
        if (rows.length) f.criteria = rows.map((r) => ({ name: r.name, weight: r.weight === '' ? 1 : numberOr(r.weight) }));
      } else if (d.kind === 'difficulty') {
        const difficulty = readDifficulty(box);
        if (difficulty !== undefined) f.difficulty = difficulty;
      } else if (d.kind === 'cutoff' || d.kind === 'rounding') {
        const names = d.kind === 'cutoff' ? ['attempts', 'beat'] : ['over', 'unit'];
        const values = names.map((n) => (box.querySelector(`#fmt-${d.key}-${n}`)?.value || '').trim());
        if (values.some(Boolean)) f[d.key] = Object.fromEntries(names.map((n, i) => [n, timeOr(values[i])]));
      } else if (d.kind === 'parts') {
        f.parts = readParts(box);
      } else if (!input) {
        continue;
      } else if (d.kind === 'bool') {
        if (input.checked) f[d.key] = true;
      } else if (d.kind === 'choice') {
        f[d.key] = input.value;
      } else if (input.value.trim() !== '') {
        f[d.key] = d.time ? timeOr(input.value.trim()) : numberOr(input.value.trim());
      }
    }

    const ties = [...box.querySelectorAll('.tie-break')].map((s) => s.value).filter(Boolean);
    if (ties.length) f.tieBreaks = [...new Set(ties)];
    const points = box.querySelector('#fmt-teamPoints').value.split(/[,，\s]+/).filter(Boolean);
    if (points.length) f.teamPoints = points.map(numberOr);
    const rounds = [...box.querySelectorAll('.round')].map((r) => {
      const round = { name: r.querySelector('.round-name').value.trim() };
      const heat = r.querySelector('.round-heat').value.trim();
      if (heat) round.heatSize = numberOr(heat);
      const kind = r.querySelector('.round-advance').value;
      const v = r.querySelector('.round-advance-value').value.trim();
      if (kind) round.advance = { [kind]: numberOr(v) };
      return round;
    });
    if (rounds.length) f.rounds = rounds;
    return f;
  }

  function renderExample() {
    const read = check(readFieldsSafe());
    example.replaceChildren(tx('h3', 'fmt.example'),
      ...(read.problem ? [el('p', { class: 'muted' }, read.problem)]
        : FORMAT_TYPES[read.format.type].example(withDefaults(read.format)).map((line) => el('p', {}, line))),
      ...(read.format && read.format.tieBreaks ? [el('p', { class: 'muted' },
        t('fmt.ex.ties', { list: read.format.tieBreaks.map((k) => tieLabel(k, read.format)).join(' → ') }))] : []),
      ...(read.format && read.format.rounds ? read.format.rounds.map((r, i) => el('p', { class: 'muted' }, roundLine(r, i, read.format.rounds.length))) : []));
  }

  function readFieldsSafe() {
    return box.contains(typeSelect) && box.querySelector('#fmt-teamPoints') ? readFields() : current;
  }

  typeSelect.addEventListener('change', () => { current = { type: typeSelect.value }; render(); onChange(); });
  box.addEventListener('input', (ev) => {
    if (ev.target === typeSelect) return;
    // A choice that shows or hides another field (trimmed aggregates show "trim") redraws the form.
    if (ev.target.dataset.key === 'aggregate') { current = readFields(); render(); } else renderExample();
    onChange();
  });
  // Choices that show or hide other settings (a formula's kind, a difficulty table, a part's kind)
  // redraw the form once chosen. Only selects: a text box's change fires as it loses focus, that is
  // as the pointer goes down on the next control, and a redraw then would swallow that click (typing
  // the attempts and pressing "add round" added nothing).
  box.addEventListener('change', (ev) => {
    const target = ev.target;
    if (target === typeSelect) return;
    if (target.dataset.key === 'formulaKind' || target.dataset.rerender) {
      const focused = target.id;
      current = readFields();
      render();
      if (focused && box.querySelector('#' + CSS.escape(focused))) box.querySelector('#' + CSS.escape(focused)).focus();
      onChange();
    }
  });
  box.replaceChildren(
    el('label', {}, tx('span', 'fmt.type'), typeSelect),
    fieldsBox, tieBox, commonBox, example);
  render();
  return {
    read: () => check(readFields()),
    set(next) { current = next && FORMAT_TYPES[next.type] ? loaded(next) : { type: 'judged' }; render(); },
    rerender() { current = readFields(); render(); },
  };
}

/** A stored format as the form holds it (a combined formula's kind and weights on its parts). */
function loaded(format) {
  const f = structuredClone(format);
  if (f.type === 'combined') {
    f.formulaKind = f.formula?.kind || 'sum';
    for (const p of f.parts || []) if (f.formula?.weights && f.formula.weights[p.name] != null) p.weight = f.formula.weights[p.name];
    delete f.formula;
  }
  return f;
}

/** The form's combined format as the API takes it: the formula's kind, and its weights from the parts. */
function toApi(f) {
  const format = structuredClone(f);
  const kind = format.formulaKind || 'sum';
  delete format.formulaKind;
  format.formula = { kind };
  if (kind === 'weighted') format.formula.weights = Object.fromEntries((format.parts || []).map((p) => [p.name, p.weight ?? 1]));
  (format.parts || []).forEach((p) => delete p.weight);
  return format;
}

function tieOptions(spec, format) {
  return typeof spec.tieBreaks === 'function' ? spec.tieBreaks(format) : spec.tieBreaks;
}

function tieLabel(key, format) {
  if (key.startsWith('part:')) {
    const part = (format.parts || []).find((p) => 'part:' + p.name === key);
    return t('fmt.tb.part', { part: part?.label || key.slice(5) });
  }
  return t('fmt.tb.' + key);
}

/** The difficulty as the API takes it: absent, true, {min, max} or {table}; {invalid} names a line it cannot read. */
function readDifficulty(box) {
  const kind = box.querySelector('#fmt-difficultyKind')?.value || 'none';
  if (kind === 'none') return undefined;
  if (kind === 'any') return true;
  if (kind === 'range') {
    const min = box.querySelector('#fmt-difficultyMin')?.value.trim() ?? '';
    const max = box.querySelector('#fmt-difficultyMax')?.value.trim() ?? '';
    return { ...(min ? { min: numberOr(min) } : {}), ...(max ? { max: numberOr(max) } : {}) };
  }
  const text = box.querySelector('#fmt-difficultyTable')?.value ?? '';
  const table = {};
  for (const line of text.split(/\n/).map((l) => l.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9._-]{1,16})[\s=:,，]+(\d+(?:[.,]\d{1,4})?)$/.exec(line);
    if (!m) return { table, text, invalid: line };
    table[m[1]] = Number(m[2].replace(',', '.'));
  }
  return { table, text };
}

/** A number, or a time typed as m:ss.cc / h:mm:ss in seconds; other text is kept for the checks to name. */
function timeOr(text) {
  if (/^\d+(:[0-5]?\d){1,2}([.,]\d+)?$/.test(text)) {
    const parts = text.replace(',', '.').split(':').map(Number);
    return Math.round(parts.reduce((a, b) => a * 60 + b, 0) * 10000) / 10000;
  }
  return numberOr(text);
}

function numberOr(text) {
  const n = Number(String(text).replace(',', '.'));
  return Number.isFinite(n) ? n : text;
}

/** The format with each field's default filled in (what the server assumes for a missing field). */
function withDefaults(format) {
  const out = { ...format };
  for (const f of FORMAT_TYPES[format.type].fields) if (out[f.key] == null && f.default != null) out[f.key] = f.default;
  return out;
}

/** {format} when the form's values fit the API's ranges, else {problem: a sentence}. */
export function check(f) {
  const spec = FORMAT_TYPES[f.type];
  if (!spec) return { problem: t('fmt.err.type') };
  const format = f.type === 'combined' ? toApi(f) : { ...f };
  for (const d of spec.fields) {
    const v = format[d.key];
    if (d.kind === 'int' || d.kind === 'number') {
      if (v == null) { if (d.default != null) format[d.key] = d.default; continue; }
      if (typeof v !== 'number') return { problem: t('fmt.err.number', { field: t('fmt.' + d.key) }) };
      if (d.kind === 'int' && !Number.isInteger(v)) return { problem: t('fmt.err.whole', { field: t('fmt.' + d.key) }) };
      if ((d.min != null && v < d.min) || (d.max != null && v > d.max)) {
        return { problem: t('fmt.err.range', { field: t('fmt.' + d.key), min: d.min, max: d.max }) };
      }
    }
  }
  if (format.min != null && format.max != null && format.min >= format.max) return { problem: t('fmt.err.minMax') };
  if (String(format.aggregate).startsWith('trimmed') && format.trim * 2 >= format.judges) return { problem: t('fmt.err.trim') };
  if (!String(format.aggregate).startsWith('trimmed')) delete format.trim;
  if (format.aggregate === 'average_of_5' && format.attempts !== 5) return { problem: t('fmt.err.avg5') };
  for (const c of format.criteria || []) {
    if (!CRITERION_NAME.test(c.name)) return { problem: t('fmt.err.criterionName') };
    if (typeof c.weight !== 'number' || c.weight <= 0) return { problem: t('fmt.err.weight') };
  }
  if (format.criteria && new Set(format.criteria.map((c) => c.name)).size !== format.criteria.length) return { problem: t('fmt.err.criterionTwice') };
  if ((format.type === 'judged' || format.type === 'combined') && !(format.attempts > 1)) delete format.combine;
  if (format.difficulty && typeof format.difficulty === 'object') {
    const d = { ...format.difficulty };
    if (d.invalid) return { problem: t('fmt.err.ddLine', { line: d.invalid }) };
    if (d.table) {
      if (Object.keys(d.table).length === 0) return { problem: t('fmt.err.ddEmpty') };
      if (Object.values(d.table).some((v) => !(v > 0 && v <= 10))) return { problem: t('fmt.err.ddRange') };
      format.difficulty = { table: d.table };
    } else if ([d.min, d.max].some((v) => v != null && (typeof v !== 'number' || !(v > 0 && v <= 10)))) {
      return { problem: t('fmt.err.ddRange') };
    }
  }
  for (const key of ['cutoff', 'rounding']) {
    const v = format[key];
    if (!v) continue;
    if (Object.values(v).some((x) => typeof x !== 'number' || x <= 0)) return { problem: t('fmt.err.' + key) };
    if (key === 'cutoff' && (!Number.isInteger(v.attempts) || v.attempts >= (format.attempts ?? 1))) return { problem: t('fmt.err.cutoff') };
  }
  if (format.timeLimit != null && (typeof format.timeLimit !== 'number' || format.timeLimit <= 0)) {
    return { problem: t('fmt.err.number', { field: t('fmt.timeLimit') }) };
  }
  if (format.type === 'combined') {
    const problem = checkParts(format);
    if (problem) return { problem };
  }
  for (const p of format.teamPoints || []) if (!Number.isInteger(p) || p < 0 || p > 1000) return { problem: t('fmt.err.teamPoints') };
  for (const r of format.rounds || []) {
    if (!r.name) return { problem: t('fmt.err.roundName') };
    if (r.heatSize != null && (!Number.isInteger(r.heatSize) || r.heatSize < 0)) return { problem: t('fmt.err.heat') };
    if (r.advance) {
      const [kind, v] = Object.entries(r.advance)[0];
      if (typeof v !== 'number' || (kind !== 'threshold' && (!Number.isInteger(v) || v < 1)) || (kind === 'topPercent' && v > 100)) {
        return { problem: t('fmt.err.advance') };
      }
    }
  }
  return { format };
}

// ---------- worked examples (sample numbers; the server's scoring rules decide for real) ----------

function round(x, decimals) {
  const f = 10 ** decimals;
  return (Math.round((x + Number.EPSILON) * f) / f).toFixed(decimals);
}

function sampleMarks(n, min, max, seed = 0) {
  const span = max - min;
  const pattern = [0.91, 0.87, 0.94, 0.89, 0.9, 0.86, 0.93, 0.88, 0.92, 0.85, 0.95, 0.84, 0.96, 0.83, 0.97];
  return Array.from({ length: n }, (_, i) => min + span * pattern[(i + seed) % pattern.length]);
}

function aggregate(marks, agg, trim) {
  const sorted = [...marks].sort((a, b) => a - b);
  const kept = agg.startsWith('trimmed') ? sorted.slice(trim, sorted.length - trim) : sorted;
  const sum = kept.reduce((a, b) => a + b, 0);
  if (agg === 'median') {
    const m = sorted.length / 2;
    return { kept, value: sorted.length % 2 ? sorted[Math.floor(m)] : (sorted[m - 1] + sorted[m]) / 2 };
  }
  return { kept, value: agg === 'sum' || agg === 'trimmed_sum' ? sum : sum / kept.length };
}

function judgedExample(f) {
  const d = Math.min(f.decimals, 2);
  const criteria = f.criteria && f.criteria.length ? f.criteria : [{ name: null, weight: 1 }];
  const lines = [];
  let total = 0;
  criteria.forEach((c, i) => {
    const marks = sampleMarks(f.judges, f.min, f.max, i * 3).map((m) => Number(round(m, 1)));
    const { kept, value } = aggregate(marks, f.aggregate, f.trim || 0);
    const dropped = marks.length - kept.length;
    lines.push(t(c.name ? 'fmt.ex.criterion' : 'fmt.ex.marks', {
      name: c.name, marks: marks.map((m) => m.toFixed(1)).join(' '),
      how: t('fmt.ex.agg.' + f.aggregate, { k: f.trim || 0, n: dropped / 2 }), value: round(value, d),
      weight: c.weight,
    }));
    total += value * (c.weight ?? 1);
  });
  if (criteria.length > 1 || (criteria[0].weight ?? 1) !== 1) lines.push(t('fmt.ex.weighted', { value: round(total, d) }));
  if (f.difficulty) {
    const dd = f.difficulty.table && Object.values(f.difficulty.table).length ? Number(Object.values(f.difficulty.table)[0]) : 2;
    lines.push(t('fmt.ex.difficulty', { value: round(total, d), dd: dd.toFixed(1), result: round(total * dd, f.decimals) }));
    total *= dd;
  }
  lines.push(t('fmt.ex.result', { value: round(total, f.decimals) }));
  if (f.attempts > 1) lines.push(t('fmt.ex.judgedAttempts.' + (f.combine || 'sum'), { n: f.attempts }));
  return lines;
}

function attemptsExample(f, lowerIsBetter) {
  const base = lowerIsBetter ? 12.6 : 5.4;
  const raw = [0, 0.23, -0.11, 0.35, -0.04, 0.18, 0.4, -0.2, 0.07, 0.29].slice(0, f.attempts)
    .map((x) => (lowerIsBetter ? base + x : base - x));
  const shown = raw.map((v, i) => (i === 1 && f.attempts > 2 ? 'DNF' : round(v, f.decimals)));
  const valid = raw.filter((_, i) => shown[i] !== 'DNF');
  const better = (a, b) => (lowerIsBetter ? a - b : b - a);
  const lines = [t('fmt.ex.attempts', { list: shown.join(' · '), better: t(lowerIsBetter ? 'fmt.ex.lower' : 'fmt.ex.higher') })];
  if (f.aggregate === 'best') {
    lines.push(t('fmt.ex.best', { value: round([...valid].sort(better)[0], f.decimals) }));
  } else if (f.aggregate === 'mean') {
    lines.push(shown.includes('DNF') ? t('fmt.ex.meanDnf') : t('fmt.ex.mean', { value: round(valid.reduce((a, b) => a + b, 0) / valid.length, f.decimals) }));
  } else {
    // average of 5: drop the best and the worst (a DNF counts as the worst), mean of the middle three.
    const ordered = [...valid].sort(better);
    const middle = shown.includes('DNF') ? ordered.slice(1) : ordered.slice(1, -1);
    lines.push(t('fmt.ex.avg5', { value: round(middle.reduce((a, b) => a + b, 0) / middle.length, f.decimals) }));
  }
  return lines;
}

function headToHeadExample(f) {
  const points = 2 * f.win + f.draw + f.loss;
  return [t('fmt.ex.h2h', { win: f.win, draw: f.draw, loss: f.loss, points })];
}

function roundLine(r, i, n) {
  const adv = r.advance ? Object.entries(r.advance)[0] : null;
  return t('fmt.ex.round', {
    n: i + 1, name: r.name,
    heats: r.heatSize ? t('fmt.ex.heats', { size: r.heatSize }) : '',
    advance: adv ? t('fmt.ex.adv.' + adv[0], { v: adv[1] }) : (i < n - 1 ? t('fmt.ex.adv.all') : t('fmt.ex.final')),
  });
}
