// The service worker of the two pages that must not wait on the network. Registered twice, once per
// page, each registration with its own scope, cache and behaviour:
// - scope /judge.html (judge.js): the judge tablet. Keeps judge.html and everything it loads (its
//   module graph, styles, manifest and icons) so the page opens with no network, also after a reload
//   or a restart. Files come from the network first (a fresh deploy wins), with a short wait before
//   the kept copy answers, because venue Wi-Fi often hangs rather than fails.
// - scope /scoreboard.html (scoreboard.js): a returning spectator. The last copy of each scoreboard
//   page (its rows in the HTML, gala.pages.ScoreboardPage) and the page's scripts answer at once
//   from the cache, and the network refreshes them behind (stale-while-revalidate); the copy served
//   is marked (data-kept on <body>), so the page says "updating" and since when (the rows' time,
//   written by the server) until its live socket has caught up. On a slow phone connection that is rows on
//   screen with no round trip instead of one 2 s round trip per request.
// Only those files are answered here; every other request (the API, the live socket, other pages)
// goes to the network untouched.
const SCOREBOARD = new URL(self.registration.scope).pathname === '/scoreboard.html';
const CACHE = SCOREBOARD ? 'gala-scoreboard-v1' : 'gala-judge-v1';
const START = SCOREBOARD ? ['/scoreboard.html']
  : ['/judge.html', '/manifest.json', '/icons/judge-192.png', '/icons/judge-512.png'];
const NETWORK_WAIT_MS = 3000;
/** Scoreboard pages kept (the most recently opened ones). */
const KEPT_BOARDS = 20;

/** Same-origin paths a page or module names: <script src>, <link href>, static and dynamic imports. */
function references(text, base) {
  const found = new Set();
  const patterns = [
    /<script[^>]+src="([^"]+)"/g, /<link[^>]+href="([^"]+)"/g,
    /\bimport\s*(?:[^'"()]*?\sfrom\s*)?['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const p of patterns) {
    for (const m of text.matchAll(p)) {
      if (m[1].startsWith('data:')) continue;
      const url = new URL(m[1], base);
      if (url.origin === self.location.origin) found.add(url.pathname);
    }
  }
  return found;
}

/**
 * The page and the whole graph of files it loads, into the cache: fetched fresh for the judge; for
 * the scoreboard through the HTTP cache (the page that registers the worker has just loaded them, and
 * each fresh fetch costs a round trip on the phone's connection).
 */
async function keepAll() {
  const cache = await caches.open(CACHE);
  const seen = new Set();
  const queue = [...START];
  while (queue.length) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const res = await fetch(path, { cache: SCOREBOARD ? 'default' : 'no-cache' });
    if (!res.ok) throw new Error(path + ': ' + res.status);
    await cache.put(path, res.clone());
    if (/\.(html|js|css)$/.test(path)) {
      for (const next of references(await res.text(), new URL(path, self.location.origin))) {
        if (!seen.has(next) && /\.(html|js|css|json|png|svg|woff2?)$/.test(next)) queue.push(next);
      }
    }
  }
  return seen;
}

self.addEventListener('install', (event) => {
  event.waitUntil(keepAll().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Only this role's older caches: the other registration's cache is not ours to drop.
    const prefix = CACHE.replace(/-v\d+$/, '-');
    for (const name of await caches.keys()) {
      if (name !== CACHE && name.startsWith(prefix)) await caches.delete(name);
    }
    await self.clients.claim();
    if (SCOREBOARD) await keepOpenBoards();
  })());
});

/** The paths this worker answers: the judge page (any query) and the static files it keeps. */
function ours(url) {
  if (url.origin !== self.location.origin) return false;
  const p = url.pathname;
  return p === '/judge.html' || p === '/manifest.json' || p.startsWith('/js/') || p.startsWith('/css/')
    || p.startsWith('/icons/') || p.startsWith('/vendor/');
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  const key = new URL(request.url).pathname;
  const fromNetwork = fetch(request).then((res) => {
    if (res.ok) cache.put(key, res.clone());
    return res;
  });
  const kept = await cache.match(key);
  if (!kept) return fromNetwork;
  fromNetwork.catch(() => {}); // answered from the cache below
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), NETWORK_WAIT_MS));
  try {
    const res = await Promise.race([fromNetwork, timeout]);
    return res && res.ok ? res : kept;
  } catch {
    return kept;
  }
}

// ---------- the scoreboard: the last copy at once, the network behind ----------

/** A scoreboard page's key in the cache: its competition (the language is the page script's business). */
function boardKey(url) {
  const id = url.searchParams.get('competition');
  return id && /^\d{1,18}$/.test(id) ? '/scoreboard.html?competition=' + id : null;
}

/** Fetches a board page into the cache (only a filled one: its rows in it), keeping the newest few. */
async function keepBoard(key, request = key) {
  const res = await fetch(request, { cache: 'no-store' });
  if (res.ok && (res.headers.get('content-type') || '').startsWith('text/html')) {
    const cache = await caches.open(CACHE);
    await cache.delete(key); // re-put last, so the cache's order is the order of visits
    await cache.put(key, res.clone());
    const boards = (await cache.keys()).filter((r) => new URL(r.url).searchParams.has('competition'));
    for (const old of boards.slice(0, Math.max(0, boards.length - KEPT_BOARDS))) await cache.delete(old);
  }
  return res;
}

/** The boards the pages that registered this worker show, so their next visit is already warm. */
async function keepOpenBoards() {
  for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
    const key = boardKey(new URL(client.url));
    if (key) await keepBoard(key).catch(() => {});
  }
}

/** The kept page, marked as such (data-kept on <body>), so it never passes for a live one. */
async function marked(kept) {
  const html = (await kept.text()).replace('<body', '<body data-kept="true"');
  const headers = new Headers(kept.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Response(html, { status: kept.status, statusText: kept.statusText, headers });
}

async function board(event, key) {
  const kept = await (await caches.open(CACHE)).match(key);
  const fresh = keepBoard(key, event.request);
  if (!kept) return fresh;
  event.waitUntil(fresh.catch(() => {}));
  return marked(kept);
}

async function staleWhileRevalidate(event) {
  const cache = await caches.open(CACHE);
  const key = new URL(event.request.url).pathname;
  const fresh = fetch(event.request).then((res) => {
    if (res.ok) return cache.put(key, res.clone()).then(() => res);
    return res;
  });
  const kept = await cache.match(key);
  if (!kept) return fresh;
  event.waitUntil(fresh.catch(() => {}));
  return kept;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (SCOREBOARD) {
    const key = url.origin === self.location.origin && url.pathname === '/scoreboard.html' ? boardKey(url) : null;
    if (key && request.mode === 'navigate') event.respondWith(board(event, key));
    else if (ours(url) && url.pathname !== '/judge.html') event.respondWith(staleWhileRevalidate(event));
    return;
  }
  if (!ours(url)) return;
  event.respondWith(networkFirst(request));
});
