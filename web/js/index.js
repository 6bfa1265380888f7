// The event list: every event with its competitions and links to their scoreboard and judge pages.
import './i18n/registration.js';
import { initI18n, t, errorText } from './i18n.js';
import { api } from './api.js';
import { el, showMessage } from './ui.js';
import './i18n/scoring.js';
import './i18n/announce.js';
import './i18n/draws.js';

initI18n();

const box = document.getElementById('events');
const message = document.getElementById('message');
let loaded = null; // [{event, competitions}]

async function load() {
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
    box.replaceChildren();
    showMessage(message, t('common.error', { message: errorText(e) }));
  }
}

function render() {
  if (!loaded) return;
  if (loaded.length === 0) {
    box.replaceChildren(el('p', { class: 'muted' }, t('index.empty')));
    return;
  }
  box.replaceChildren(...loaded.map(({ event, competitions, error }) => {
    const meta = [t('index.dates', { from: event.startsOn, to: event.endsOn || event.startsOn })];
    if (event.venue) meta.push(event.venue);
    let list;
    if (error) list = el('p', { class: 'message' }, t('common.error', { message: errorText(error) }));
    else if (competitions.length === 0) list = el('p', { class: 'muted' }, t('index.noCompetitions'));
    else list = el('ul', { class: 'competitions' }, ...competitions.map(competitionItem));
    return el('section', { class: 'card event', dataset: { eventId: event.id } },
      el('h2', {}, event.title, ' ', el('a', { class: 'event-link', href: `/event.html?event=${encodeURIComponent(event.id)}` }, t('ev.medals'))),
      el('p', { class: 'muted' }, meta.join(' · ')),
      el('div', { class: 'actions event-links' },
        el('a', { class: 'button secondary small', href: `/display.html?event=${encodeURIComponent(event.id)}` }, t('display.title')),
        el('a', { class: 'button secondary small', href: `/announce.html?event=${encodeURIComponent(event.id)}` }, t('ann.new')),
        el('a', { class: 'button secondary small', href: `/import.html?event=${encodeURIComponent(event.id)}` }, t('index.import')),
        el('a', { class: 'button secondary small', href: '/my.html' }, t('index.my'))),
      list);
  }));
}

function competitionItem(c) {
  const info = [];
  if (c.format && c.format.judges) info.push(t('index.judges', { n: c.format.judges }));
  if (c.capacity) info.push(t('index.capacity', { n: c.capacity }));
  return el('li', { dataset: { competitionId: c.id } },
    el('div', {}, el('strong', {}, c.name), ' ', el('span', { class: 'muted' }, info.join(' · '))),
    el('div', { class: 'actions' },
      el('a', { class: 'button', href: `/scoreboard.html?competition=${encodeURIComponent(c.id)}` }, t('index.scoreboard')),
      el('a', { class: 'button secondary', href: `/judge.html?competition=${encodeURIComponent(c.id)}` }, t('index.judge')),
      el('a', { class: 'button', href: `/register.html?competition=${encodeURIComponent(c.id)}` }, t('index.register')),
      el('a', { class: 'button secondary', href: `/entries.html?competition=${encodeURIComponent(c.id)}` }, t('index.entries')),
      c.format && c.format.type === 'head_to_head'
        ? el('a', { class: 'button secondary draw-link', href: `/draw.html?competition=${encodeURIComponent(c.id)}` }, t('draw.title'))
        : null));
}

window.addEventListener('langchange', render);
load();
