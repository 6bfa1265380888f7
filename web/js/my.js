// My registrations: status, waitlist position, QR code; kept live through the private user:<id> topic.
import './i18n/registration.js';
import { initI18n, t, errorText } from './i18n.js';
import { api, apiOnce, freshToken } from './api.js';
import { LiveClient } from './live.js';
import { el, showMessage, bindLiveState } from './ui.js';
import { signInBox, fetchBlob, fmtTime, followPrivate } from './reg-session.js';
import { confirmNamed } from './confirm.js';
import { retryLoad } from './retry-load.js';

initI18n();

const box = document.getElementById('entries');
const message = document.getElementById('message');
let entries = null;
const codes = new Map(); // entryId -> check-in code
const qrUrls = new Map(); // entryId -> object URL of its PNG

signInBox(document.getElementById('session'), async (session) => {
  try {
    // While the server cannot answer: said, and tried again until it can (no reload needed).
    const mine = (await retryLoad(() => api('/me/entries'), {
      what: 'my', onWait: (e) => showMessage(message, errorText(e)),
    })).items || [];
    showMessage(message, '');
    mine.forEach((e) => { if (e.checkinCode) codes.set(e.id, e.checkinCode); });
    entries = mine;
    render();
    const live = new LiveClient();
    bindLiveState(document.getElementById('live-state'), live);
    live.auth(await freshToken());
    followPrivate(live, 'user:' + session.user.id, async (data) => {
      entries = data.entries || [];
      // A promotion brings a check-in code: fetch the codes again when one is missing.
      if (entries.some((e) => (e.status === 'CONFIRMED' || e.status === 'CHECKED_IN') && !codes.has(e.id))) {
        try {
          ((await api('/me/entries')).items || []).forEach((e) => { if (e.checkinCode) codes.set(e.id, e.checkinCode); });
        } catch { /* shown on the next change */ }
      }
      render();
    });
    live.connect();
  } catch (e) {
    showMessage(message, errorText(e));
  }
});

function render() {
  if (!entries) return;
  if (entries.length === 0) {
    box.replaceChildren(el('p', { class: 'muted', id: 'empty' }, t('my.empty')));
    return;
  }
  box.replaceChildren(...entries.map(card));
}

function card(e) {
  const lines = [el('h2', {}, e.competition || ''), el('p', { class: 'muted' }, [e.event, e.displayName].filter(Boolean).join(' · '))];
  lines.push(el('p', { class: 'status' }, t('status.' + e.status),
    e.status === 'WAITLISTED' ? ' · ' + t('my.position', { n: e.waitlistPosition }) : ''));
  // The bib and division the athlete is called by at the venue.
  const callings = [];
  if (e.bib != null && (e.status === 'CONFIRMED' || e.status === 'CHECKED_IN')) callings.push(t('my.bib', { bib: e.bib }));
  if (e.division) callings.push(t('my.division', { division: e.divisionName || e.division }));
  if (callings.length) lines.push(el('p', { class: 'bib-line' }, callings.join(' · ')));
  if (e.promotedAt && e.status !== 'WITHDRAWN') lines.push(el('p', { class: 'promoted' }, t('my.promoted')));
  if (e.checkedInAt) lines.push(el('p', {}, t('my.checkedIn', { time: fmtTime(e.checkedInAt) })));
  if ((e.status === 'CONFIRMED' || e.status === 'CHECKED_IN') && codes.has(e.id)) {
    // Shown once drawn: no empty frame while the PNG is on its way.
    const img = el('img', { class: 'qr', alt: t('my.code', { code: codes.get(e.id) }), hidden: true });
    img.addEventListener('load', () => { img.hidden = false; }, { once: true });
    if (qrUrls.has(e.id)) img.src = qrUrls.get(e.id);
    else fetchBlob(`/entries/${e.id}/qr`).then((b) => { qrUrls.set(e.id, URL.createObjectURL(b)); img.src = qrUrls.get(e.id); }).catch(() => {});
    lines.push(img, el('p', { class: 'code' }, t('my.code', { code: codes.get(e.id) })));
  }
  const actions = el('div', { class: 'actions' });
  if ((e.status === 'CONFIRMED' || e.status === 'CHECKED_IN') && e.diveSheet) {
    // The athlete hands in their own dive sheet (their entry only), so judges never type a difficulty;
    // the row says where one applies (no request per competition).
    actions.append(el('a', { class: 'button secondary small sheet-link', href: `/sheets.html?competition=${e.competitionId}&entry=${e.id}` },
      t('my.sheet')));
  }
  if (e.status === 'WAITLISTED') {
    actions.append(el('button', { type: 'button', class: 'secondary small leave', onclick: async () => {
      if (await confirmNamed('leave', { competition: e.competition || '', n: e.waitlistPosition })) act(`/entries/${e.id}/waitlist`);
    } }, t('my.leave')));
  } else if (e.status === 'CONFIRMED') {
    actions.append(el('button', { type: 'button', class: 'secondary small withdraw', onclick: async () => {
      if (await confirmNamed('withdraw', { competition: e.competition || '' })) act(`/entries/${e.id}`);
    } }, t('my.withdraw')));
  }
  lines.push(actions);
  return el('section', { class: 'card my-entry', dataset: { entryId: e.id, status: e.status } }, ...lines);
}

async function act(path) {
  try {
    await apiOnce(path, { method: 'DELETE' });
  } catch (e) {
    showMessage(message, errorText(e));
  }
}

window.addEventListener('langchange', render);
