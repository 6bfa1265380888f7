// The organiser's entry list of one competition: live counts (entries:<id>), filters, waitlist
// reorder with a reason, CSV export, and check-in by camera (jsQR) or typed code.
import './i18n/registration.js';
import { initI18n, t, errorText, getLang } from './i18n.js';
import { api, apiOnce, freshToken, newKey } from './api.js';
import { LiveClient } from './live.js';
import { LiveTable } from './live-table.js';
import { el, showMessage, bindLiveState } from './ui.js';
import { signInBox, download, fmtTime, followPrivate } from './reg-session.js';
import { confirmNamed } from './confirm.js';
import { viewerRoles } from './roles.js';

initI18n();

const competitionId = new URLSearchParams(location.search).get('competition');
const message = document.getElementById('message');
const rowsBox = document.getElementById('rows');
const filters = {
  status: document.getElementById('filter-status'),
  unit: document.getElementById('filter-unit'),
  q: document.getElementById('filter-q'),
};
let competition = null;
let list = null; // the live snapshot
let units = [];
// One <tr> per entry, patched row by row from each delta (live-table.js): a registration into a
// 5,500-entry list adds one row and touches no other; a filter only hides and shows rows.
const table = new LiveTable(rowsBox, {
  create: () => el('tr'),
  update: (tr, r) => fillRow(tr, r),
});
// Withdrawn entries are not in the live list: the server is asked, and they are shown in a body of their own.
const withdrawnBox = el('tbody', { id: 'rows-withdrawn', hidden: true });
rowsBox.after(withdrawnBox);

signInBox(document.getElementById('session'), async () => {
  if (!competitionId) {
    showMessage(message, t('sb.noCompetition'));
    return;
  }
  try {
    competition = await api(`/competitions/${encodeURIComponent(competitionId)}`);
    document.getElementById('comp-name').textContent = competition.name;
    const roles = await viewerRoles();
    if (!roles.admin && !(roles.organiserOf || []).includes(competition.eventId)) {
      notOrganiser();
      return;
    }
    units = (await api(`/events/${competition.eventId}/units`)).items || [];
    document.getElementById('comp-name').textContent = competition.name;
    document.getElementById('import-link').href = `/import.html?event=${competition.eventId}`;
    filters.unit.replaceChildren(el('option', { value: '' }, t('entries.all')), ...units.map((u) => el('option', { value: u.name }, u.name)));
    document.getElementById('badges-unit').replaceChildren(...units.map((u) => el('option', { value: u.id }, u.name)));
    document.getElementById('badges-unit-button').disabled = units.length === 0;
    // An event without units (open entries) shows no unit filter or per-unit badges to pick from.
    document.getElementById('badges-unit-button').closest('.inline-form').hidden = units.length === 0;
    filters.unit.closest('label').hidden = units.length === 0;
    document.getElementById('desk').hidden = false;
    const live = new LiveClient();
    bindLiveState(document.getElementById('live-state'), live);
    live.onError((err) => { if (err.code !== 'UNAUTHENTICATED') showMessage(message, errorText(err)); });
    live.auth(await freshToken());
    followPrivate(live, 'entries:' + competition.id, (data, version, topic, change) => { list = data; render(change); });
    live.connect();
    loadChanges();
  } catch (e) {
    showMessage(message, errorText(e));
  }
});

/** The desk is the organisers': anyone else is told so and pointed at what they can use. */
async function notOrganiser() {
  let event = null;
  try {
    event = await api(`/events/${competition.eventId}`);
  } catch { /* the sentence works without the event's name */ }
  const id = encodeURIComponent(competition.id);
  const say = () => document.getElementById('gate').replaceChildren(
    el('p', {}, t('entries.notOrganiser', { event: event ? event.title : '' })),
    el('p', { class: 'muted' }, t('entries.otherPages')),
    el('div', { class: 'actions' },
      el('a', { class: 'button', href: `/scoreboard.html?competition=${id}` }, t('index.scoreboard')),
      el('a', { class: 'button secondary', href: `/register.html?competition=${id}` }, t('index.register'))));
  document.getElementById('gate').hidden = false;
  say();
  window.addEventListener('langchange', say);
}

