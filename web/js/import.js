// Import a unit's spreadsheet: upload, then a progress bar fed by the live topic import:<jobId>,
// and every rejected row with its line number.
import './i18n/registration.js';
import { initI18n, t, errorText, getLang } from './i18n.js';
import { api, freshToken, getSession, newKey } from './api.js';
import { LiveClient } from './live.js';
import { el, showMessage, bindLiveState } from './ui.js';
import { signInBox, download, followPrivate } from './reg-session.js';
import { organisesOrSay, sayInstead } from './organisers-only.js';

initI18n();

const eventId = new URLSearchParams(location.search).get('event');
const message = document.getElementById('message');
const live = new LiveClient();
bindLiveState(document.getElementById('live-state'), live);
let job = null;
let fileLines = []; // the chosen file's lines, so an error row can show what that line says

signInBox(document.getElementById('session'), async () => {
  if (!eventId || !/^\d+$/.test(eventId)) {
    sayInstead(() => t('gate.noEvent'), [{ href: '/organise.html', label: () => t('gate.console') }]);
    return;
  }
  try {
    const event = await api(`/events/${encodeURIComponent(eventId)}`);
    document.getElementById('event-name').textContent = event.title;
    if (!(await organisesOrSay(event.id))) return;
    const units = (await api(`/events/${event.id}/units`)).items || [];
    const competitions = (await api(`/events/${event.id}/competitions`)).items || [];
    document.getElementById('template').onclick = () => template(competitions, units);
    document.getElementById('unit').replaceChildren(el('option', { value: '' }, t('reg.unitNone')),
      ...units.map((u) => el('option', { value: u.id }, u.name)));
    document.getElementById('desk').hidden = false;
    live.auth(await freshToken());
    live.connect();
  } catch (e) {
    showMessage(message, errorText(e));
  }
});

document.getElementById('import-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  showMessage(message, '');
  const file = document.getElementById('file').files[0];
  if (!file) {
    showMessage(message, t('import.noFile'));
    document.getElementById('file').focus();
    return;
  }
  const unit = document.getElementById('unit').value;
  const params = new URLSearchParams({ fileName: file.name });
  if (unit) params.set('unitId', unit);
  const button = document.getElementById('import-button');
  button.disabled = true;
  try {
    fileLines = await file.text().then((text) => text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)).catch(() => []);
    const res = await fetch(`/api/v1/events/${encodeURIComponent(eventId)}/imports?${params}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'Idempotency-Key': newKey(), Authorization: 'Bearer ' + getSession().accessToken },
      body: file,
    });
    const json = await res.json().catch(() => null);
    if (!res.ok) {
      const err = (json && json.error) || {};
      throw Object.assign(new Error(err.message || res.statusText), { code: err.code || 'HTTP_' + res.status });
    }
    job = json;
    render();
    followPrivate(live, 'import:' + job.id, (data) => { if (data && data.id) { job = { ...job, ...data }; render(); } });
    // A job whose node died sends nothing more: ask now and then, so the page can say so.
    const poll = setInterval(async () => {
      if (!job || job.status !== 'RUNNING') { clearInterval(poll); return; }
      try { job = await api(`/imports/${job.id}`); render(); } catch { /* try again later */ }
    }, 30000);
  } catch (e) {
    showMessage(message, errorText(e));
  } finally {
    button.disabled = false;
  }
});

function render() {
  if (!job) return;
  document.getElementById('job').hidden = false;
  const progress = document.getElementById('progress');
  progress.max = Math.max(1, job.total);
  progress.value = job.done;
  progress.dataset.done = job.done;
  progress.dataset.total = job.total;
  document.getElementById('progress-text').textContent = t('import.progress', job);
  const status = document.getElementById('job-status');
  status.hidden = job.status === 'RUNNING' && !job.stalled;
  status.dataset.status = job.status;
  const broken = job.status === 'FAILED' || job.stalled;
  status.dataset.kind = broken ? 'error' : 'ok';
  status.textContent = broken ? t('import.failedJob') : t('import.done');
  // Each refused row in a sentence of the page's language, with what that line of the file says
  // (the server's own message is for developers: English, and names fields by their API names).
  document.getElementById('errors').replaceChildren(...(job.errors || []).filter(Boolean).map((e) => {
    const line = fileLines[e.line - 1];
    return el('tr', { dataset: { line: e.line, code: e.code } }, el('td', { class: 'line' }, String(e.line)),
      el('td', { class: 'problem' }, el('div', { class: 'sentence' }, errorText({ code: e.code })),
        line ? el('div', { class: 'row-text muted' }, line.split(',').map((c) => c.trim() || '—').join(' · ')) : null));
  }));
}

document.getElementById('export-all').addEventListener('click', () =>
  download(`/events/${encodeURIComponent(eventId)}/entries/export`, `entries-event-${eventId}.csv`)
    .catch((e) => showMessage(message, errorText(e))));

window.addEventListener('langchange', render);

/**
 * A spreadsheet to fill in: the header in the page's language, then one row per competition of
 * the event carrying its exact name (so the import finds it) for the organiser to copy beside
 * each athlete; UTF-8 with a BOM for Excel. A row left without a name is reported, not imported.
 */
function template(competitions, units) {
  const cell = (v) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  const header = getLang() === 'zh' ? ['姓名', '性别', '出生日期', '项目', '组别', '单位'] : ['name', 'gender', 'birthDate', 'competition', 'division', 'unit'];
  const unit = units.length === 1 ? units[0].name : '';
  const rows = competitions.map((c) => ['', '', '', c.name, '', unit]);
  const csv = '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = el('a', { href: url, download: t('import.tpl.file') });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
