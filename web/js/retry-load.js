// A page's first load when the server cannot answer (503 while its database is away, or no
// network): the page says so in a sentence, the header's live state says 'unavailable', and the
// load is tried again with backoff until it succeeds; then the page shows its data, no reload.
import { RETRY_MS } from './live.js';

/**
 * Runs load() until it resolves. While it fails with a retryable error (ApiError.retryable),
 * onWait(error) runs (show the sentence) and the live client (the page's own, else the header's)
 * reports `what` as unavailable. Any other refusal (404, 403...) is thrown to the caller at once.
 */
export async function retryLoad(load, { live = null, what = 'page', onWait = () => {} } = {}) {
  const report = (down) => {
    const client = live || document.querySelector('gala-header')?.live;
    if (client && client.reportUnavailable) client.reportUnavailable(what, down);
  };
  for (let attempt = 0; ; attempt += 1) {
    try {
      const result = await load();
      report(false);
      return result;
    } catch (e) {
      if (!e || !e.retryable) {
        report(false);
        throw e;
      }
      report(true);
      onWait(e);
      await again(RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
    }
  }
}

/** Waits delay ms, or less when the device comes back online. */
function again(delay) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, delay);
    window.addEventListener('online', done);
  });
}
