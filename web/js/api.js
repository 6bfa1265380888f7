// fetch wrapper for /api/v1: JSON in and out, Bearer token from the stored session,
// one refresh attempt on 401, errors as ApiError carrying the server's code.

const SESSION_KEY = 'gala.session';

/**
 * A fresh Idempotency-Key (a v4 UUID). crypto.randomUUID exists only in secure contexts, and pages
 * served over plain http on a venue LAN are not one, so build it from getRandomValues there.
 */
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status; // 0 when the network failed
    this.code = code;
    this.details = details || {};
  }

  /** True when the request may have not reached the server or the server was not able to answer. */
  get retryable() {
    return this.status === 0 || this.status >= 500 || this.status === 408 || this.status === 429
      || this.code === 'IDEMPOTENCY_IN_FLIGHT';
  }
}

export function getSession() {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION_KEY));
    return s && s.accessToken ? s : null;
  } catch {
    return null;
  }
}

function saveSession(s) {
  if (s) {
    localStorage.setItem(SESSION_KEY, JSON.stringify({
      accessToken: s.accessToken, refreshToken: s.refreshToken, user: s.user,
    }));
  } else {
    localStorage.removeItem(SESSION_KEY);
  }
  window.dispatchEvent(new CustomEvent('sessionchange', { detail: getSession() }));
}

let refreshing = null;

/**
 * Runs fn while no other tab of this origin refreshes (Web Locks, where the browser offers them):
 * two tabs spending the same rotating refresh token would look like a stolen token to the server.
 */
function oneTabAtATime(fn) {
  return navigator.locks ? navigator.locks.request('gala.refresh', fn) : fn();
}

/** Exchanges the refresh token once (concurrent callers share the attempt); false if it failed. */
async function refresh() {
  const s = getSession();
  if (!s || !s.refreshToken) return false;
  if (!refreshing) {
    refreshing = oneTabAtATime(async () => {
      const now = getSession();
      if (!now) return false;
      if (now.refreshToken !== s.refreshToken) return true; // another tab refreshed meanwhile
      try {
        const r = await raw('POST', '/auth/refresh', { refreshToken: s.refreshToken }, null, {});
        saveSession({ ...r, user: r.user || s.user });
        return true;
      } catch (e) {
        // Only a definite refusal ends the session (and only the session it refused: the page may
        // hold a newer one meanwhile); a network failure leaves it for later.
        const current = getSession();
        if (!e.retryable && current && current.refreshToken === s.refreshToken) saveSession(null);
        return false;
      }
    }).finally(() => { refreshing = null; });
  }
  return refreshing;
}

/**
 * A new access token now (the live connection renews before expiry, and once after the server
 * refused its token): 'ok', 'refused' (the session is over and forgotten) or 'offline'.
 */
export async function renewSession() {
  const before = getSession();
  if (!before) return 'refused';
  if (await refresh()) return 'ok';
  const now = getSession();
  if (!now) return 'refused';
  return now.refreshToken !== before.refreshToken ? 'ok' : 'offline';
}

/** Forgets the stored session without asking the server (it already ended it). */
export function forgetSession() {
  saveSession(null);
}

async function raw(method, path, body, token, headers) {
  const h = { Accept: 'application/json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (token) h.Authorization = 'Bearer ' + token;
  let res;
  try {
    res = await fetch('/api/v1' + path, {
      method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e.message);
  }
  const text = await res.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { /* not JSON */ }
  }
  if (!res.ok) {
    const err = (json && json.error) || {};
    throw new ApiError(res.status, err.code || 'HTTP_' + res.status, err.message || res.statusText, err.details);
  }
  return json;
}

/**
 * api('/events') or api('/competitions/1/scores', {method:'POST', body, headers}).
 * The stored access token is sent when there is one; on 401 the session is refreshed once.
 */
export async function api(path, { method = 'GET', body, headers = {}, auth = true } = {}) {
  const s = auth ? getSession() : null;
  try {
    return await raw(method, path, body, s && s.accessToken, headers);
  } catch (e) {
    if (e.status === 401 && s && (await refresh())) {
      return raw(method, path, body, getSession().accessToken, headers);
    }
    throw e;
  }
}

const actionKeys = new Map(); // one Idempotency-Key per user action, kept while it may be retried

/**
 * A retryable write (a withdrawal, a bib, a removal) under one Idempotency-Key per action: the same
 * action tried again after an answer that may not have arrived (no network, a 5xx) reuses its key, so
 * the server does it at most once and answers the retry with its first reply; any real answer ends it.
 */
export async function apiOnce(path, { method = 'POST', body, headers = {} } = {}) {
  const action = `${method} ${path} ${JSON.stringify(body ?? null)}`;
  const key = actionKeys.get(action) || newKey();
  actionKeys.set(action, key);
  try {
    const r = await api(path, { method, body, headers: { ...headers, 'Idempotency-Key': key } });
    actionKeys.delete(action);
    return r;
  } catch (e) {
    if (!e.retryable) actionKeys.delete(action);
    throw e;
  }
}

export async function login(email, password) {
  const r = await raw('POST', '/auth/login', { email, password }, null, {});
  saveSession(r);
  return getSession();
}

/** Creates an account ({email, password, displayName, role}) and signs it in. */
export async function signup(body) {
  const r = await raw('POST', '/auth/signup', body, null, {});
  saveSession(r);
  return getSession();
}

/** Stores a session the server answered (a password change or reset signs in anew). */
export function useSession(session) {
  saveSession(session);
  return getSession();
}

/** Keeps the stored session's user in step after the profile changed (same tokens). */
export function updateSessionUser(user) {
  const s = getSession();
  if (s) saveSession({ ...s, user: { ...s.user, ...user } });
}

export async function logout() {
  const s = getSession();
  saveSession(null);
  if (s && s.refreshToken) {
    try { await raw('POST', '/auth/logout', { refreshToken: s.refreshToken }, null, {}); } catch { /* gone anyway */ }
  }
}

/** A JWT's claims (exp, iat, ...), read without checking it (the server does); null if unreadable. */
export function tokenClaims(token) {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return null;
  }
}

/** An access token that is still fresh enough for a WebSocket auth frame, refreshing if needed. */
export async function freshToken() {
  const s = getSession();
  if (!s) return null;
  try {
    const payload = tokenClaims(s.accessToken);
    // Renew within the last third of its life (at most 30 s): a short-lived token (tests, strict
    // sites) would otherwise be renewed on every call, and every renewal announces a session change.
    const life = payload.iat ? (payload.exp - payload.iat) * 1000 : 90000;
    if (payload.exp && payload.exp * 1000 - Date.now() < Math.min(30000, life / 3)) await refresh();
  } catch { /* not a readable JWT: use it as is */ }
  const now = getSession();
  return now ? now.accessToken : null;
}