function visible(row) {
  if (filters.status.value && row.status !== filters.status.value) return false;
  if (filters.unit.value && row.unit !== filters.unit.value) return false;
  const q = filters.q.value.trim().toLowerCase();
  // The door searches by name, unit or bib number.
  if (q && !(row.name || '').toLowerCase().includes(q) && !(row.unit || '').toLowerCase().includes(q)
    && String(row.bib ?? '') !== q.replace(/^#/, '')) return false;
  return true;
}

/** Counts, the rows `change` touched (every row, in place, when change is null: the language changed), the waitlist picker. */
function render(change) {
  if (!list) return;
  document.getElementById('counts').textContent = t('entries.counts', {
    confirmed: list.confirmed, capacity: list.capacity, waitlisted: list.waitlisted, checkedIn: list.checkedIn,
  });
  if (change) table.sync(list, change);
  else table.refresh();
  if (!change || change.type !== 'delta' || touchesWithdrawn(change)) showWithdrawn();
  // The picker lists the waitlist: rebuilt only when the waitlist itself changed.
  const waiting = (list.rows || []).filter((r) => r && r.status === 'WAITLISTED');
  const key = waiting.map((r) => `${r.id}:${r.position}:${r.name}`).join('|');
  if (key === waitlistKey && change) return;
  waitlistKey = key;
  const select = document.getElementById('reorder-entry');
  const chosen = select.value;
  select.replaceChildren(...waiting.map((r) => el('option', { value: r.id }, `${r.position}. ${r.name}`)));
  if (waiting.some((r) => String(r.id) === chosen)) select.value = chosen;
  // Nobody waiting: a sentence instead of a form whose picker would be empty.
  document.getElementById('reorder-fields').hidden = waiting.length === 0;
  document.getElementById('reorder-none').hidden = waiting.length > 0;
}

let waitlistKey = null;

/** A delta that took rows out of the live list: some may have been withdrawn. */
function touchesWithdrawn(change) {
  const d = ((change.delta || {}).lists || {}).rows;
  return !!(d && d.remove && d.remove.length);
}

/** Withdrawn entries are not part of the live list: with that filter on, the server is asked. */
function showWithdrawn() {
  const on = filters.status.value === 'WITHDRAWN';
  rowsBox.hidden = on;
  withdrawnBox.hidden = !on;
  if (!on || !competition) return;
  api(`/competitions/${competition.id}/entries?status=WITHDRAWN`).then((r) => {
    withdrawnBox.replaceChildren(...(r.items || []).map((e) => fillRow(el('tr'), { id: e.id, name: e.displayName,
      unit: e.unit, status: e.status, division: e.division, checkedInAt: e.checkedInAt }, true)));
  }).catch((e) => showMessage(message, errorText(e)));
}

/** Shows entry `r` in its row; `always` for the withdrawn list, which the filters do not hide. */
function fillRow(tr, r, always) {
  tr.dataset.entryId = r.id;
  tr.dataset.status = r.status;
  tr.hidden = !always && !visible(r);
  tr.replaceChildren(
    el('td', { class: 'bib' }, bibCell(r, always)),
    el('td', { class: 'name' }, r.name), el('td', {}, r.unit || ''), el('td', {}, r.division || ''),
    el('td', { class: 'status' }, t('status.' + r.status)), el('td', {}, fmtTime(r.checkedInAt)),
    el('td', { class: 'row-actions' }, r.status === 'CONFIRMED'
      ? el('button', { type: 'button', class: 'small checkin-row', onclick: (ev) => checkIn({ entryId: r.id }, ev.target) }, t('checkin.submit'))
      : null,
    r.status === 'CONFIRMED' || r.status === 'WAITLISTED'
      ? el('button', { type: 'button', class: 'small secondary withdraw-row', onclick: () => withdraw(r) }, t('entries.withdraw'))
      : null));
  return tr;
}

let bibEditing = null; // {id, value}: the entry whose bib is being changed (kept across a live row update)

/**
 * The bib column: a waiting entry's place (W1), a withdrawn one's number, and for an entry with a
 * place its number as a button that opens a small form to give another (one per person in the event).
 */
function bibCell(r, withdrawn) {
  if (r.status === 'WAITLISTED') return `W${r.position}`;
  if (withdrawn || !(r.status === 'CONFIRMED' || r.status === 'CHECKED_IN')) return String(r.bib ?? '');
  if (bibEditing && bibEditing.id === r.id) {
    const input = el('input', { class: 'bib-input', type: 'number', inputmode: 'numeric', min: '1', max: '999999',
      value: bibEditing.value, 'aria-label': t('entries.bibFor', { name: r.name }) });
    input.addEventListener('input', () => { bibEditing.value = input.value; });
    // novalidate: the page says what is wrong in its own language, not the browser's bubble.
    const form = el('form', { class: 'bib-form', novalidate: true }, input,
      el('button', { type: 'submit', class: 'small bib-save' }, t('entries.bibSave')),
      el('button', { type: 'button', class: 'small secondary bib-cancel', onclick: () => { bibEditing = null; fillRow(table.element(r.id), table.row(r.id)); } },
        t('entries.bibCancel')));
    form.addEventListener('submit', (ev) => { ev.preventDefault(); setBib(r, input.value.trim()); });
    queueMicrotask(() => input.focus());
    return form;
  }
  // The accessible name starts with what the button shows (the bib), as screen-reader users hear it.
  const shown = r.bib != null ? String(r.bib) : t('entries.bibNone');
  return el('button', { type: 'button', class: 'link bib-edit', title: t('entries.bibChange'), 'aria-label': t('entries.bibFor', { bib: shown, name: r.name }),
    onclick: () => { bibEditing = { id: r.id, value: r.bib ?? '' }; fillRow(table.element(r.id), table.row(r.id)); } },
  shown);
}

async function setBib(r, value) {
  const bib = Number(value);
  if (!/^\d{1,6}$/.test(value) || bib < 1) {
    showMessage(message, t('entries.bibInvalid'));
    return;
  }
  try {
    await apiOnce(`/entries/${r.id}`, { method: 'PATCH', body: { bib } });
    bibEditing = null;
    showMessage(message, t('entries.bibSet', { name: r.name, bib }), 'ok');
    const tr = table.element(r.id);
    if (tr) fillRow(tr, { ...table.row(r.id), bib });
  } catch (e) {
    showMessage(message, errorText(e));
  }
}

/** An organiser takes an entry out (an athlete who cannot come): asked first, the waitlist moves up. */
async function withdraw(r) {
  const waiting = r.status === 'WAITLISTED';
  if (!(await confirmNamed(waiting ? 'withdrawWaiting' : 'withdrawEntry', { name: r.name, competition: competition.name, n: r.position }))) return;
  try {
    await apiOnce(`/entries/${r.id}`, { method: 'DELETE' });
    showMessage(message, t('entries.withdrawn', { name: r.name }), 'ok');
  } catch (e) {
    showMessage(message, errorText(e));
  }
}

// A filter only hides and shows rows: no row is rebuilt.
Object.values(filters).forEach((f) => f.addEventListener('input', () => {
  for (const id of table.ids()) {
    const tr = table.element(id);
    const hide = !visible(table.row(id));
    if (tr.hidden !== hide) tr.hidden = hide;
  }
  showWithdrawn();
}));

document.getElementById('export').addEventListener('click', () =>
  download(`/events/${competition.eventId}/entries/export?competitionId=${competition.id}`, `entries-${competition.id}.csv`)
    .catch((e) => showMessage(message, errorText(e))));

document.getElementById('reorder-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const entryId = Number(document.getElementById('reorder-entry').value);
  const position = Number(document.getElementById('reorder-position').value);
  const reason = document.getElementById('reorder-reason').value.trim();
  const moving = ((list && list.rows) || []).find((r) => r && r.id === entryId);
  if (!moving) return;
  const waiting = list.rows.filter((r) => r && r.status === 'WAITLISTED').length;
  // Checked here first, in the page's language; the server checks again.
  if (!Number.isInteger(position) || position < 1 || position > waiting) {
    showMessage(message, t('entries.err.position', { max: waiting }));
    document.getElementById('reorder-position').focus();
    return;
  }
  if (!reason) {
    showMessage(message, t('entries.err.reason'));
    document.getElementById('reorder-reason').focus();
    return;
  }
  if (!(await confirmNamed('reorder', { name: moving.name, from: moving.position, to: position, reason }))) return;
  try {
    await api(`/competitions/${competition.id}/waitlist`, { method: 'POST', body: { entryId, position, reason } });
    document.getElementById('reorder-reason').value = '';
    loadChanges();
  } catch (e) {
    showMessage(message, errorText(e));
  }
});

async function loadChanges() {
  try {
    const changes = (await api(`/competitions/${competition.id}/waitlist/changes`)).items || [];
    document.getElementById('changes').replaceChildren(...changes.map((c) => el('li', {}, t('entries.changeLine', {
      name: c.displayName, from: c.fromPosition, to: c.toPosition, by: c.changedByName, reason: c.reason,
    }) + ' · ' + fmtTime(c.changedAt))));
    document.getElementById('changes-title').hidden = changes.length === 0;
  } catch { /* the list stays as it was */ }
}

// ---- badges: one PDF per competition or unit (rendered by the server with a CJK font) ----
const badgesMessage = document.getElementById('badges-message');

async function badges(query, fileName, button) {
  button.disabled = true;
  showMessage(badgesMessage, '');
  try {
    await download(`/events/${competition.eventId}/badges?${query}&lang=${getLang()}`, fileName);
  } catch (e) {
    showMessage(badgesMessage, errorText(e));
  } finally {
    button.disabled = false;
  }
}

document.getElementById('badges-competition').addEventListener('click', (ev) =>
  badges(`competitionId=${competition.id}`, `badges-${competition.id}.pdf`, ev.target));
document.getElementById('badges-unit-button').addEventListener('click', (ev) => {
  const unitId = document.getElementById('badges-unit').value;
  badges(`unitId=${unitId}`, `badges-unit-${unitId}.pdf`, ev.target);
});

// ---- check-in ----
const checkinMessage = document.getElementById('checkin-message');
let lastCode = null;
let lastAt = 0;

/** Checks in by {code} (scanned or typed) or {entryId} (a row's button), for this competition only. */
async function checkIn(what, button) {
  if (typeof what === 'string') what = { code: what.trim() };
  if (what.code === '') return;
  if (button) button.disabled = true;
  try {
    const r = await api('/checkins', { method: 'POST', body: { ...what, competitionId: competition.id },
      headers: { 'Idempotency-Key': newKey() } });
    const name = r.entry.displayName;
    const time = fmtTime(r.checkedInAt);
    showMessage(checkinMessage, r.alreadyCheckedIn ? t('checkin.already', { name, time }) : t('checkin.ok', { name, time }),
      r.alreadyCheckedIn ? 'warn' : 'ok');
  } catch (e) {
    showMessage(checkinMessage, errorText(e));
  } finally {
    if (button) button.disabled = false;
  }
}

document.getElementById('checkin-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const input = document.getElementById('checkin-code');
  checkIn(input.value);
  input.value = '';
});

let stream = null;
const video = document.getElementById('video');
const cameraButton = document.getElementById('camera');
cameraButton.addEventListener('click', async () => {
  if (stream) {
    stream.getTracks().forEach((tr) => tr.stop());
    stream = null;
    video.hidden = true;
    cameraButton.textContent = t('checkin.start');
    return;
  }
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    cameraButton.textContent = t('checkin.stop');
    scan();
  } catch {
    stream = null;
    showMessage(checkinMessage, t('checkin.noCamera'), 'warn');
  }
});

function scan() {
  if (!stream) return;
  if (video.readyState >= 2 && window.jsQR) {
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(video, 0, 0);
    const found = window.jsQR(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
    // The same code held in front of the camera is sent once, not on every frame.
    if (found && found.data && (found.data !== lastCode || Date.now() - lastAt > 3000)) {
      lastCode = found.data;
      lastAt = Date.now();
      checkIn(found.data);
    }
  }
  requestAnimationFrame(scan);
}

window.addEventListener('langchange', () => render(null));
