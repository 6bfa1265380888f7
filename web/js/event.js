// The public event page: its competitions with PROVISIONAL/OFFICIAL status and the live medal table.
import { initI18n, t, errorText } from './i18n.js';
import './i18n/scoring.js';
import './i18n/registration.js';
import { api } from './api.js';
import { LiveClient } from './live.js';
import { el, bindLiveState, showMessage } from './ui.js';
import { registrationOpen, eventEnded } from './registration-open.js';
import { retryLoad } from './retry-load.js';
import { viewerRoles } from './roles.js';

initI18n();

const $ = (id) => document.getElementById(id);
const message = $('message');
const eventId = new URLSearchParams(location.search).get('event');
let event = null;
let competitions = [];
let medals = null;
let reviews = () => false; // whether the viewer reviews a competition (organiser, admin, its head judge)
let medalsError = null; // the live error while the medal table cannot be read; cleared when it comes

if (!eventId || !/^\d+$/.test(eventId)) {
  showMessage(message, t('ev.noEvent'));
} else {
  const live = new LiveClient();
  bindLiveState($('live-state'), live);
  // A sentence while the medal table cannot be read; gone once it comes (the client asks again).
  live.onError((e) => {
    medalsError = e;
    showMessage(message, errorText(e));
  });
  live.subscribe('medals:' + eventId, (data) => {
    medals = data;
    if (medalsError) {
      medalsError = null;
      showMessage(message, '');
    }
    render();
  });
  live.connect();
  load(live);
  // The head judge's review is offered to those who may use it, not to every spectator.
  viewerRoles().then((r) => {
    const organises = r.admin || (r.organiserOf || []).map(String).includes(String(eventId));
    const heads = new Set((r.judging || []).filter((a) => a.head).map((a) => String(a.competitionId)));
    reviews = (c) => organises || heads.has(String(c.id));
    render();
  }).catch(() => { /* offline: offer what a spectator gets */ });
  window.addEventListener('langchange', render);
}

/** The event and its competitions; while the server cannot answer, said and tried again until it can. */
async function load(live) {
  try {
    [event, competitions] = await retryLoad(() => Promise.all([api(`/events/${eventId}`, { auth: false }),
      api(`/events/${eventId}/competitions`, { auth: false }).then((r) => r.items || [])]),
    { live, what: 'event', onWait: (e) => showMessage(message, t('common.error', { message: errorText(e) })) });
    if (!medalsError) showMessage(message, '');
    render();
  } catch (e) {
    showMessage(message, t('common.error', { message: errorText(e) }));
  }
}

function render() {
  if (event) {
    $('ev-title').removeAttribute('data-i18n');
    $('ev-title').textContent = event.title;
    document.title = event.title;
    $('ev-meta').textContent = [t('index.dates', { from: event.startsOn, to: event.endsOn || event.startsOn }), event.venue]
      .filter(Boolean).join(' · ');
    // An event that is over says so, and offers no registering (the server would refuse it).
    $('ev-ended').hidden = !eventEnded(event);
    $('ev-ended').textContent = eventEnded(event)
      ? errorText({ code: 'REGISTRATION_CLOSED', details: { endedOn: event.endsOn } }) : '';
  }
  const canRegister = registrationOpen(event);
  const rows = (medals && medals.rows ? medals.rows : []).filter(Boolean);
  $('medal-rows').replaceChildren(...rows.map((u) => el('tr', { dataset: { unitId: u.id, rank: u.rank } },
    el('td', { class: 'rank' }, String(u.rank)), el('td', { class: 'unit-name' }, u.unit),
    el('td', { class: 'num gold' }, String(u.gold)), el('td', { class: 'num silver' }, String(u.silver)),
    el('td', { class: 'num bronze' }, String(u.bronze)), el('td', { class: 'num total' }, String(u.total)),
    el('td', { class: 'num points' }, String(u.points)))));
  $('no-medals').hidden = rows.length > 0;
  const official = new Set(((medals && medals.competitions) || []).filter(Boolean).map((c) => String(c.id)));
  $('competitions').replaceChildren(...competitions.map((c) => {
    const status = official.has(String(c.id)) ? 'OFFICIAL' : 'PROVISIONAL';
    return el('li', { dataset: { competitionId: c.id, status } },
      el('div', {}, el('strong', {}, c.name), ' ', el('span', { class: 'badge', dataset: { status } }, t('status.' + status))),
      el('div', { class: 'actions' },
        el('a', { class: 'button', href: `/scoreboard.html?competition=${encodeURIComponent(c.id)}` }, t('index.scoreboard')),
        canRegister && !c.resultsOfficial ? el('a', { class: 'button secondary register-link', href: `/register.html?competition=${encodeURIComponent(c.id)}` },
          t('index.register')) : null,
        reviews(c) ? el('a', { class: 'button secondary review-link', href: `/headjudge.html?competition=${encodeURIComponent(c.id)}` },
          t('ev.review')) : null));
  }));
}
