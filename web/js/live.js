// The live protocol client: WebSocket /ws, snapshot + gap-free versioned deltas per topic,
// resubscribe with `since` on a gap, reconnect with backoff (1s, 2s, 5s). While the server cannot
// read a topic (UNAVAILABLE: its database is away) the state is 'unavailable', not 'live', and the
// topic is asked for again with backoff until it comes; pages report their own failed loads the same
// way (reportUnavailable), so the header never says "live" over a page that cannot load.
// A signed-in socket lives no longer than its access token (the server signs it out at exp): the
// client renews the token shortly before, and when the server refuses the token anyway (revoked,
// expired) it renews once; if that fails the page is signed out and says why (signedOutNotice).
import { getSession, renewSession, forgetSession, tokenClaims } from './api.js';
import { addStrings, errorText, t } from './i18n.js';

addStrings({
  zh: { 'live.signInAgain': '重新登录' },
  en: { 'live.signInAgain': 'Sign in again' },
});

/**
 * Applies a delta to a snapshot; a port of gala.platform.JsonDiff.apply.
 * {"set":{..}, "unset":[..], "lists":{"rows":{"upsert":[..], "patch":[..], "remove":[..], "order":[..]}}}
 */
export function applyDelta(snapshot, delta) {
  const out = { ...snapshot };
  const set = delta.set || {};
  for (const key of Object.keys(set)) {
    out[key] = set[key];
  }
  for (const key of delta.unset || []) {
    delete out[key];
  }
  const lists = delta.lists || {};
  for (const key of Object.keys(lists)) {
    out[key] = applyList(Array.isArray(out[key]) ? out[key] : [], lists[key]);
  }
  return out;
}

function applyList(list, d) {
  const rows = new Map();
  for (const r of list) rows.set(String(r.id), r);
  for (const id of d.remove || []) rows.delete(String(id));
  for (const r of d.upsert || []) rows.set(String(r.id), r);
  // A patch carries a row's changed fields alone (a rank that moved): merged into a new row object.
  for (const p of d.patch || []) {
    const r = rows.get(String(p.id));
    if (r) rows.set(String(p.id), { ...r, ...p });
  }
  if (!d.order) return [...rows.values()];
  return d.order.map((id) => (rows.has(String(id)) ? rows.get(String(id)) : null));
}

const BACKOFF_MS = [1000, 2000, 5000];
/** Asking again for what the server could not read: soon at first, then every 15 s at most. */
export const RETRY_MS = [1000, 2000, 5000, 10000, 15000];
/** Error frames (without a topic) that mean the socket's token no longer signs it in. */
const SIGNED_OUT_CODES = new Set(['SESSION_REVOKED', 'TOKEN_EXPIRED', 'UNAUTHENTICATED', 'REFRESH_TOKEN_REUSED']);
const NOTICE_KEY = 'gala.signedOut';
const REFUSAL_SETTLE_MS = 1500;
const PING_MS = 25000;
const RESYNC_TIMEOUT_MS = 5000;

/**
 * One WebSocket for a page. States: 'connecting' (first attempt), 'live', 'reconnecting', and
 * 'unavailable' (connected, but the server cannot read a topic or the page's data just now).
 * subscribe(topic, onData) calls onData(data, version, topic, change) with the full, current document;
 * change is {type: 'snapshot'} or {type: 'delta', delta} (the applied delta: set/unset/lists with
 * upsert/remove/order per keyed list), so a page can patch only the rows that changed.
 */
