// Facts about a person as the forms show and check them, the same on every page: a division with
// its limits ("女子青年组（女，18-35 岁）") and the one birth-date rule (not in the future, not more
// than 120 years ago: gala.platform.BirthDates), checked before sending; the server checks again.
import './i18n/registration.js';
import './i18n/account.js';
import { t } from './i18n.js';

/** A division with its limits, so nobody picks one they cannot enter. */
export function divisionLabel(d) {
  const limits = [];
  if (d.gender) limits.push(t(d.gender === 'M' ? 'reg.genderM' : 'reg.genderF'));
  if (d.minAge != null && d.maxAge != null) limits.push(t('reg.ageRange', { min: d.minAge, max: d.maxAge }));
  else if (d.minAge != null) limits.push(t('reg.ageMin', { min: d.minAge }));
  else if (d.maxAge != null) limits.push(t('reg.ageMax', { max: d.maxAge }));
  const name = d.name || d.code;
  return limits.length ? t('reg.divisionWithLimits', { name, limits: limits.join(t('reg.listSep')) }) : name;
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const oldest = () => `${new Date().getFullYear() - 120}${today().slice(4)}`;

/** The sentence for a birth date the server would refuse, or null (an empty value is no problem here). */
export function birthDateProblem(value) {
  const v = (value || '').trim();
  if (!v) return null;
  if (v > today()) return t('acc.birthFuture');
  if (v < oldest()) return t('acc.birthTooOld');
  return null;
}

/** Sets min/max on date inputs so the date picker offers only dates the rule allows. */
export function limitBirthInput(input) {
  input.max = today();
  input.min = oldest();
  return input;
}

/** Marks the input as wrong until it changes, and focuses it. */
export function markInvalid(input) {
  input.setAttribute('aria-invalid', 'true');
  input.addEventListener('input', () => input.removeAttribute('aria-invalid'), { once: true });
  input.focus();
}
