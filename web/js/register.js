// Register for one competition: yourself, or (a unit's contact) a team of N members.
import './i18n/registration.js';
import { initI18n, t, errorText } from './i18n.js';
import { api, newKey, getSession } from './api.js';
import { el, showMessage } from './ui.js';
import { signInBox, fmtTime } from './reg-session.js';
import { viewerRoles } from './roles.js';
import './i18n/account.js';
import './i18n/units.js';
import { divisionLabel, birthDateProblem, limitBirthInput, markInvalid } from './person-facts.js';
import { eventEnded } from './registration-open.js';
import { retryLoad } from './retry-load.js';

initI18n();

const competitionId = new URLSearchParams(location.search).get('competition');
const form = document.getElementById('register-form');
const message = document.getElementById('message');
const result = document.getElementById('result');
let competition = null;
let event = null;
let units = [];
let pendingKey = null; // kept while a submission may be retried
let pendingBody = null;

async function load() {
  if (!competitionId) {
    showMessage(message, t('sb.noCompetition'));
    return;
  }
  try {
    // While the server cannot answer: said, and tried again until it can (no reload needed).
    await retryLoad(async () => {
      competition = await api(`/competitions/${encodeURIComponent(competitionId)}`);
      event = await api(`/events/${competition.eventId}`);
    }, { what: 'register', onWait: (e) => showMessage(message, t('common.error', { message: errorText(e) })) });
    showMessage(message, '');
    renderInfo();
    if (eventEnded(event) || competition.resultsOfficial) {
      await renderEnded();
      return;
    }
    buildForm();
    signInBox(document.getElementById('session'), async () => {
      await Promise.all([useProfile(), loadUnits()]);
      renderUnits();
      form.hidden = false;
    });
  } catch (e) {
    showMessage(message, t('common.error', { message: errorText(e) }));
  }
}

/**
 * An event that is over, or a competition whose results are official, takes no registrations: the
 * page says so instead of a form nobody can send. Its organisers may still correct the record, from
 * the entries desk.
 */
let organisesEnded = false;
async function renderEnded() {
  const details = competition.resultsOfficial ? { resultsOfficial: true } : { endedOn: event.endsOn };
  showMessage(message, errorText({ code: 'REGISTRATION_CLOSED', details }), 'warn');
  if (getSession()) {
    const roles = await viewerRoles();
    organisesEnded = !!roles.admin || (roles.organiserOf || []).includes(competition.eventId);
  }
  document.getElementById('late-entry').replaceChildren(organisesEnded
    ? el('a', { href: `/entries.html?competition=${encodeURIComponent(competition.id)}`, id: 'late-entry-link' },
      t('reg.lateEntry')) : '');
  document.getElementById('late-entry').hidden = !organisesEnded;
}

let profile = {};
limitBirthInput(document.getElementById('birth-date'));

/** Gender and birth date come from the account's profile once it has them (the server uses those). */
async function useProfile() {
  const roles = await viewerRoles();
  profile = (roles.me && roles.me.profile) || {};
  renderProfileFacts();
}

/**
 * The units this person may register for: themself only for a unit they belong to (the server
 * checks the same); a team for a unit they are the contact of, or any unit when they organise.
 */
async function loadUnits() {
  const mine = ((await api('/me/units')).items || []).filter((u) => u.eventId === competition.eventId);
  const roles = await viewerRoles();
  const organises = !!roles.admin || (roles.organiserOf || []).includes(competition.eventId);
  if (competition.entryType === 'team') {
    units = organises ? (await api(`/events/${competition.eventId}/units`)).items || [] : mine.filter((u) => u.contact);
  } else {
    units = mine;
  }
}

function renderUnits() {
  const team = competition.entryType === 'team';
  const select = document.getElementById('unit');
  // Without a unit of their own a person registers for none; with several they choose.
  select.replaceChildren(...(units.length === 0 ? [el('option', { value: '' }, t('reg.unitNone'))] : []),
    ...units.map((u) => el('option', { value: u.id }, u.name)));
  select.disabled = units.length <= 1 && !team;
  const hint = document.getElementById('unit-hint');
  hint.replaceChildren(t('reg.unitOwnHint'), ' ', el('a', { href: '/units.html', id: 'join-unit-link' }, t('reg.unitJoinLink')));
  hint.hidden = team;
}

function renderProfileFacts() {
  const facts = [];
  if (profile.gender) facts.push(t(profile.gender === 'M' ? 'reg.genderM' : 'reg.genderF'));
  if (profile.birthDate) facts.push(profile.birthDate);
  document.getElementById('gender').closest('label').hidden = !!profile.gender;
  document.getElementById('birth-date').closest('label').hidden = !!profile.birthDate;
  const note = document.getElementById('profile-facts');
  note.hidden = facts.length === 0;
  note.replaceChildren(t('reg.fromProfile', { facts: facts.join(t('reg.listSep')) }), ' ',
    el('a', { href: '/account.html?mode=profile' }, t('account.profile')));
}

