// The organiser console (/organise.html?event=ID): create and edit events, units and
// competitions (organise-competitions.js, with the format form), co-organisers and judges
// (organise-people.js), and links to every organiser page of the event.
import './i18n/organise.js';
import './i18n/account.js';
import './i18n/announce.js';
import { initI18n, t, errorText, formatTime, getLang } from './i18n.js';
import { api, getSession } from './api.js';
import { el, showMessage } from './ui.js';
import { viewerRoles, forgetRoles } from './roles.js';
import { accountUrl } from './header.js';
import { competitionsPanel } from './organise-competitions.js';
import { peoplePanel } from './organise-people.js';
import { download } from './reg-session.js';

initI18n();

const $ = (id) => document.getElementById(id);
const message = $('message');
let events = [];
let event = null; // the chosen event, or null while creating one
let units = [];
let editingUnit = null;
let competitions = null;
let people = null;

/** Shows a sentence for a refusal or a success at the top (screen readers hear it: role=alert). */
function say(text, kind = 'error') {
  showMessage(message, text, kind);
  if (text) message.scrollIntoView({ block: 'nearest' });
}

/** Runs work with button disabled; a refusal is said in the page's language. */
async function busy(button, work) {
  button.disabled = true;
  say('');
  try {
    return await work();
  } catch (e) {
    say(errorText(e));
    return undefined;
  } finally {
    button.disabled = false;
  }
}

async function start() {
  const roles = await viewerRoles();
  if (!roles.organiser) {
    $('gate').hidden = false;
    $('gate-text').textContent = roles.signedIn ? t('org.notOrganiser', { role: t('role.' + roles.role) }) : t('org.signInAs');
    $('gate-signin').href = accountUrl('signin');
    $('gate-signup').href = accountUrl('signup');
    $('gate-signin').hidden = roles.signedIn;
    return;
  }
  $('admin').hidden = !roles.admin;
  competitions = competitionsPanel($('competitions'), { say, busy, units: () => units });
  people = peoplePanel($('people'), { say, busy });
  // Shown once filled: typing into a form that is still loading would be wiped by its filling.
  try {
    await loadEvents(new URLSearchParams(location.search).get('event'));
  } finally {
    $('console').hidden = false;
  }
}

async function loadEvents(wanted) {
  try {
    // The events this account organises (all of them for an admin), as GET /me says.
    const roles = await viewerRoles();
    events = ((await api('/events')).items || []).filter((e) => roles.admin || roles.organiserOf.includes(e.id));
  } catch (e) {
    say(errorText(e));
    return;
  }
  const select = $('event-select');
  select.replaceChildren(...(events.length ? events.map((e) => el('option', { value: e.id }, `${e.title} (${e.startsOn})`))
    : [el('option', { value: '' }, t('org.noEvents'))]));
  select.disabled = events.length === 0;
  const chosen = events.find((e) => String(e.id) === String(wanted)) || (wanted === 'new' ? null : events[0]);
  await choose(chosen || null);
}

async function choose(next) {
  event = next;
  const url = new URL(location.href);
  url.searchParams.set('event', event ? event.id : 'new');
  history.replaceState(null, '', url);
  if (event) $('event-select').value = event.id;
  fillEventForm();
  $('event-parts').hidden = !event;
  if (!event) return;
  renderLinks();
  await Promise.all([loadUnits(), competitions.show(event), people.show(event)]);
}

// ---------- the event ----------

