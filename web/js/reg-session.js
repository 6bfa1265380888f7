// Sign-in box shared by the registration pages: shows a login form until a session exists.
import { t } from './i18n.js';
import { getSession, login, logout, freshToken, ApiError } from './api.js';
import { el, showMessage } from './ui.js';
import { errorText, formatTime } from './i18n.js';
import './i18n/account.js';
import { accountUrl } from './header.js';

/**
 * Renders into box; calls onSession(session) now if signed in, else after a successful login. When
 * the session ends while the page runs (it expired for good, or was signed out elsewhere) the form
 * comes back, and signing in again reloads the page under the new session.
 */
export function signInBox(box, onSession) {
  let started = false;
  const render = () => {
    const s = getSession();
    if (s) {
      box.replaceChildren(el('div', { class: 'bar' },
        el('span', { class: 'muted', id: 'whoami' }, t('reg.signedInAs', { name: (s.user && s.user.displayName) || '' })),
        el('button', { type: 'button', class: 'secondary small', id: 'signout', onclick: async () => { await logout(); location.reload(); } },
          t('reg.signOut'))));
      return;
    }
    const msg = el('p', { class: 'message', hidden: true });
    const email = el('input', { type: 'email', id: 'email', autocomplete: 'username', required: true });
    const password = el('input', { type: 'password', id: 'password', autocomplete: 'current-password', required: true });
    const form = el('form', { class: 'card form', id: 'signin-form' },
      el('h2', {}, t('reg.signIn')), msg,
      el('label', {}, el('span', {}, t('reg.email')), email),
      el('label', {}, el('span', {}, t('reg.password')), password),
      el('button', { type: 'submit', id: 'signin-button' }, t('reg.signInButton')),
      // No account yet: sign up, then come back to this very page (a registration continues).
      el('p', { class: 'signup-hint' }, t('acc.noAccount'), ' ',
        el('a', { href: accountUrl('signup'), class: 'signup-link' }, t('acc.signUpTitle'))));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const session = await login(email.value.trim(), password.value);
        if (started) {
          location.reload();
          return;
        }
        started = true;
        render();
        onSession(session);
      } catch (e) {
        showMessage(msg, errorText(e));
      }
    });
    box.replaceChildren(form);
  };
  render();
  window.addEventListener('langchange', render);
  window.addEventListener('sessionchange', (ev) => {
    if (ev.detail || getSession()) return;
    box.hidden = false;
    render();
  });
  const s = getSession();
  if (s) {
    started = true;
    onSession(s);
  }
}

/** Fetches a binary resource with the session's token (for QR PNGs and CSV downloads). */
export async function fetchBlob(path) {
  const token = await freshToken();
  let res;
  try {
    res = await fetch('/api/v1' + path, { headers: token ? { Authorization: 'Bearer ' + token } : {}, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e.message);
  }
  if (!res.ok) {
    // A refusal is JSON like any other: its code is translated where it is shown.
    let err = {};
    try { err = (await res.json()).error || {}; } catch { /* not JSON */ }
    throw new ApiError(res.status, err.code || 'HTTP_' + res.status, err.message, err.details);
  }
  return res.blob();
}

/** Downloads a CSV export with the session's token. */
export async function download(path, fileName) {
  const blob = await fetchBlob(path);
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function fmtTime(iso) {
  return formatTime(iso, { dateStyle: 'short', timeStyle: 'medium' });
}

/**
 * Follows a private topic. The auth frame is checked asynchronously on the server, so a subscribe
 * right behind it may be refused as UNAUTHENTICATED: then it is retried shortly.
 */
export function followPrivate(live, topic, onData) {
  let tries = 0;
  live.onError((err) => {
    if (err.topic === topic && err.code === 'UNAUTHENTICATED' && tries < 20) {
      tries += 1;
      setTimeout(() => live.subscribe(topic, onData), 250);
    }
  });
  live.subscribe(topic, onData);
}
