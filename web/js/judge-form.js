// The judge tablet's mark form: the inputs the competition's format takes (one mark, criteria, a
// combined format's part, the dive code or difficulty, attempts and outcomes, a match's opponent),
// reading them into a request body after the format's checks (judge-check.js), and filling them
// back from a refused mark being fixed.
import { t } from './i18n.js';
import { el, showMessage } from './ui.js';
import { checkMark, checkDifficulty, checkAttempt, markRule } from './judge-check.js';
import { desk, $, rowFor, currentFormat, formatType, isAttempts, isMatch, criteria } from './judge-state.js';
import { startRows, usedAttempts } from './judge-list.js';

/** The inputs the competition's format takes; rebuilt when the competition changes. */
export function buildFormShape() {
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
  $('submit-score').dataset.i18n = submitKey;
  $('submit-score').textContent = t(submitKey);
}

/** The selected athlete above the form, the format's range, what is being fixed. */
export function renderForm() {
  const row = desk.selectedEntry && rowFor(desk.selectedEntry);
  const label = $('selected-entry');
  const info = row && desk.start.get(String(row.id));
  label.textContent = row ? (info?.bib != null ? t('judge.bib', { bib: info.bib }) + ' · ' : '') + row.name + (row.unit ? ' · ' + row.unit : '')
    : t('judge.selectEntry');
  label.classList.toggle('muted', !row);
  const fixing = desk.fixing && desk.outbox.get(desk.fixing);
  $('fixing').hidden = !desk.fixing;
  if (fixing) $('fixing').textContent = t('judge.fixing', { value: fixing.label });
  $('submit-score').disabled = !row;
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

// ---------- reading the form ----------

function problem(p, input) {
  showMessage($('message'), t(p.key, p.params || {}));
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    input.select?.();
  }
  return null;
}

/** {body, label} for the selected entry, or null (with the problem said) when the format refuses it. */
export function readForm(row, outcome) {
  const f = currentFormat();
  const markInput = $('mark');
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

export function clearForm() {
  for (const input of $('score-form').querySelectorAll('input')) {
    input.value = '';
    input.removeAttribute('aria-invalid');
  }
  $('opponent').value = '';
}

/** Fills the form from an item's body (fixing a refused mark). */
export function fillForm(body) {
  clearForm();
  if (body.attempt != null) $('attempt').value = body.attempt;
  if (body.value != null) $('mark').value = body.value;
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
