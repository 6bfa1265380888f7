// The home page orients: what Gala is, what this viewer can do (my registrations, organise,
// judge: each only for whom it serves), then the events live now, upcoming and past, each with
// its competitions and the links its viewer may use.
import './i18n/registration.js';
import './i18n/scoring.js';
import './i18n/announce.js';
import './i18n/draws.js';
import './i18n/account.js';
import './i18n/home.js';
import { initI18n, t, errorText } from './i18n.js';
import { api } from './api.js';
import { el, showMessage } from './ui.js';
import { viewerRoles } from './roles.js';
// Registration is offered only while it can succeed for a participant: not past, window open.
import { registrationOpen } from './registration-open.js';
import { accountUrl } from './header.js';

initI18n();

const $ = (id) => document.getElementById(id);
const message = $('message');
let loaded = null; // [{event, competitions}]
let roles = { signedIn: false, judging: [] };
let mine = null; // my entries

async function load() {
  roles = await viewerRoles();
  renderHero();
  try {
    const events = (await api('/events')).items || [];
    loaded = await Promise.all(events.map(async (event) => {
      try {
        return { event, competitions: (await api(`/events/${event.id}/competitions`)).items || [] };
      } catch (e) {
        return { event, competitions: [], error: e };
      }
    }));
    render();
  } catch (e) {
    $('events').replaceChildren();
    showMessage(message, t('common.error', { message: errorText(e) }));
  }
  if (roles.participant) {
    try {
      mine = (await api('/me/entries')).items || [];
    } catch { mine = null; }
    renderMine();
  }
}

function renderHero() {
  const actions = [];
  if (!roles.signedIn) {
    actions.push(el('a', { class: 'button', href: accountUrl('signup', '/') }, t('account.signUp')),
      el('a', { class: 'button secondary', href: accountUrl('signin', '/') }, t('account.signIn')));
  }
  if (roles.organiser) actions.push(el('a', { class: 'button', href: '/organise.html', id: 'go-organise' }, t('home.organise')));
  if (roles.judge) actions.push(el('a', { class: 'button', href: '/judge.html', id: 'go-judge' }, t('home.judge')));
  if (roles.participant) actions.push(el('a', { class: 'button secondary', href: '/my.html', id: 'go-my' }, t('nav.my')));
  $('hero-actions').replaceChildren(...actions);
  $('judge-card').hidden = !roles.judge || roles.judging.length === 0;
  $('my-judging').replaceChildren(...roles.judging.map((a) => el('li', {},
    el('a', { href: `/judge.html?competition=${a.competitionId}` }, a.name || ''),
    a.head ? el('span', { class: 'muted' }, ' · ', t('home.headJudge')) : null,
    a.head ? el('a', { class: 'small-link', href: `/headjudge.html?competition=${a.competitionId}` }, t('home.review')) : null)));
}

function renderMine() {
  $('my-card').hidden = !mine || mine.length === 0;
  if (!mine) return;
  $('my-entries').replaceChildren(...(mine.length === 0 ? [el('li', { class: 'muted' }, t('my.empty'))]
    : mine.map((e) => el('li', { dataset: { entryId: e.id, status: e.status } },
      el('strong', {}, e.competition || ''), ' ', el('span', { class: 'muted' }, e.event || ''), ' · ',
      t('status.' + e.status), e.status === 'WAITLISTED' ? ' · ' + t('my.position', { n: e.waitlistPosition }) : ''))));
}

/** The server's word on when an event is (by the calendar in China); the dates as a fallback. */
function when(event) {
  if (event.status) return event.status;
  const now = new Date().toISOString().slice(0, 10);
  if (event.startsOn > now) return 'upcoming';
  return (event.endsOn || event.startsOn) < now ? 'past' : 'live';
}

