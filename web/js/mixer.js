// The participant's phone page of a mixer: sign in (or up), join with a profile, check in, follow
// the own seat live (topic mixer:<id>, which only ever carries this participant's seat), then tick
// whom to meet again, see mutual matches (also those of earlier mixers of the series), and rate
// the evening.
import './i18n/mixer.js';
import { initI18n, t, errorText } from './i18n.js';
import { api, getSession, login, logout, freshToken, newKey } from './api.js';
import { LiveClient } from './live.js';
import { el, bindLiveState, showMessage } from './ui.js';
import { clockText, serverOffset } from './mixer-common.js';

initI18n();

const $ = (id) => document.getElementById(id);
const message = $('message');
const mixerId = new URLSearchParams(location.search).get('mixer');
const live = new LiveClient();
bindLiveState($('live-state'), live);

let signingUp = false;
let state = null; // the getMyMixerSeat answer
let view = null; // the live topic data
let offset = 0;
let subscribed = false;

function show(section) {
  for (const id of ['signin', 'join', 'me']) $(id).hidden = id !== section;
  $('live-state').hidden = section !== 'me';
}

let endedOn = null; // set when the mixer is over and this person cannot join it any more

function showEnded() {
  showMessage(message, errorText({ code: 'MIXER_CLOSED', details: { endedOn } }), 'warn');
}

async function refresh() {
  if (!mixerId) {
    $('no-mixer').hidden = false;
    show(null);
    return;
  }
  let m;
  try {
    m = await api('/mixers/' + mixerId, { auth: false });
    offset = serverOffset(m);
    $('mixer-name').textContent = m.title;
  } catch (e) {
    showMessage(message, errorText(e));
    return;
  }
  // A mixer night that is over takes nobody new: say so instead of offering sign-in or the join form
  // (those who joined still see their matches).
  const over = () => {
    endedOn = m.endedOn;
    showEnded();
    show(null);
  };
  const session = getSession();
  if (!session) {
    if (m.endedOn) over();
    else show('signin');
    return;
  }
  $('whoami').textContent = session.user?.displayName || session.user?.email || '';
  try {
    state = await api(`/mixers/${mixerId}/seat`);
  } catch (e) {
    if (e.code === 'NOT_JOINED' && m.endedOn) {
      over();
      return;
    }
    if (e.code === 'NOT_JOINED') {
      show('join');
      prefillJoin();
      return;
    }
    showMessage(message, errorText(e));
    return;
  }
  show('me');
  if (!subscribed) {
    subscribed = true;
    live.auth(await freshToken());
    live.connect();
    live.subscribe('mixer:' + mixerId, (data) => {
      const before = view;
      view = data;
      renderSeat();
      // A round that just ended adds people to like: fetch them.
      if (before && (before.roundOpen !== data.roundOpen || before.round !== data.round)) reloadState();
    });
  }
  render();
}

async function reloadState() {
  try {
    state = await api(`/mixers/${mixerId}/seat`);
    render();
  } catch (e) {
    showMessage(message, errorText(e));
  }
}

function render() {
  $('check-in').hidden = state.checkedIn;
  $('checked-in').hidden = !state.checkedIn;
  $('contact-field').hidden = state.minor;
  $('minor-note').hidden = !state.minor;
  if (!state.minor && document.activeElement !== $('my-contact')) $('my-contact').value = state.contact || '';
  renderSeat();
  renderMet();
  renderMatches();
  renderRating();
}

/** The evening can be rated once a round is over; a rating given is shown and may be changed. */
function renderRating() {
  const canRate = state.round > 1 || (state.round === 1 && !state.roundOpen);
  $('rate-card').hidden = !canRate;
  if (!canRate || !state.rating) return;
  const box = document.querySelector(`#rate-form input[name=stars][value="${state.rating.stars}"]`);
  if (box) box.checked = true;
  if (document.activeElement !== $('rate-comment')) $('rate-comment').value = state.rating.comment || '';
  $('rate-done').hidden = false;
}

$('rate-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const picked = document.querySelector('#rate-form input[name=stars]:checked');
  try {
    const r = await api(`/mixers/${mixerId}/rating`, { method: 'POST',
      body: { stars: Number(picked.value), comment: $('rate-comment').value.trim() || null },
      headers: { 'Idempotency-Key': newKey() } });
    state.rating = { stars: r.stars, comment: r.comment };
    $('rate-done').hidden = false;
    showMessage(message, '');
  } catch (e) {
    showMessage(message, errorText(e));
  }
});

function renderSeat() {
  const m = view || state;
  if (!m) return;
  $('clock').textContent = clockText(m, offset);
  const seat = view ? (view.seats || [])[0] : state.seat;
  const line = $('seat-line');
  const list = $('with');
  list.replaceChildren();
  if (!seat || !m.roundOpen) {
    line.textContent = '';
    line.dataset.table = '';
    return;
  }
  if (seat.resting) {
    // The reason the host's plan shows is the participant's own, so they see it too.
    line.textContent = seat.reason ? `${t('mixer.resting')} · ${t('mixer.reason.' + seat.reason)}` : t('mixer.resting');
    line.dataset.table = 'resting';
    return;
  }
  line.dataset.table = String(seat.table);
  line.textContent = m.tableSize === 2 ? t('mixer.yourPartner') : t('mixer.yourTable', { table: seat.table });
  for (const w of seat.with || []) {
    list.append(el('li', { dataset: { userId: w.userId } }, el('strong', {}, w.displayName),
      w.shared && w.shared.length ? el('span', { class: 'muted' }, ' · ' + t('mixer.shared', { tags: w.shared.join('、') })) : null));
  }
}

