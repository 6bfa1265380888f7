// The judge tablet's service worker (registered by judge.js with scope /judge.html, so it controls
// that page only): keeps judge.html and everything it loads (its module graph,
// styles, manifest and icons) so the page opens with no network, also after a reload or a restart.
// Only those files are answered here; every other request (the API, the live socket, other pages)
// goes to the network untouched. Files come from the network first (a fresh deploy wins), with a
// short wait before the kept copy answers, because venue Wi-Fi often hangs rather than fails.
const CACHE = 'gala-judge-v1';
const START = ['/judge.html', '/manifest.json', '/icons/judge-192.png', '/icons/judge-512.png'];
const NETWORK_WAIT_MS = 3000;

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

/** judge.html and the whole graph of files it loads, fetched fresh into the cache. */
async function keepAll() {
  const cache = await caches.open(CACHE);
  const seen = new Set();
  const queue = [...START];
  while (queue.length) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const res = await fetch(path, { cache: 'no-cache' });
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
    for (const name of await caches.keys()) {
      if (name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
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

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!ours(url)) return;
  event.respondWith(networkFirst(request));
});