function render() {
  if (!loaded) return;
  $('events').replaceChildren();
  if (loaded.length === 0) {
    $('events').append(el('p', { class: 'muted', id: 'no-events' }, t('index.empty')));
  }
  const groups = {
    'live-events': loaded.filter(({ event }) => when(event) === 'live'),
    'upcoming-events': loaded.filter(({ event }) => when(event) === 'upcoming').reverse(),
    'past-events': loaded.filter(({ event }) => when(event) === 'past'),
  };
  for (const [id, list] of Object.entries(groups)) {
    $(id).hidden = list.length === 0;
    $(id).querySelector('.events').replaceChildren(...list.map(eventCard));
  }
  // With nothing live or upcoming, the past is what there is to see.
  if (groups['live-events'].length + groups['upcoming-events'].length === 0) $('past-events').open = true;
}

const MAX_SHOWN = 12;

function eventCard({ event, competitions, error }) {
  const meta = [t('index.dates', { from: event.startsOn, to: event.endsOn || event.startsOn })];
  if (event.venue) meta.push(event.venue);
  if (!event.public) meta.push(t('home.private'));
  const organising = roles.admin || (roles.organiserOf || []).includes(event.id);
  let list;
  if (error) list = el('p', { class: 'message' }, errorText(error));
  else if (competitions.length === 0) list = el('p', { class: 'muted' }, t('index.noCompetitions'));
  else {
    // A long programme (a meet that adds a day's competitions every day) shows its latest ones
    // here; the event page lists them all.
    const shown = competitions.slice(-MAX_SHOWN);
    list = el('div', {}, el('ul', { class: 'competitions' }, ...shown.map((c) => competitionItem(c, organising, registrationOpen(event)))),
      competitions.length > shown.length
        ? el('a', { class: 'button secondary small all-competitions', href: `/event.html?event=${encodeURIComponent(event.id)}` }, t('home.allCompetitions', { n: competitions.length }))
        : null);
  }
  const id = encodeURIComponent(event.id);
  return el('section', { class: 'card event', dataset: { eventId: event.id, organising: String(organising) } },
    el('h3', {}, el('a', { class: 'event-link', href: `/event.html?event=${id}` }, event.title)),
    el('p', { class: 'muted' }, meta.join(' · ')),
    el('div', { class: 'actions event-links' },
      el('a', { class: 'button secondary small', href: `/event.html?event=${id}` }, t('ev.medals')),
      el('a', { class: 'button secondary small', href: `/display.html?event=${id}` }, t('display.title')),
      organising ? el('a', { class: 'button small organise-link', href: `/organise.html?event=${id}` }, t('home.manage')) : null,
      organising ? el('a', { class: 'button secondary small', href: `/announce.html?event=${id}` }, t('ann.new')) : null,
      organising ? el('a', { class: 'button secondary small', href: `/import.html?event=${id}` }, t('index.import')) : null),
    list);
}

function competitionItem(c, organising, canRegister) {
  const info = [];
  if (c.format && c.format.judges) info.push(t('index.judges', { n: c.format.judges }));
  if (c.capacity) info.push(t('index.capacity', { n: c.capacity }));
  const id = encodeURIComponent(c.id);
  const judging = roles.judging.find((a) => String(a.competitionId) === String(c.id));
  return el('li', { dataset: { competitionId: c.id } },
    el('div', {}, el('strong', {}, c.name), ' ', el('span', { class: 'muted' }, info.join(' · '))),
    el('div', { class: 'actions' },
      el('a', { class: 'button', href: `/scoreboard.html?competition=${id}` }, t('index.scoreboard')),
      !organising && canRegister ? el('a', { class: 'button secondary register-link', href: `/register.html?competition=${id}` }, t('index.register')) : null,
      judging ? el('a', { class: 'button secondary judge-link', href: `/judge.html?competition=${id}` }, t('index.judge')) : null,
      organising ? el('a', { class: 'button secondary', href: `/entries.html?competition=${id}` }, t('index.entries')) : null,
      organising || (judging && judging.head)
        ? el('a', { class: 'button secondary', href: `/headjudge.html?competition=${id}` }, t('home.review')) : null,
      c.format && c.format.type === 'head_to_head'
        ? el('a', { class: 'button secondary draw-link', href: `/draw.html?competition=${id}` }, t('draw.title'))
        : null));
}

window.addEventListener('langchange', () => { renderHero(); render(); renderMine(); });
load();
