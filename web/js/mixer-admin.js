// The organiser's mixer page: create a mixer for an event, check people in at the door, start
// rounds and watch the round clock (topic mixer:<id>, ended by the server's clock or by the host),
// the live seating plan with moves and people marked gone (printable for the host; the projector
// link opens the public board on display.html), and the aggregate numbers. Nothing here shows who liked whom: the
// server never sends it.
import './i18n/mixer.js';
import { initI18n, t, errorText } from './i18n.js';
import { api, getSession, login, logout, freshToken, newKey } from './api.js';
import { viewerRoles } from './roles.js';
import { organisesOrSay, sayInstead } from './organisers-only.js';
import { LiveClient } from './live.js';
import { el, bindLiveState, showMessage } from './ui.js';
import { clockText, serverOffset } from './mixer-common.js';
import { PlanView } from './mixer-plan.js';

initI18n();

const $ = (id) => document.getElementById(id);
const message = $('message');
const live = new LiveClient();
bindLiveState($('live-state'), live);
const params = new URLSearchParams(location.search);
const plan = new PlanView($('plan'), $('resting'), $('resting-box'), {
  move: (userId, table) => hostWrite('moves', { userId, table }),
  gone: (userId) => hostWrite(`participants/${userId}/gone`, {}),
});

let mixer = null; // live topic data of the selected mixer
let mixerId = params.get('mixer');
let topic = null;
let offset = 0;

async function showForSession() {
  const session = getSession();
  $('signin').hidden = !!session;
  $('desk').hidden = true;
  if ($('gate')) $('gate').hidden = true;
  $('live-state').hidden = !session;
  if (!session) return;
  $('whoami').textContent = session.user?.displayName || session.user?.email || '';
  live.auth(await freshToken());
  live.connect();
  const roles = await viewerRoles();
  if (mixerId) {
    try {
      const m = await api('/mixers/' + mixerId);
      params.set('event', m.eventId);
      if (!(await organisesOrSay(m.eventId))) return;
    } catch (e) {
      showMessage(message, errorText(e));
    }
  }
  // Only the events this account organises (the server refuses the console's actions on any other).
  const mine = (e) => !roles.me || roles.admin || (roles.organiserOf || []).includes(e.id);
  const events = ((await api('/events')).items || []).filter(mine);
  if (!events.length && roles.me && !roles.organiser) {
    sayInstead(() => t('gate.organisersOnly'), [{ href: '/', label: () => t('gate.home') }]);
    return;
  }
  $('desk').hidden = false;
  await loadEvents(events);
}

async function loadEvents(events) {
  const select = $('event');
  select.replaceChildren(el('option', { value: '' }, t('mixer.pickEvent')),
    ...events.map((e) => el('option', { value: e.id }, e.title)));
  const wanted = params.get('event') || (events.length === 1 ? String(events[0].id) : '');
  select.value = wanted;
  await loadMixers();
}

/** The organiser's mixer series for the create form: none, one of theirs, or a new one. */
async function loadSeries() {
  let items = [];
  try {
    items = (await api('/mixer-series')).items || [];
  } catch (e) {
    showMessage(message, errorText(e));
  }
  const select = $('m-series');
  const keep = select.value;
  select.replaceChildren(el('option', { value: '' }, t('mixer.series.none')),
    ...items.map((s) => el('option', { value: s.id }, s.title)), el('option', { value: 'new' }, t('mixer.series.new')));
  select.value = [...select.options].some((o) => o.value === keep) ? keep : '';
  seriesFields();
}

function seriesFields() {
  const v = $('m-series').value;
  $('m-series-title-field').hidden = v !== 'new';
  $('m-series-title').required = v === 'new';
  $('m-lookback-field').hidden = !v;
}
$('m-series').addEventListener('change', seriesFields);

