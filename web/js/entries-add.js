// The door's "enter one athlete" form (entries.html): an organiser registers a walk-in by name.
// Two different people of one name (王芳) are told apart by birth date or unit; when the server
// cannot (POSSIBLE_DUPLICATE), the form asks whether this is another person and sends again.
import './i18n/registration.js';
import { t, errorText } from './i18n.js';
import { api, newKey } from './api.js';
import { el, showMessage } from './ui.js';
import { divisionLabel, birthDateProblem, limitBirthInput, markInvalid } from './person-facts.js';

const $ = (id) => document.getElementById(id);
const competitionId = new URLSearchParams(location.search).get('competition');
const message = $('add-message');
let competition = null;
let pending = null; // {key, body}: a retry of the same request keeps its Idempotency-Key

limitBirthInput($('add-birth'));

async function load() {
  if (!competitionId || !/^\d+$/.test(competitionId)) return;
  try {
    competition = await api(`/competitions/${competitionId}`);
    const units = (await api(`/events/${competition.eventId}/units`)).items || [];
    $('add-unit').replaceChildren(el('option', { value: '' }, t('reg.unitNone')), ...units.map((u) => el('option', { value: u.id }, u.name)));
    const divisions = competition.divisions || [];
    $('add-division-field').hidden = divisions.length === 0;
    $('add-division').replaceChildren(el('option', { value: '' }, t('reg.divisionAuto')),
      ...divisions.map((d) => el('option', { value: d.code }, divisionLabel(d))));
    // Teams are registered on the registration page; this form enters one person.
    $('add-entry').hidden = competition.entryType === 'team';
  } catch { /* the entry list says what went wrong */ }
}

function body() {
  const b = { displayName: $('add-name').value.trim() };
  if ($('add-gender').value) b.gender = $('add-gender').value;
  if ($('add-birth').value) b.birthDate = $('add-birth').value;
  if ($('add-unit').value) b.unitId = Number($('add-unit').value);
  if ($('add-division').value) b.division = $('add-division').value;
  if ($('add-another').checked) b.anotherPerson = true;
  return b;
}

$('add-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const b = body();
  if (!b.displayName) {
    showMessage(message, t('add.nameRequired'));
    $('add-name').focus();
    return;
  }
  const birthProblem = birthDateProblem($('add-birth').value);
  if (birthProblem) {
    showMessage(message, birthProblem);
    markInvalid($('add-birth'));
    return;
  }
  const encoded = JSON.stringify(b);
  if (!pending || pending.body !== encoded) pending = { key: newKey(), body: encoded };
  $('add-submit').disabled = true;
  try {
    const entry = await api(`/competitions/${competition.id}/entries`, { method: 'POST', body: b, headers: { 'Idempotency-Key': pending.key } });
    pending = null;
    showMessage(message, entry.status === 'WAITLISTED' ? t('reg.waitlisted', { name: entry.displayName, n: entry.waitlistPosition })
      : t('reg.confirmed', { name: entry.displayName }), entry.status === 'WAITLISTED' ? 'warn' : 'ok');
    for (const id of ['add-name', 'add-birth']) $(id).value = '';
    $('add-another').checked = false;
    $('add-another-field').hidden = true;
  } catch (e) {
    if (!e.retryable) pending = null;
    // Same name, same unit, birth dates that cannot tell them apart: ask, do not guess.
    if (e.code === 'POSSIBLE_DUPLICATE') $('add-another-field').hidden = false;
    showMessage(message, errorText(e));
  } finally {
    $('add-submit').disabled = false;
  }
});

window.addEventListener('langchange', load);
load();
