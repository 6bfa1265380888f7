// The live protocol client: WebSocket /ws, snapshot + gap-free versioned deltas per topic,
// resubscribe with `since` on a gap, reconnect with backoff (1s, 2s, 5s).

/**
 * Applies a delta to a snapshot; a port of gala.platform.JsonDiff.apply.
 * {"set":{..}, "unset":[..], "lists":{"rows":{"upsert":[..], "remove":[..], "order":[..]}}}
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
  if (!d.order) return [...rows.values()];
  return d.order.map((id) => (rows.has(String(id)) ? rows.get(String(id)) : null));
}

const BACKOFF_MS = [1000, 2000, 5000];
const PING_MS = 25000;
const RESYNC_TIMEOUT_MS = 5000;

/**
 * One WebSocket for a page. States: 'connecting' (first attempt), 'live', 'reconnecting'.
 * subscribe(topic, onData) calls onData(data, version, topic, change) with the full, current document;
 * change is {type: 'snapshot'} or {type: 'delta', delta} (the applied delta: set/unset/lists with
 * upsert/remove/order per keyed list), so a page can patch only the rows that changed.
 */
export class LiveClient {
  constructor(url = defaultUrl()) {
    this.url = url;
    this.ws = null;
    this.token = null;
    this.topics = new Map(); // topic -> {onData, version, data, resyncAt}
    this.stateListeners = new Set();
    this.errorListeners = new Set();
    this.state = 'connecting';
    this.attempt = 0;
    this.everConnected = false;
    this.closed = false;
    this.reconnectTimer = null;
    this.pingTimer = null;
    // The browser knows before the socket does: drop the socket when the device goes offline and
    // reconnect (resuming each topic with `since`) as soon as it is back online.
    window.addEventListener('offline', () => this.dropForOffline());
    window.addEventListener('online', () => {
      this.attempt = 0;
      clearTimeout(this.reconnectTimer);
      this.connect();
    });
  }

  connect() {
    if (this.closed || (this.ws && this.ws.readyState <= WebSocket.OPEN)) return this;
    if (navigator.onLine === false) {
      this.scheduleReconnect();
      return this;
    }
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return this;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.everConnected = true;
      if (this.token) this.send({ op: 'auth', token: this.token });
      for (const [topic, sub] of this.topics) this.sendSubscribe(topic, sub);
      this.setState('live');
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
    return this;
  }

  /** Authenticates this connection now and after every reconnect; null forgets the token. */
  auth(token) {
    this.token = token;
    if (token) this.send({ op: 'auth', token });
  }

  subscribe(topic, onData) {
    const sub = { onData, version: null, data: null, resyncAt: 0 };
    this.topics.set(topic, sub);
    this.sendSubscribe(topic, sub);
    return () => this.unsubscribe(topic);
  }

  unsubscribe(topic) {
    if (this.topics.delete(topic)) this.send({ op: 'unsubscribe', topic });
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
      this.errorListeners.forEach((l) => l(msg));
      const sub = msg.topic && this.topics.get(msg.topic);
      if (sub && msg.code === 'UNAVAILABLE') {
        setTimeout(() => this.topics.get(msg.topic) === sub && this.sendSubscribe(msg.topic, sub), 1000);
      }
      return;
    }
    const sub = this.topics.get(msg.topic);
    if (!sub) return;
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

function defaultUrl() {
  return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
}