function renderMet() {
  const list = $('met');
  const liked = new Set((state.likes || []).map(String));
  const seen = new Set();
  list.replaceChildren();
  for (const p of state.met || []) {
    if (seen.has(p.userId)) continue;
    seen.add(p.userId);
    const box = el('input', { type: 'checkbox', value: p.userId, checked: liked.has(String(p.userId)) });
    list.append(el('li', { dataset: { userId: p.userId } }, el('label', { class: 'check' }, box, ' ', p.displayName)));
  }
  if (!seen.size) list.append(el('li', { class: 'muted' }, t('mixer.metNone')));
  $('save-likes').disabled = !seen.size;
  $('like-hint').hidden = !seen.size;
}

async function renderMatches() {
  const list = $('matches');
  let items = [];
  let earlier = [];
  try {
    const r = await api(`/mixers/${mixerId}/matches`);
    items = r.items;
    earlier = r.earlier || [];
  } catch (e) {
    showMessage(message, errorText(e));
  }
  list.replaceChildren(...items.map((m) => el('li', { dataset: { userId: m.userId } }, el('strong', {}, m.displayName), ' ',
    el('span', { class: 'contact' }, m.contact || t('mixer.contactHidden')))));
  if (!items.length) list.append(el('li', { class: 'muted' }, t('mixer.matchesNone')));
  // Matches of the earlier mixers of the series are kept and shown with the evening they came from.
  $('earlier-matches').replaceChildren(...earlier.map((m) => el('li', { dataset: { userId: m.userId, mixerId: m.mixerId } },
    el('strong', {}, m.displayName), ' ', el('span', { class: 'contact' }, m.contact || t('mixer.contactHidden')),
    el('small', { class: 'muted' }, ' · ' + m.mixerTitle + ' ' + m.date))));
  $('earlier-box').hidden = !earlier.length;
}

setInterval(() => {
  const m = view || state;
  if (m && m.roundOpen) $('clock').textContent = clockText(m, offset);
}, 1000);

$('toggle-signup').addEventListener('click', (ev) => {
  ev.preventDefault();
  signingUp = !signingUp;
  $('name-field').hidden = !signingUp;
  // The heading, button and link say which of the two the form does now (data-i18n: a language
  // switch keeps them right).
  const say = (node, key) => { node.dataset.i18n = key; node.textContent = t(key); };
  say($('signin-title'), signingUp ? 'mixer.signUpTitle' : 'mixer.signIn');
  say($('signin-button'), signingUp ? 'mixer.signUpButton' : 'mixer.signInButton');
  say($('toggle-signup'), signingUp ? 'mixer.haveAccount' : 'mixer.signUp');
  $('password').autocomplete = signingUp ? 'new-password' : 'current-password';
});

$('signin-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const email = $('email').value.trim();
  const password = $('password').value;
  try {
    if (signingUp) {
      await api('/auth/signup', { method: 'POST', auth: false, body: {
        email, password, displayName: $('display-name').value.trim() || email.split('@')[0], role: 'participant' } });
    }
    await login(email, password);
    showMessage(message, '');
  } catch (e) {
    showMessage(message, errorText(e));
  }
});

/**
 * The account's own birth date and gender are the ones the mixer uses: shown in the form and not
 * editable here once the account holds them (they are changed on the account page, once).
 */
async function prefillJoin() {
  try {
    const me = await api('/me');
    const p = me.profile || {};
    if (p.birthDate) {
      $('birth-date').value = p.birthDate;
      $('birth-date').readOnly = true;
    }
    const gender = { F: 'female', M: 'male' }[p.gender];
    if (gender) {
      $('gender').value = gender;
      $('gender').disabled = true;
    }
  } catch {
    // The form still works: the server decides from the account either way.
  }
}

$('join-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const body = {
    birthDate: $('birth-date').value,
    interests: $('interests').value.split(/[,，、;；]/).map((s) => s.trim()).filter(Boolean).slice(0, 10),
    preference: $('preference').value,
  };
  if ($('gender').value) body.gender = $('gender').value;
  if ($('contact').value.trim()) body.contact = $('contact').value.trim();
  if ($('guardian').value.trim()) body.guardianName = $('guardian').value.trim();
  if ($('guardian-consent').checked) body.guardianConsent = true;
  try {
    await api(`/mixers/${mixerId}/participants`, { method: 'POST', body, headers: { 'Idempotency-Key': newKey() } });
    showMessage(message, '');
    refresh();
  } catch (e) {
    showMessage(message, errorText(e));
  }
});

$('check-in').addEventListener('click', async () => {
  try {
    await api(`/mixers/${mixerId}/checkins`, { method: 'POST', body: {}, headers: { 'Idempotency-Key': newKey() } });
    reloadState();
  } catch (e) {
    showMessage(message, errorText(e));
  }
});

$('save-likes').addEventListener('click', async () => {
  const likes = [...$('met').querySelectorAll('input:checked')].map((b) => Number(b.value));
  const body = { likes };
  if (!state.minor) body.contact = $('my-contact').value.trim() || null;
  try {
    await api(`/mixers/${mixerId}/likes`, { method: 'POST', body, headers: { 'Idempotency-Key': newKey() } });
    showMessage(message, t('mixer.saved'), 'ok');
    reloadState();
  } catch (e) {
    showMessage(message, errorText(e));
  }
});

$('signout').addEventListener('click', () => logout());
window.addEventListener('sessionchange', () => {
  if (getSession()) {
    live.auth(getSession().accessToken);
  } else {
    location.reload();
    return;
  }
  refresh();
});
window.addEventListener('langchange', () => {
  if (endedOn) showEnded();
  if (state) render();
});

refresh();
