// The big-screen display of one event (/display.html?event=ID[&seconds=15]): pages through the
// event's competitions, showing each live scoreboard for a while. Announcements come from the
// shared widget, which plays a sound for urgent ones on this page.
import './i18n/announce.js';
import { initI18n, t, errorText } from './i18n.js';
import { api } from './api.js';
import { LiveClient } from './live.js';
import { el, bindLiveState, showMessage } from './ui.js';
import { resultText, renderAttempts, recordBadges } from './result-detail.js';

initI18n();

const params = new URLSearchParams(location.search);
const eventId = params.get('event');
const seconds = Math.max(5, Number(params.get('seconds')) || 15);
const message = document.getElementById('message');
const live = new LiveClient().connect();
bindLiveState(document.getElementById('live-state'), live);

let competitions = [];
let index = -1;
let topic = null;

function show(data) {
  document.getElementById('sb-name').textContent = data.name || '';
  document.getElementById('rows').replaceChildren(...(data.rows || []).filter(Boolean).map((r) => el('tr', {},
    el('td', { class: 'rank' }, r.rank == null ? '–' : String(r.rank)),
    el('td', { class: 'name' }, r.name, ...recordBadges(r, data)),
    el('td', { class: 'unit' }, r.unit || ''),
    el('td', { class: 'attempts' }, renderAttempts(r, data)),
    el('td', { class: 'result' }, resultText(r, data)))));
  document.getElementById('board').classList.toggle('no-attempts', !(data.rows || []).some((r) => (r?.attempts || []).length > 1));
}

function next() {
  if (competitions.length === 0) return;
  index = (index + 1) % competitions.length;
  if (topic) live.unsubscribe(topic);
  topic = `scoreboard:${competitions[index].id}`;
  document.getElementById('display-page-of').textContent = `${index + 1} / ${competitions.length}`;
  live.subscribe(topic, show);
}

async function start() {
  if (!eventId || !/^\d+$/.test(eventId)) {
    showMessage(message, 'display.html?event=ID');
    return;
  }
  try {
    const event = await api(`/events/${eventId}`);
    document.getElementById('display-event').textContent = event.title;
    competitions = (await api(`/events/${eventId}/competitions`)).items || [];
  } catch (e) {
    showMessage(message, t('common.error', { message: errorText(e) }));
    return;
  }
  if (competitions.length === 0) {
    showMessage(message, t('display.noCompetitions'), 'warn');
    return;
  }
  next();
  setInterval(next, seconds * 1000);
}

start();