async function loadMixers() {
  const eventId = $('event').value;
  const select = $('mixer');
  $('create-card').hidden = !eventId;
  if (eventId) loadSeries();
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
  plan.clear();
  mixerId = id;
  $('run').hidden = !id;
  if (!id) return;
  const url = new URL(location.href);
  url.searchParams.set('mixer', id);
  history.replaceState(history.state, '', url);
  $('phone-link').href = '/mixer.html?mixer=' + id;
  $('phone-link').textContent = new URL('/mixer.html?mixer=' + id, location.href).href;
  // The projector and the sheet on the wall show the public board (display.html), never this page:
  // it has full names and who is a minor.
  $('project-plan').href = `/display.html?event=${$('event').value}&mixer=${id}`;
  api('/mixers/' + id).then((m) => { offset = serverOffset(m); }).catch(() => {});
  topic = 'mixer:' + id;
  let counts = null;
  live.subscribe(topic, (data) => {
    mixer = data;
    renderClock();
    renderPlan();
    // The door list and the numbers are reloaded when the counts or the round change, not on every
    // move of the plan (the plan itself follows the deltas).
    const now = [data.joined, data.checkedIn, data.round, data.roundOpen].join('|');
    if (now !== counts) {
      counts = now;
      loadParticipants();
      loadStats();
    }
  });
}

function renderClock() {
  const c = $('clock');
  c.textContent = clockText(mixer, offset);
  c.dataset.round = mixer ? mixer.round : '';
  c.dataset.open = mixer && mixer.roundOpen ? 'true' : 'false';
  $('start-round').disabled = !mixer || mixer.roundOpen || mixer.round >= mixer.rounds;
  for (const b of ['end-round', 'extend-1', 'extend-5']) $(b).disabled = !mixer || !mixer.roundOpen;
}

function renderPlan() {
  const round = mixer ? mixer.round : 0;
  $('plan-title').textContent = round > 0 ? t('mixer.plan.title', { round, rounds: mixer.rounds }) : t('mixer.plan.titleNone');
  $('plan-empty').hidden = round > 0;
  plan.render(mixer);
}

/** A host's change to the running round; the live topic brings the result to the plan. */
async function hostWrite(path, body) {
  try {
    await api(`/mixers/${mixerId}/${path}`, { method: 'POST', body, headers: { 'Idempotency-Key': newKey() } });
    showMessage(message, '');
    return true;
  } catch (e) {
    showMessage(message, errorText(e));
    return false;
  }
}

async function extend(seconds) {
  if (!mixer || !mixer.endsAt) return;
  const from = Math.max(Date.parse(mixer.endsAt), Date.now() + offset);
  if (await hostWrite('rounds/current/ends-at', { endsAt: new Date(from + seconds * 1000).toISOString() })) {
    showMessage(message, t('mixer.plan.extended', { minutes: seconds / 60 }), 'ok');
  }
}

$('end-round').addEventListener('click', () => hostWrite('rounds/current/end', {}));
$('extend-1').addEventListener('click', () => extend(60));
$('extend-5').addEventListener('click', () => extend(300));
$('print-plan').addEventListener('click', () => window.print());

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
  loadRatings();
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

/** How the evening was rated: the average, how many gave each mark, comments without names. */
async function loadRatings() {
  try {
    const r = await api(`/mixers/${mixerId}/ratings`);
    $('ratings-summary').textContent = r.ratings ? t('mixer.ratings.summary', { average: r.average, n: r.ratings })
      : t('mixer.ratings.none');
    $('ratings-stars').replaceChildren(...(r.ratings ? [5, 4, 3, 2, 1] : []).map((s) =>
      el('li', { dataset: { stars: s } }, t('mixer.ratings.stars', { stars: s, n: r.stars[String(s)] || 0 }))));
    $('ratings-comments').replaceChildren(...r.comments.map((c) => el('li', {}, '“' + c + '”')));
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
    const series = $('m-series').value;
    if (series === 'new') {
      body.seriesId = (await api('/mixer-series', { method: 'POST', body: { title: $('m-series-title').value.trim() } })).id;
    } else if (series) {
      body.seriesId = Number(series);
    }
    if (body.seriesId && $('m-lookback').value) body.seriesLookback = Number($('m-lookback').value);
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
window.addEventListener('langchange', () => {
  renderClock();
  renderPlan();
  loadParticipants();
  loadStats();
  if ($('event').value) loadSeries();
});
setInterval(() => { if (mixer && mixer.roundOpen) renderClock(); }, 1000);

showForSession();
