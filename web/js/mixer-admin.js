// The organiser's mixer page: create a mixer for an event, check people in at the door, start
// rounds and watch the round clock (topic mixer:<id>, ended by the server's clock), and the
// aggregate numbers. Nothing here shows who liked whom: the server never sends it.
import './i18n/mixer.js';
import { initI18n, t, errorText } from './i18n.js';
import { api, getSession, login, logout, freshToken, newKey } from './api.js';
import { LiveClient } from './live.js';
import { el, bindLiveState, showMessage } from './ui.js';
import { clockText } from './mixer-common.js';

initI18n();

const $ = (id) => document.getElementById(id);
const message = $('message');
const live = new LiveClient();
bindLiveState($('live-state'), live);
const params = new URLSearchParams(location.search);

let mixer = null; // live topic data of the selected mixer
let mixerId = params.get('mixer');
let topic = null;
let offset = 0;

async function showForSession() {
  const session = getSession();
  $('signin').hidden = !!session;
  $('desk').hidden = !session;
  $('live-state').hidden = !session;
  if (!session) return;
  $('whoami').textContent = session.user?.displayName || session.user?.email || '';
  live.auth(await freshToken());
  live.connect();
  if (mixerId) {
    try {
      const m = await api('/mixers/' + mixerId);
      params.set('event', m.eventId);
    } catch (e) {
      showMessage(message, errorText(e));
    }
  }
  await loadEvents();
}

async function loadEvents() {
  const events = (await api('/events')).items || [];
  const select = $('event');
  select.replaceChildren(el('option', { value: '' }, t('mixer.pickEvent')),
    ...events.map((e) => el('option', { value: e.id }, e.title)));
  const wanted = params.get('event') || (events.length === 1 ? String(events[0].id) : '');
  select.value = wanted;
  await loadMixers();
}

async function loadMixers() {
  const eventId = $('event').value;
  const select = $('mixer');
  $('create-card').hidden = !eventId;
  if (!eventId) {
    select.replaceChildren();
    selectMixer(null);
    return;
  }
  const mixers = (await api(`/events/${eventId}/mixers`)).items || [];
  select.replaceChildren(el('option', { value: '' }, t('mixer.pickMixer')),
    ...mixers.map((m) => el('option', { value: m.id }, m.title)));
  select.value = mixers.some((m) => String(m.id) === String(mixerId)) ? String(mixerId) : '';
  selectMixer(select.value || null);
}

function selectMixer(id) {
  if (topic) live.unsubscribe(topic);
  topic = null;
  mixer = null;
  mixerId = id;
  $('run').hidden = !id;
  if (!id) return;
  const url = new URL(location.href);
  url.searchParams.set('mixer', id);
  history.replaceState(history.state, '', url);
  $('phone-link').textContent = new URL('/mixer.html?mixer=' + id, location.href).href;
  api('/mixers/' + id).then((m) => { offset = Date.parse(m.serverTime) - Date.now(); }).catch(() => {});
  topic = 'mixer:' + id;
  live.subscribe(topic, (data) => {
    mixer = data;
    renderClock();
    loadParticipants();
    loadStats();
  });
}

function renderClock() {
  const c = $('clock');
  c.textContent = clockText(mixer, offset);
  c.dataset.round = mixer ? mixer.round : '';
  c.dataset.open = mixer && mixer.roundOpen ? 'true' : 'false';
  $('start-round').disabled = !mixer || mixer.roundOpen || mixer.round >= mixer.rounds;
}

async function loadParticipants() {
  if (!mixerId) return;
  try {
    const items = (await api(`/mixers/${mixerId}/participants`)).items;
    const checked = items.filter((p) => p.checkedIn).length;
    $('participants-title').textContent = t('mixer.participants', { checkedIn: checked, joined: items.length });
    $('participants').replaceChildren(...items.map((p) => el('li', {
      class: 'entry', dataset: { userId: p.userId, checkedIn: p.checkedIn } },
    el('span', { class: 'entry-name' }, p.displayName, p.minor ? el('small', { class: 'muted' }, ' · ' + t('mixer.minor')) : null),
    el('button', { type: 'button', class: p.checkedIn ? 'secondary small' : 'small',
      onclick: () => checkIn(p.userId, !p.checkedIn) }, t(p.checkedIn ? 'mixer.checkOutButton' : 'mixer.checkInButton')))));
  } catch (e) {
    showMessage(message, errorText(e));
  }
}

async function checkIn(userId, present) {
  try {
    await api(`/mixers/${mixerId}/checkins`, { method: 'POST', body: { userId, present },
      headers: { 'Idempotency-Key': newKey() } });
    loadParticipants();
  } catch (e) {
    showMessage(message, errorText(e));
  }
}

async function loadStats() {
  if (!mixerId) return;
  try {
    const s = await api(`/mixers/${mixerId}/stats`);
    $('stats').replaceChildren(
      el('li', { id: 'stat-meetings' }, t('mixer.stats.meetings', { n: s.newMeetings })),
      el('li', { id: 'stat-likers' }, t('mixer.stats.likers', { n: s.participantsWhoLiked })),
      el('li', { id: 'stat-matches' }, t('mixer.stats.matches', { n: s.mutualMatches,
        rate: Math.round(s.mutualMatchRate * 1000) / 10 })));
  } catch (e) {
    showMessage(message, errorText(e));
  }
}

$('start-round').addEventListener('click', async () => {
  const button = $('start-round');
  button.disabled = true;
  try {
    const r = await api(`/mixers/${mixerId}/rounds`, { method: 'POST', body: {}, headers: { 'Idempotency-Key': newKey() } });
    showMessage(message, t('mixer.started', { round: r.round, seated: r.seated, resting: r.resting }), 'ok');
  } catch (e) {
    showMessage(message, errorText(e));
    renderClock();
  }
});

$('create-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const mode = $('m-mode').value;
  const body = {
    title: $('m-title').value.trim(), mode, rounds: Number($('m-rounds').value),
    roundSeconds: Number($('m-seconds').value), minAge: Number($('m-min').value), maxAge: Number($('m-max').value),
    capacity: Number($('m-capacity').value), genderBalance: $('m-balance').checked,
  };
  if (mode === 'tables') body.tableSize = Number($('m-size').value);
  try {
    const m = await api(`/events/${$('event').value}/mixers`, { method: 'POST', body });
    mixerId = String(m.id);
    $('create-card').open = false;
    await loadMixers();
  } catch (e) {
    showMessage(message, errorText(e));
  }
});

$('signin-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    await login($('email').value.trim(), $('password').value);
    showMessage(message, '');
  } catch (e) {
    showMessage(message, errorText(e));
  }
});
$('signout').addEventListener('click', () => logout());
$('event').addEventListener('change', () => loadMixers());
$('mixer').addEventListener('change', () => selectMixer($('mixer').value || null));

let lastUser = getSession()?.user?.id;
window.addEventListener('sessionchange', () => {
  const now = getSession()?.user?.id;
  if (now && now === lastUser) {
    live.auth(getSession().accessToken);
    return;
  }
  lastUser = now;
  showForSession();
});
window.addEventListener('langchange', () => { renderClock(); loadParticipants(); loadStats(); });
setInterval(() => { if (mixer && mixer.roundOpen) renderClock(); }, 1000);

showForSession();
