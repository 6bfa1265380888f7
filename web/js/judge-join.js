// The judge-code redemption page (/judge-join.html?code=CODE[&event=ID&competition=ID]): a judge
// scans the organiser's QR code on a tablet (or types the short code), sees what they are invited
// to, signs in or creates an account in the same step, and lands on the judge page already
// assigned to that competition. The judge page itself is gameday's (judge.html).
import './i18n/account.js';
import './i18n/judge-join.js';
import { initI18n, t, errorText, formatTime } from './i18n.js';
import { api, getSession, useSession } from './api.js';
import { showMessage } from './ui.js';

initI18n();

const $ = (id) => document.getElementById(id);
const message = $('message');
const params = new URLSearchParams(location.search);
const where = {};
for (const [param, key] of [['event', 'eventId'], ['competition', 'competitionId']]) {
  if (/^\d+$/.test(params.get(param) || '')) where[key] = Number(params.get(param));
}
let code = (params.get('code') || '').trim();
let preview = null;

/** The code as the server stores it: case and dashes or spaces do not matter when typed. */
const normal = (c) => c.toUpperCase().replace(/[\s-]/g, '');

async function check() {
  showMessage(message, '');
  $('invite').hidden = true;
  $('join').hidden = true;
  if (!code) {
    $('code-form').hidden = false;
    return;
  }
  try {
    preview = await api('/judge-codes/preview', { method: 'POST', auth: false, body: { code: normal(code), ...where } });
  } catch (e) {
    preview = null;
    $('code-form').hidden = false;
    $('code').value = code;
    showMessage(message, errorText(e));
    return;
  }
  $('code-form').hidden = true;
  render();
}

function render() {
  if (!preview) return;
  $('invite').hidden = false;
  $('invite-line').textContent = t(preview.head ? 'jj.inviteHead' : 'jj.invite', { competition: preview.competition, event: preview.event });
  $('invite-meta').textContent = [preview.judgeName ? t('jj.for', { name: preview.judgeName }) : null,
    preview.expiresAt ? t('jj.validUntil', { time: formatTime(preview.expiresAt) }) : null].filter(Boolean).join(' · ');
  $('join').hidden = false;
  const session = getSession();
  $('as-me').hidden = !session;
  $('anon').hidden = !!session;
  if (session) $('as-me-line').textContent = t('jj.asMe', { name: (session.user && session.user.displayName) || '' });
}

async function redeem(button, extra) {
  button.disabled = true;
  showMessage(message, '');
  try {
    const r = await api('/judge-codes/redeem', { method: 'POST', auth: !extra, body: { code: normal(code), ...where, ...(extra || {}) } });
    if (r.session) useSession(r.session);
    location.assign(`/judge.html?competition=${encodeURIComponent(r.assignment.competitionId)}`);
  } catch (e) {
    showMessage(message, errorText(e));
    button.disabled = false;
  }
}

function missing(fields) {
  for (const [input, label] of fields) {
    if (!input.value.trim()) return [input, t('acc.required', { field: t(label) })];
    if (input.minLength > 0 && input.value.length < input.minLength) return [input, t('acc.tooShort')];
  }
  return null;
}

function refuse([input, text]) {
  input.setAttribute('aria-invalid', 'true');
  input.addEventListener('input', () => input.removeAttribute('aria-invalid'), { once: true });
  showMessage(message, text);
  input.focus();
}

$('code-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  code = $('code').value.trim();
  if (!code) return refuse([$('code'), t('acc.required', { field: t('jj.code') })]);
  const url = new URL(location.href);
  url.searchParams.set('code', normal(code));
  history.replaceState(null, '', url);
  return check();
});

$('join-me').addEventListener('click', () => redeem($('join-me'), null));
$('other-account').addEventListener('click', () => { $('as-me').hidden = true; $('anon').hidden = false; });

function tab(which) {
  const signup = which === 'signup';
  $('tab-signup').setAttribute('aria-selected', String(signup));
  $('tab-login').setAttribute('aria-selected', String(!signup));
  $('signup-form').hidden = !signup;
  $('login-form').hidden = signup;
}
$('tab-signup').addEventListener('click', () => tab('signup'));
$('tab-login').addEventListener('click', () => tab('login'));

$('signup-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const found = missing([[$('su-name'), 'acc.displayName'], [$('su-email'), 'acc.email'], [$('su-password'), 'acc.password']]);
  if (found) return refuse(found);
  return redeem($('su-submit'), { signup: { displayName: $('su-name').value.trim(), email: $('su-email').value.trim(), password: $('su-password').value } });
});

$('login-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const found = missing([[$('li-email'), 'acc.email'], [$('li-password'), 'acc.password']]);
  if (found) return refuse(found);
  return redeem($('li-submit'), { login: { email: $('li-email').value.trim(), password: $('li-password').value } });
});

window.addEventListener('langchange', render);
check();