/** A datetime-local value as ISO-8601 with this device's offset (the API wants an offset). */
function isoWithOffset(local) {
  if (!local) return null;
  const d = new Date(local);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${local.length === 16 ? local + ':00' : local}${sign}${pad(off / 60)}:${pad(off % 60)}`;
}

/** An ISO time as a datetime-local value in this device's time zone. */
function localValue(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

function fillEventForm() {
  $('event-form-title').textContent = event ? t('org.event') : t('org.newEvent');
  $('ev-title').value = event ? event.title : '';
  $('ev-starts').value = event ? event.startsOn : '';
  $('ev-ends').value = event ? event.endsOn || '' : '';
  $('ev-venue').value = event ? event.venue || '' : '';
  $('ev-public').checked = event ? !!event.public : true;
  $('ev-opens').value = event ? localValue(event.registrationOpensAt) : '';
  $('ev-closes').value = event ? localValue(event.registrationClosesAt) : '';
  $('ev-save').textContent = event ? t('org.save') : t('org.create');
}

function eventProblem() {
  if (!$('ev-title').value.trim()) return [$('ev-title'), t('org.err.required', { field: t('org.eventTitle') })];
  if (!$('ev-starts').value) return [$('ev-starts'), t('org.err.required', { field: t('org.startsOn') })];
  if ($('ev-ends').value && $('ev-ends').value < $('ev-starts').value) return [$('ev-ends'), t('org.err.dates')];
  if ($('ev-opens').value && $('ev-closes').value && $('ev-closes').value <= $('ev-opens').value) return [$('ev-closes'), t('org.err.window')];
  return null;
}

/** Marks the field that is wrong and says why; true when there was a problem. */
function refuse(problem) {
  if (!problem) return false;
  const [input, text] = problem;
  input.setAttribute('aria-invalid', 'true');
  input.addEventListener('input', () => input.removeAttribute('aria-invalid'), { once: true });
  say(text);
  input.focus();
  return true;
}

$('event-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  if (refuse(eventProblem())) return;
  const body = {
    title: $('ev-title').value.trim(), startsOn: $('ev-starts').value, public: $('ev-public').checked,
  };
  if ($('ev-ends').value) body.endsOn = $('ev-ends').value;
  const venue = $('ev-venue').value.trim();
  const opens = isoWithOffset($('ev-opens').value);
  const closes = isoWithOffset($('ev-closes').value);
  if (event) {
    body.venue = venue || null;
    body.registrationOpensAt = opens;
    body.registrationClosesAt = closes;
  } else {
    if (venue) body.venue = venue;
    if (opens) body.registrationOpensAt = opens;
    if (closes) body.registrationClosesAt = closes;
  }
  const creating = !event;
  busy($('ev-save'), async () => {
    const saved = event
      ? await api(`/events/${event.id}`, { method: 'PATCH', body })
      : await api('/events', { method: 'POST', body });
    if (creating) forgetRoles();
    await loadEvents(saved.id);
    say(creating ? t('org.created', { name: saved.title }) : t('org.saved'), 'ok');
  });
});

$('event-select').addEventListener('change', () => choose(events.find((e) => String(e.id) === $('event-select').value)));
$('new-event').addEventListener('click', () => { choose(null); $('ev-title').focus(); });

function renderLinks() {
  const id = encodeURIComponent(event.id);
  $('event-links').replaceChildren(...[
    ['event', `/event.html?event=${id}`], ['display', `/display.html?event=${id}`], ['screens', `/display-console.html?event=${id}`], ['announce', `/announce.html?event=${id}`],
    ['import', `/import.html?event=${id}`], ['mixer', `/mixer-admin.html?event=${id}`],
  ].map(([k, href]) => el('a', { class: 'button secondary small', href, dataset: { link: k } }, t('org.link.' + k))));
}

// ---------- units ----------

async function loadUnits() {
  try {
    units = (await api(`/events/${event.id}/units`)).items || [];
  } catch (e) {
    say(errorText(e));
  }
  renderUnits();
}

function renderUnits() {
  $('unit-list').replaceChildren(...(units.length === 0 ? [el('li', { class: 'muted' }, t('org.noUnits'))]
    : units.map((u) => el('li', { class: 'item-line', dataset: { unitId: u.id } },
      el('span', {}, el('strong', { class: 'unit-name' }, u.name),
        u.contact ? el('span', { class: 'muted' }, ' · ', t('org.unitContactIs', { contact: u.contact })) : null,
        u.contactUserId ? el('span', { class: 'muted unit-account' }, ' · ', t('org.unitAccountIs', { name: u.contactName || '' })) : null),
      el('span', { class: 'actions' },
        // The unit's badges for every competition of the event, one PDF to hand its team leader.
        el('button', { type: 'button', class: 'secondary small unit-badges', onclick: (ev) => unitBadges(u, ev.target) }, t('org.unitBadges')),
        // Who belongs to the unit (what self-registration uses) and its join codes.
        el('a', { class: 'button secondary small unit-members', href: `/units.html?event=${event.id}#unit-${u.id}` }, t('org.unitMembers')),
        el('button', { type: 'button', class: 'secondary small', onclick: () => editUnit(u) }, t('org.edit')))))));
  $('unit-save').textContent = editingUnit ? t('org.save') : t('org.addUnit');
  $('unit-cancel').hidden = !editingUnit;
}

function unitBadges(u, button) {
  busy(button, () => download(`/events/${event.id}/badges?unitId=${u.id}&lang=${getLang()}`, `badges-${u.name}.pdf`));
}

function editUnit(u) {
  editingUnit = u;
  $('unit-name').value = u ? u.name : '';
  $('unit-contact').value = u ? u.contact || '' : '';
  $('unit-email').value = '';
  renderUnits();
  if (u) $('unit-name').focus();
}

$('unit-cancel').addEventListener('click', () => editUnit(null));

$('unit-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const name = $('unit-name').value.trim();
  if (refuse(name ? null : [$('unit-name'), t('org.err.required', { field: t('org.unitName') })])) return;
  const body = { name };
  const contact = $('unit-contact').value.trim();
  const email = $('unit-email').value.trim();
  if (contact || editingUnit) body.contact = contact || null;
  if (email) body.contactEmail = email;
  busy($('unit-save'), async () => {
    if (editingUnit) await api(`/units/${editingUnit.id}`, { method: 'PATCH', body });
    else await api(`/events/${event.id}/units`, { method: 'POST', body });
    // Someone already typing the next unit keeps what they typed.
    if ($('unit-name').value.trim() === name) editUnit(null);
    else editingUnit = null;
    await loadUnits();
    competitions.unitsChanged();
    say(t('org.saved'), 'ok');
  });
});

// ---------- forgotten passwords (admins) ----------

$('reset-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const email = $('reset-email').value.trim();
  if (refuse(email ? null : [$('reset-email'), t('org.err.required', { field: t('acc.email') })])) return;
  busy($('reset-create'), async () => {
    const r = await api('/admin/password-resets', { method: 'POST', body: { email } });
    $('reset-result').hidden = false;
    $('reset-result').textContent = t('org.resetCode', { email: r.email, code: r.code, time: formatTime(r.expiresAt) });
  });
});

// ---------- signing an account out everywhere (admins) ----------

$('signout-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const email = $('signout-email').value.trim();
  if (refuse(email ? null : [$('signout-email'), t('org.err.required', { field: t('acc.email') })])) return;
  busy($('signout-go'), async () => {
    const r = await api('/admin/sign-outs', { method: 'POST', body: { email } });
    $('signout-result').hidden = false;
    $('signout-result').textContent = t('org.signedOut', { email: r.email, n: r.sessionsEnded });
  });
});

window.addEventListener('langchange', () => {
  if (!event && $('console').hidden) return;
  fillEventForm();
  renderUnits();
  if (event) renderLinks();
});
window.addEventListener('sessionchange', () => { if (!getSession()) location.reload(); });

start();
