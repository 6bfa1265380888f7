// The organiser's announcement page (/announce.html?event=ID): compose and broadcast (once per
// Idempotency-Key, reused on retry), and see every announcement with its state and how many
// connected screens received it.
import './i18n/announce.js';
import { initI18n, t, errorText } from './i18n.js';
import { api, getSession, login, newKey } from './api.js';
import { el, showMessage } from './ui.js';
import { organisesOrSay, sayInstead } from './organisers-only.js';

initI18n();

const eventId = new URLSearchParams(location.search).get('event');
const message = document.getElementById('message');
const loginForm = document.getElementById('login');
const compose = document.getElementById('compose');
const list = document.getElementById('sent-list');
let pendingKey = null; // kept until the server answered, so a retry cannot send twice


function isoOrNull(value) {
  return value ? new Date(value).toISOString() : undefined;
}

async function refresh() {
  try {
    const r = await api(`/events/${eventId}/announcements`);
    list.hidden = false;
    list.replaceChildren(...r.items.map((a) => el('li', { dataset: { announcementId: a.id, state: a.state || 'sent' } },
      el('div', { class: 'ann-text' }, a.text),
      el('div', { class: 'muted' }, [t('ann.priority.' + a.priority), t('ann.audience.' + a.audience),
        a.state ? t('ann.state.' + a.state) : null,
        a.delivered != null ? t('ann.delivered', { n: a.delivered }) : null].filter(Boolean).join(' · ')))));
  } catch (e) {
    showMessage(message, t('common.error', { message: errorText(e) }));
  }
}

async function showCompose() {
  loginForm.hidden = true;
  if (!(await organisesOrSay(eventId))) return;
  compose.hidden = false;
  try {
    const comps = (await api(`/events/${eventId}/competitions`)).items || [];
    compose.competitionId.replaceChildren(...comps.map((c) => el('option', { value: c.id }, c.name)));
  } catch { /* the competition audience just has no choices */ }
  refresh();
  setInterval(refresh, 3000);
}

compose.audience.addEventListener('change', () => {
  document.getElementById('competition-field').hidden = compose.audience.value !== 'competition';
});

compose.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = compose;
  const body = { text: f.text.value, audience: f.audience.value, priority: f.priority.value, pinned: f.pinned.checked };
  if (body.audience === 'competition') body.competitionId = Number(f.competitionId.value);
  if (f.sendAt.value) body.sendAt = isoOrNull(f.sendAt.value);
  if (f.expiresAt.value) body.expiresAt = isoOrNull(f.expiresAt.value);
  pendingKey = pendingKey || newKey();
  try {
    const r = await api(`/events/${eventId}/announcements`, { method: 'POST', body, headers: { 'Idempotency-Key': pendingKey } });
    pendingKey = null;
    f.text.value = '';
    showMessage(message, t(r.state === 'scheduled' ? 'ann.scheduled' : 'ann.sent'), 'ok');
    refresh();
  } catch (e) {
    if (!e.retryable) pendingKey = null;
    showMessage(message, errorText(e));
  }
});

loginForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    await login(loginForm.email.value, loginForm.password.value);
    showCompose();
  } catch (e) {
    showMessage(message, errorText(e));
  }
});

if (!eventId || !/^\d+$/.test(eventId)) {
  sayInstead(() => t('gate.noEvent'), [{ href: '/organise.html', label: () => t('gate.console') }]);
} else if (getSession()) {
  showCompose();
} else {
  showMessage(message, t('ann.signIn'), 'warn');
  loginForm.hidden = false;
}
