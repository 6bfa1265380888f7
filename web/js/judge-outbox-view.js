// The judge tablet's outbox as the judge sees it: every mark is stored in IndexedDB (outbox.js)
// with the Idempotency-Key made when the judge pressed submit, then sent in order; a network
// failure keeps it queued and it is retried with the same key. A refused mark stays until the
// judge fixes and resends it (a new key: it is a new mark) or discards it; the sync line never
// says "all synced" while one is refused.
import { t, errorText } from './i18n.js';
import { api, getSession, newKey } from './api.js';
import { showMessage } from './ui.js';
import { confirmNamed } from './confirm.js';
import { desk, $, userId, mine, open, rowFor, readJson, markScored } from './judge-state.js';
import { fillForm } from './judge-form.js';
import { renderEntries, firstInput } from './judge-list.js';

const RETRY_MS = 4000;
const LEGACY_OUTBOX = 'gala.outbox';
let flushing = false;
// The last send found no network. navigator.onLine alone says "online" on a venue Wi-Fi with no way
// out (and on a page a service worker served while the tab was offline), so the sync line also
// believes the last attempt.
let unreachable = false;

const say = (text, kind) => showMessage($('message'), text, kind);

/** Marks left in the outbox of the earlier, localStorage-only page are moved into IndexedDB once. */
export async function importLegacyOutbox() {
  const old = readJson(LEGACY_OUTBOX, []);
  for (const item of old) {
    if (!desk.outbox.get(item.key)) await desk.outbox.add({ ...item, kind: item.kind || 'score', body: item.body || { entryId: item.entryId, value: item.value } });
  }
  localStorage.removeItem(LEGACY_OUTBOX);
}

/** Stores the item (it is on disk before anything is sent), then sends what waits. */
export async function enqueue(item) {
  await desk.outbox.add({ key: newKey(), userId: userId(), competitionId: desk.competitionId, ...item });
  say('');
  flush();
}

function requestOf(item) {
  if (item.kind === 'problem') return { path: `/competitions/${item.competitionId}/problems`, body: item.body };
  if (item.kind === 'match') {
    return { path: `/competitions/${item.competitionId}/draw/matches/${item.matchId}/result`, body: item.body };
  }
  return { path: `/competitions/${item.competitionId}/scores`, body: item.body };
}

/** Sends the signed-in judge's queued marks in order; stops at the first failure worth retrying. */
export async function flush() {
  const outbox = desk.outbox;
  if (flushing || !getSession() || !outbox) return;
  flushing = true;
  try {
    for (const item of mine(open)) {
      if (!outbox.get(item.key)) continue; // discarded meanwhile
      await outbox.patch(item.key, { state: 'sent' });
      const name = item.entryName ?? item.entryId ?? item.matchId;
      try {
        const { path, body } = requestOf(item);
        await api(path, { method: 'POST', body, headers: { 'Idempotency-Key': item.key } });
        unreachable = false;
        await outbox.patch(item.key, { state: 'saved', error: null });
        if (item.kind === 'score') markScored(item.competitionId, item.entryId);
        say(item.kind === 'problem' ? t('judge.problemSent') : t('judge.saved', { name, value: item.label }), 'ok');
      } catch (e) {
        if (e.status === 401 || e.retryable) {
          if (e.status === 0) unreachable = true;
          await outbox.patch(item.key, { state: 'queued' }); // kept, retried with the same key
          say(t(e.status === 401 ? 'judge.sessionExpired' : 'judge.queued'), 'warn');
          break;
        }
        await outbox.patch(item.key, { state: 'refused', error: { status: e.status, code: e.code, details: e.details } });
        say(`${name} ${item.label}: ${errorText(e)}`);
      }
    }
  } finally {
    flushing = false;
    desk.renderAll();
  }
}

/** The sync line: refused, waiting, offline, or all synced. */
export function renderSync() {
  const syncEl = $('pending-sync');
  const pending = mine(open).length;
  const refused = mine((i) => i.state === 'refused').length;
  syncEl.dataset.count = String(pending);
  syncEl.dataset.refused = String(refused);
  const parts = [];
  if (refused) parts.push(t('judge.refusedSync', { n: refused }));
  if (pending) parts.push(t('judge.pendingSync', { n: pending }));
  if ((!navigator.onLine || unreachable) && (pending || !refused)) parts.push(t('judge.offlineNote'));
  syncEl.textContent = parts.length ? parts.join(' · ') : t('judge.allSynced');
}

/** Puts a refused mark back in the form, on its athlete, to be corrected and sent as a new mark. */
export function fix(item) {
  desk.fixing = item.key;
  if (rowFor(String(item.entryId))) {
    desk.selectedEntry = String(item.entryId);
    fillForm(item.body || {});
    renderEntries();
    firstInput().focus();
    firstInput().select?.();
  } else {
    say(errorText(item.error)); // the athlete is gone from the list: discard is what is left
    desk.fixing = null;
  }
}

export async function discard(item) {
  if (!(await confirmNamed('discardMark', { name: item.entryName ?? item.entryId ?? '', value: item.label }))) return;
  if (desk.fixing === item.key) desk.fixing = null;
  await desk.outbox.remove(item.key);
  say(t('judge.discarded', { name: item.entryName ?? item.entryId ?? '', value: item.label }), 'ok');
}

/** Retries what waits every few seconds while online, and at once when the network is back. */
export function keepSending(onOnline) {
  setInterval(() => { if (mine(open).length && navigator.onLine) flush(); }, RETRY_MS);
  window.addEventListener('online', () => {
    unreachable = false;
    renderSync();
    flush();
    onOnline();
  });
  window.addEventListener('offline', renderSync);
}
