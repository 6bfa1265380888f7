// My units (/units.html[?code=CODE]): a participant joins their unit with the join code or link its
// contact hands out; a unit's contact sees the members, adds people by email, makes and revokes
// join codes. Registering oneself uses these memberships (the server refuses any other unit).
import './i18n/units.js';
import './i18n/registration.js';
import { initI18n, t, errorText, formatTime } from './i18n.js';
import { api } from './api.js';
import { el, showMessage } from './ui.js';
import { signInBox } from './reg-session.js';
import { confirmAction } from './confirm.js';

initI18n();

const $ = (id) => document.getElementById(id);
const message = $('message');
const box = $('units');
let units = null;
const details = new Map(); // unitId -> {members, codes}
const fresh = new Map(); // unitId -> the code just made (shown once)

// ?event=ID: an organiser manages every unit of their event here (the server checks they organise it).
const eventParam = new URLSearchParams(location.search).get('event');
const eventId = /^\d+$/.test(eventParam || '') ? Number(eventParam) : null;

const codeFromLink = (new URLSearchParams(location.search).get('code') || '').trim();
$('join-code').value = codeFromLink;

signInBox($('session'), async () => {
  $('join-form').hidden = false;
  await load();
  if (codeFromLink) $('join-button').focus();
});

/** The units shown: the caller's own, or (organisers, ?event=ID) all of the event's, managed as a contact would. */
async function unitList() {
  if (!eventId) return (await api('/me/units')).items || [];
  const [event, all, mine] = await Promise.all([api(`/events/${eventId}`), api(`/events/${eventId}/units`), api('/me/units')]);
  const own = new Map((mine.items || []).map((u) => [u.id, u]));
  return (all.items || []).map((u) => ({ id: u.id, eventId, event: event.title, name: u.name, contact: true,
    member: !!(own.get(u.id) && own.get(u.id).member) }));
}

async function load() {
  try {
    units = await unitList();
    await Promise.all(units.filter((u) => u.contact).map(loadDetails));
    render();
  } catch (e) {
    showMessage(message, errorText(e));
  }
}

async function loadDetails(u) {
  const [members, codes] = await Promise.all([api(`/units/${u.id}/members`), api(`/units/${u.id}/join-codes`)]);
  details.set(u.id, { members: members.items || [], codes: codes.items || [] });
}

$('join-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  showMessage(message, '');
  showMessage($('join-result'), '', 'ok');
  const code = $('join-code').value.trim();
  if (!code) {
    showMessage(message, t('units.required', { field: t('units.joinCode') }));
    $('join-code').focus();
    return;
  }
  const button = $('join-button');
  button.disabled = true;
  try {
    const r = await api('/unit-joins', { method: 'POST', body: { code } });
    showMessage($('join-result'), t(r.alreadyMember ? 'units.alreadyMember' : 'units.joined',
      { unit: r.unit.name, event: r.unit.event }), 'ok');
    $('join-code').value = '';
    if (codeFromLink) history.replaceState(null, '', location.pathname);
    await load();
  } catch (e) {
    showMessage(message, errorText(e));
  } finally {
    button.disabled = false;
  }
});

function render() {
  if (!units) return;
  if (units.length === 0) {
    box.replaceChildren(el('p', { class: 'muted', id: 'empty' }, t('units.empty')));
    return;
  }
  box.replaceChildren(...units.map(card));
}

function card(u) {
  const lines = [el('h2', { class: 'unit-name' }, u.name),
    el('p', { class: 'muted' }, u.event, ' · ', el('a', { href: `/event.html?event=${u.eventId}`, class: 'event-link' }, t('units.eventLink')))];
  const roles = [];
  if (u.member) roles.push(t('units.isMember'));
  if (u.contact) roles.push(t('units.isContact'));
  lines.push(el('p', { class: 'unit-roles' }, roles.join(' · ')));
  if (u.contact && details.has(u.id)) lines.push(...contactTools(u, details.get(u.id)));
  return el('section', { class: 'card unit-card', id: `unit-${u.id}`, dataset: { unitId: u.id } }, ...lines);
}