function renderInfo() {
  document.getElementById('comp-name').textContent = competition.name;
  const info = [event.title, t('reg.capacity', { n: competition.capacity })];
  if (competition.unitQuota) info.push(t('reg.quota', { n: competition.unitQuota }));
  if (competition.entryType === 'team') info.push(t('reg.team', { n: competition.teamSize }));
  if (event.registrationOpensAt || event.registrationClosesAt) {
    info.push(t('reg.window', {
      from: event.registrationOpensAt ? fmtTime(event.registrationOpensAt) : t('reg.windowOpen'),
      to: event.registrationClosesAt ? fmtTime(event.registrationClosesAt) : t('reg.windowOpen'),
    }));
  }
  document.getElementById('comp-info').textContent = info.join(' · ');
}

function buildForm() {
  const team = competition.entryType === 'team';
  document.getElementById('self-fields').hidden = team;
  document.getElementById('team-fields').hidden = !team;
  const division = document.getElementById('division');
  const divisions = competition.divisions || [];
  document.getElementById('division-field').hidden = divisions.length === 0;
  division.replaceChildren(el('option', { value: '' }, t('reg.divisionAuto')),
    ...divisions.map((d) => el('option', { value: d.code }, divisionLabel(d))));
  if (getSession()) renderUnits();
  if (team) {
    // Column titles: on a phone the gender picker is too narrow to show its "(not given)".
    const rows = [el('div', { class: 'member member-head', 'aria-hidden': 'true' },
      el('span', {}, t('reg.memberName')), el('span', {}, t('reg.gender')), el('span', {}, t('reg.birthDate')))];
    for (let i = 1; i <= competition.teamSize; i += 1) {
      rows.push(el('div', { class: 'member', dataset: { member: i } },
        el('input', { class: 'member-name', placeholder: t('reg.member', { n: i }), 'aria-label': t('reg.member', { n: i }) }),
        el('select', { class: 'member-gender', 'aria-label': t('reg.gender') },
          el('option', { value: '' }, t('reg.genderNone')), el('option', { value: 'M' }, t('reg.genderM')),
          el('option', { value: 'F' }, t('reg.genderF'))),
        limitBirthInput(el('input', { class: 'member-birth', type: 'date', 'aria-label': t('reg.birthDate') }))));
    }
    document.getElementById('members').replaceChildren(...rows);
  }
}

function body() {
  const b = {};
  const division = document.getElementById('division').value;
  const unit = document.getElementById('unit').value;
  if (division) b.division = division;
  if (unit) b.unitId = Number(unit);
  if (competition.entryType === 'team') {
    const teamName = document.getElementById('team-name').value.trim();
    if (teamName) b.teamName = teamName;
    b.members = [...document.querySelectorAll('#members .member:not(.member-head)')].map((row) => {
      const m = { displayName: row.querySelector('.member-name').value.trim() };
      const g = row.querySelector('.member-gender').value;
      const d = row.querySelector('.member-birth').value;
      if (g) m.gender = g;
      if (d) m.birthDate = d;
      return m;
    });
  } else {
    const g = document.getElementById('gender').value;
    const d = document.getElementById('birth-date').value;
    // The profile's facts are sent as they are (the server refuses any other value for oneself).
    if (profile.gender || g) b.gender = profile.gender || g;
    if (profile.birthDate || d) b.birthDate = profile.birthDate || d;
  }
  return b;
}

/** The first birth date on the form the server would refuse: [input, sentence], or null. */
function birthProblem() {
  for (const input of form.querySelectorAll('input[type=date]')) {
    if (input.closest('[hidden]')) continue;
    const problem = birthDateProblem(input.value);
    if (problem) return [input, problem];
  }
  return null;
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const bad = birthProblem();
  if (bad) {
    showMessage(message, bad[1]);
    markInvalid(bad[0]);
    return;
  }
  const b = body();
  const encoded = JSON.stringify(b);
  // A retry of the same request keeps its key, so a lost answer never registers twice.
  if (pendingBody !== encoded) {
    pendingKey = newKey();
    pendingBody = encoded;
  }
  showMessage(message, '');
  result.hidden = true;
  const button = document.getElementById('register-button');
  button.disabled = true;
  try {
    const entry = await api(`/competitions/${competition.id}/entries`, {
      method: 'POST', body: b, headers: { 'Idempotency-Key': pendingKey },
    });
    pendingBody = null;
    result.dataset.kind = entry.status === 'WAITLISTED' ? 'warn' : 'ok';
    result.dataset.status = entry.status;
    result.textContent = entry.status === 'WAITLISTED'
      ? t('reg.waitlisted', { name: entry.displayName, n: entry.waitlistPosition })
      : t('reg.confirmed', { name: entry.displayName });
    result.hidden = false;
  } catch (e) {
    if (!e.retryable) pendingBody = null;
    showMessage(message, errorText(e));
  } finally {
    button.disabled = false;
  }
});

window.addEventListener('langchange', () => {
  if (!competition) return;
  renderInfo();
  if (eventEnded(event)) {
    renderEnded();
    return;
  }
  buildForm();
  renderProfileFacts();
});
load();