export class LiveClient {
  constructor(url = defaultUrl()) {
    this.url = url;
    this.ws = null;
    this.token = null;
    this.topics = new Map(); // topic -> {onData, version, data, resyncAt, unavailable, retries, retryTimer}
    this.unavailableLoads = new Set(); // what the page itself could not load (reportUnavailable)
    this.stateListeners = new Set();
    this.errorListeners = new Set();
    this.state = 'connecting';
    this.attempt = 0;
    this.everConnected = false;
    this.closed = false;
    this.reconnectTimer = null;
    this.pingTimer = null;
    this.renewTimer = null;
    this.renewing = null;
    this.renewedAfterRefusal = null; // the token a refusal was answered with: a second refusal signs out
    // The browser knows before the socket does: drop the socket when the device goes offline and
    // reconnect (resuming each topic with `since`) as soon as it is back online.
    window.addEventListener('offline', () => this.dropForOffline());
    window.addEventListener('online', () => {
      this.attempt = 0;
      clearTimeout(this.reconnectTimer);
      this.connect();
    });
  }

  /**
   * Opens the socket (once). `early` ({ws, topic, frames}, see scoreboard-early.js) is a socket a tiny
   * script opened and subscribed to one topic before this client existed: it is taken over with the
   * frames it heard, so that topic is not asked for twice.
   */
  connect(early = null) {
    if (this.closed || (this.ws && this.ws.readyState <= WebSocket.OPEN)) return this;
    if (navigator.onLine === false) {
      this.scheduleReconnect();
      return this;
    }
    const adopted = early && early.ws && early.ws.readyState <= WebSocket.OPEN && this.topics.has(early.topic) ? early : null;
    let ws;
    try {
      ws = adopted ? adopted.ws : new WebSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return this;
    }
    this.ws = ws;
    const opened = () => {
      this.attempt = 0;
      this.everConnected = true;
      if (this.token) this.send({ op: 'auth', token: this.token });
      for (const [topic, sub] of this.topics) {
        if (adopted && topic === adopted.topic && ws === adopted.ws) continue; // subscribed already
        this.sendSubscribe(topic, sub);
      }
      this.setState(this.unavailable() ? 'unavailable' : 'live');
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.send({ op: 'ping' }), PING_MS);
    };
    ws.onmessage = (ev) => this.onFrame(ev.data);
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      clearInterval(this.pingTimer);
      this.scheduleReconnect();
    };
    ws.onerror = () => { /* onclose follows and reconnects */ };
    if (adopted && ws.readyState === WebSocket.OPEN) {
      opened();
      // Heard before this client existed: handed on after connect() returns, as a socket's would be.
      const heard = adopted.frames.splice(0);
      Promise.resolve().then(() => heard.forEach((frame) => this.onFrame(frame)));
    } else if (adopted) {
      const subscribe = ws.onopen; // the early socket's own: subscribes its topic
      ws.onopen = () => {
        subscribe();
        opened();
      };
    } else {
      ws.onopen = opened;
    }
    return this;
  }

  /**
   * Authenticates this connection now and after every reconnect; null forgets the token. The
   * token is renewed shortly before it expires, so the socket stays signed in while the page is.
   */
  auth(token) {
    if (token === this.token && token) return;
    this.token = token;
    if (token) this.send({ op: 'auth', token });
    this.scheduleRenewal();
  }

  subscribe(topic, onData) {
    const sub = { onData, version: null, data: null, resyncAt: 0, unavailable: false, retries: 0, retryTimer: null };
    this.topics.set(topic, sub);
    this.sendSubscribe(topic, sub);
    return () => this.unsubscribe(topic);
  }

  unsubscribe(topic) {
    const sub = this.topics.get(topic);
    if (!sub) return;
    clearTimeout(sub.retryTimer);
    this.topics.delete(topic);
    this.send({ op: 'unsubscribe', topic });
    this.settleState();
  }

  /**
   * A page's own load (what) failed because the server could not answer (true), or has now
   * succeeded (false): the live state says 'unavailable' meanwhile. See retryLoad.
   */
  reportUnavailable(what, down) {
    if (down) this.unavailableLoads.add(what);
    else this.unavailableLoads.delete(what);
    this.settleState();
  }

  unavailable() {
    return this.unavailableLoads.size > 0 || [...this.topics.values()].some((s) => s.unavailable);
  }

  /** 'live' or 'unavailable' while the socket is open; the socket's own states otherwise. */
  settleState() {
    if (this.ws && this.ws.readyState === WebSocket.OPEN && (this.state === 'live' || this.state === 'unavailable')) {
      this.setState(this.unavailable() ? 'unavailable' : 'live');
    }
  }

  /** listener(state) now and on every change; returns a function that removes it. */
  onState(listener) {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  /** listener({code, message, topic}) for server error frames. */
  onError(listener) {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  close() {
    this.closed = true;
    clearTimeout(this.renewTimer);
    clearTimeout(this.reconnectTimer);
    clearInterval(this.pingTimer);
    if (this.ws) this.ws.close();
  }

  // ---- internals ----

  dropForOffline() {
    const ws = this.ws;
    if (!ws || this.closed) return;
    this.ws = null;
    ws.onmessage = null;
    clearInterval(this.pingTimer);
    ws.close();
    this.scheduleReconnect();
  }

  send(frame) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  sendSubscribe(topic, sub) {
    const frame = { op: 'subscribe', topic };
    if (sub.version != null) frame.since = sub.version;
    sub.resyncAt = Date.now();
    this.send(frame);
  }

  onFrame(text) {
    let msg;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (msg.type === 'error') {
      if (!msg.topic && this.token && SIGNED_OUT_CODES.has(msg.code)) {
        this.refused(msg.code);
        return;
      }
      this.errorListeners.forEach((l) => l(msg));
      const sub = msg.topic && this.topics.get(msg.topic);
      if (sub && msg.code === 'UNAVAILABLE') {
        sub.unavailable = true;
        this.settleState();
        const delay = RETRY_MS[Math.min(sub.retries, RETRY_MS.length - 1)];
        sub.retries += 1;
        clearTimeout(sub.retryTimer);
        sub.retryTimer = setTimeout(() => this.topics.get(msg.topic) === sub && this.sendSubscribe(msg.topic, sub), delay);
      }
      return;
    }
    const sub = this.topics.get(msg.topic);
    if (!sub) return;
    if (sub.unavailable) {
      sub.unavailable = false;
      sub.retries = 0;
      this.settleState();
    }
    if (msg.type === 'snapshot') {
      sub.version = msg.version;
      sub.data = msg.data;
      sub.resyncAt = 0;
      sub.onData(sub.data, sub.version, msg.topic, { type: 'snapshot' });
    } else if (msg.type === 'delta') {
      if (sub.version == null || msg.version <= sub.version) return; // before the snapshot, or a replayed one
      if (msg.version !== sub.version + 1) {
        // A gap: ask for what we missed unless a resubscribe is already on its way.
        if (!sub.resyncAt || Date.now() - sub.resyncAt > RESYNC_TIMEOUT_MS) this.sendSubscribe(msg.topic, sub);
        return;
      }
      sub.version = msg.version;
      const delta = msg.data || {};
      sub.data = applyDelta(sub.data, delta);
      sub.resyncAt = 0;
      sub.onData(sub.data, sub.version, msg.topic, { type: 'delta', delta });
    }
  }

  scheduleRenewal() {
    clearTimeout(this.renewTimer);
    const claims = tokenClaims(this.token);
    if (!claims || !claims.exp) return;
    const life = claims.iat ? (claims.exp - claims.iat) * 1000 : 60000;
    // Ahead of expiry by a third of the lifetime (at most 30 s), each tab at a slightly different moment.
    const margin = Math.min(30000, life / 3) * (1 + Math.random() / 4);
    this.renewTimer = setTimeout(() => this.renew(), Math.max(0, claims.exp * 1000 - margin - Date.now()));
  }

  /** A fresh token for the socket: 'ok', 'refused' or 'offline' (then it is tried again shortly). */
  renew() {
    if (!this.renewing) {
      const had = this.token;
      this.renewing = renewSession().then((outcome) => {
        const s = getSession();
        if (outcome === 'ok' && s && this.token === had) {
          this.token = null; // so auth() sends the new one
          this.auth(s.accessToken);
        } else if (outcome === 'offline' && this.token === had) {
          clearTimeout(this.renewTimer);
          this.renewTimer = setTimeout(() => this.renew(), 5000);
        }
        return outcome;
      }).finally(() => { this.renewing = null; });
    }
    return this.renewing;
  }

  /** The server no longer accepts the socket's token: renew it once, else sign the page out. */
  async refused(code) {
    const token = this.token;
    // A page that has just changed its password gets its new session a moment after its sockets
    // hear that the old one ended: give the answer that moment before concluding anything.
    await new Promise((resolve) => { setTimeout(resolve, REFUSAL_SETTLE_MS); });
    if (this.closed || this.token !== token) return; // re-authenticated meanwhile
    if (this.adoptStoredSession(token)) return;
    if (token !== this.renewedAfterRefusal) {
      const outcome = await this.renew();
      if (outcome === 'ok') {
        this.renewedAfterRefusal = this.token;
        return;
      }
      if (outcome === 'offline') return; // the next connection sends the token again
    }
    if (!this.adoptStoredSession(token)) this.signedOut(code);
  }

  /** Signs the socket in with the stored session when that is a newer one than the refused token. */
  adoptStoredSession(refused) {
    const s = getSession();
    if (!s || s.accessToken === refused || s.accessToken === this.renewedAfterRefusal) return false;
    this.renewedAfterRefusal = s.accessToken;
    this.token = null;
    this.auth(s.accessToken);
    return true;
  }

  signedOut(code) {
    this.token = null;
    clearTimeout(this.renewTimer);
    forgetSession();
    // As the header's sign-out does: a fresh load shows the page as a signed-out visitor sees it, so
    // nothing private stays on screen; the reloaded page then says why (signedOutNotice).
    try { sessionStorage.setItem(NOTICE_KEY, code); } catch { /* private mode: reload without the notice */ }
    location.reload();
  }

  scheduleReconnect() {
    if (this.closed) return;
    this.setState(this.everConnected ? 'reconnecting' : 'connecting');
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt += 1;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  setState(state) {
    if (state === this.state) return;
    this.state = state;
    this.stateListeners.forEach((l) => l(state));
  }
}

/** After a sign-out by the live connection: one sentence in the page's language and a way back in. */
function signedOutNotice() {
  let code = null;
  try {
    code = sessionStorage.getItem(NOTICE_KEY);
    sessionStorage.removeItem(NOTICE_KEY);
  } catch { /* private mode */ }
  if (!code || getSession()) return;
  const box = document.createElement('div');
  box.id = 'signed-out-notice';
  box.className = 'signed-out-notice';
  box.setAttribute('role', 'alert');
  const render = () => {
    const text = document.createElement('span');
    text.textContent = errorText({ code: code === 'UNAUTHENTICATED' ? 'TOKEN_EXPIRED' : code }) + ' ';
    const link = document.createElement('a');
    // header.js by a dynamic import: as a static one it would put the header's whole module graph
    // in front of every live page's own (the scoreboard's is kept to two round trips on slow 3G).
    link.href = '/account.html?next=' + encodeURIComponent(location.pathname + location.search);
    import('./header.js').then(({ accountUrl }) => { link.href = accountUrl('signin'); });
    link.textContent = t('live.signInAgain');
    box.replaceChildren(text, link);
  };
  render();
  window.addEventListener('langchange', render);
  const place = () => {
    const header = document.querySelector('gala-header');
    if (header) header.after(box);
    else document.body.prepend(box);
  };
  if (document.body) place();
  else document.addEventListener('DOMContentLoaded', place, { once: true });
}

signedOutNotice();

function defaultUrl() {
  return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
}