/** What the unit's contact manages: members, adding by email, join codes. */
function contactTools(u, d) {
  const out = [el('h3', {}, t('units.members', { n: d.members.length }))];
  out.push(d.members.length === 0 ? el('p', { class: 'muted no-members' }, t('units.noMembers'))
    : el('ul', { class: 'members' }, ...d.members.map((m) => el('li', { class: 'item-line member', dataset: { userId: m.userId } },
      el('span', {}, el('strong', { class: 'member-name' }, m.displayName), ' ',
        el('span', { class: 'muted' }, m.via === 'code' ? t('units.viaCode') : t('units.addedBy', { name: m.addedByName || '' }))),
      el('button', { type: 'button', class: 'secondary small remove-member', onclick: (ev) => removeMember(u, m, ev.target) },
        t('units.remove'))))));
  const email = el('input', { type: 'email', class: 'member-email', autocomplete: 'off', maxlength: 254, 'aria-label': t('units.addEmail') });
  const add = el('form', { class: 'bar add-member', novalidate: true },
    el('label', {}, el('span', {}, t('units.addEmail')), email),
    el('button', { type: 'submit', class: 'secondary' }, t('units.add')));
  add.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!email.value.trim()) {
      showMessage(message, t('units.required', { field: t('reg.email') }));
      email.focus();
      return;
    }
    act(ev.submitter || add.querySelector('button'), () => api(`/units/${u.id}/members`, { method: 'POST', body: { email: email.value.trim() } }), u);
  });
  out.push(add);
  out.push(el('h3', {}, t('units.codes')));
  const made = fresh.get(u.id);
  if (made) {
    const link = location.origin + made.url;
    out.push(el('div', { class: 'new-code message', dataset: { kind: 'ok' } },
      el('p', {}, t('units.newCode'), ' ', el('strong', { class: 'code big-code' }, made.code)),
      el('p', {}, t('units.link'), ' ', el('a', { href: made.url, class: 'join-link' }, link)),
      el('p', {}, el('button', { type: 'button', class: 'secondary small copy-link', onclick: async (ev) => {
        try {
          await navigator.clipboard.writeText(link);
          ev.target.textContent = t('units.copied');
        } catch { /* the link is on screen to copy by hand */ }
      } }, t('units.copy'))),
      el('p', { class: 'muted' }, t('units.newCodeNote'))));
  }
  out.push(d.codes.length === 0 ? el('p', { class: 'muted' }, t('units.noCodes'))
    : el('ul', { class: 'codes' }, ...d.codes.map((c) => el('li', { class: 'item-line join-code', dataset: { codeId: c.id, status: c.status } },
      el('span', {}, t('units.codeLine', { hint: c.hint, time: formatTime(c.createdAt), name: c.createdByName || '', uses: c.uses }),
        c.status === 'revoked' ? el('span', { class: 'muted' }, ' · ', t('units.revoked')) : null),
      c.status === 'active' ? el('button', { type: 'button', class: 'secondary small revoke-code', onclick: (ev) => revoke(u, c, ev.target) },
        t('units.revoke')) : null))));
  out.push(el('button', { type: 'button', class: 'make-code', onclick: (ev) => act(ev.target, async () => {
    fresh.set(u.id, await api(`/units/${u.id}/join-codes`, { method: 'POST' }));
  }, u) }, t('units.makeCode')));
  return out;
}

async function removeMember(u, m, button) {
  if (!(await confirmAction({ title: t('units.removeTitle', { name: m.displayName, unit: u.name }),
    text: t('units.removeText', { name: m.displayName }), action: t('units.remove') }))) return;
  act(button, () => api(`/units/${u.id}/members/${m.userId}`, { method: 'DELETE' }), u);
}

async function revoke(u, c, button) {
  if (!(await confirmAction({ title: t('units.revokeTitle', { hint: c.hint }), text: t('units.revokeText'), action: t('units.revoke') }))) return;
  act(button, () => api(`/units/${u.id}/join-codes/${c.id}`, { method: 'DELETE' }), u);
}

/** Runs a change of unit u, then shows the unit as the server now has it. */
async function act(button, change, u) {
  showMessage(message, '');
  button.disabled = true;
  try {
    await change();
    await loadDetails(u);
    units = await unitList();
    render();
  } catch (e) {
    showMessage(message, errorText(e));
    button.disabled = false;
  }
}

window.addEventListener('langchange', render);
