// The account page (/account.html?mode=signin|signup|forgot|profile&next=/path): sign in, sign up
// as a participant or an organiser, the forgotten-password path, and the profile. After signing in
// or up it returns to `next` (a registration started while signed out continues there).
import './i18n/account.js';
import { initI18n, t, errorText } from './i18n.js';
import { api, getSession, login, signup, updateSessionUser, useSession } from './api.js';
import { showMessage } from './ui.js';
import { safeNext } from './header.js';

initI18n();

const $ = (id) => document.getElementById(id);
const message = $('message');
const params = new URLSearchParams(location.search);
const next = safeNext(params.get('next'));
const MODES = ['signin', 'signup', 'forgot', 'profile'];
const TITLES = { signin: 'acc.signInTitle', signup: 'acc.signUpTitle', forgot: 'acc.forgotTitle', profile: 'acc.profileTitle' };
let mode = MODES.includes(params.get('mode')) ? params.get('mode') : 'signin';
let me = null;

/** The page `next` leads to, in words (a person reads "the registration page", not its address). */
function pageName(path) {
  const file = path.split(/[?#]/)[0].replace(/^\//, '') || 'index.html';
  const key = {
    'index.html': 'nav.home', 'my.html': 'nav.my', 'units.html': 'nav.units', 'judge.html': 'nav.judge',
    'organise.html': 'nav.organise', 'register.html': 'acc.page.register', 'mixer.html': 'acc.page.mixer',
    'scoreboard.html': 'acc.page.scoreboard', 'judge-join.html': 'acc.page.judgeJoin',
  }[file];
  return t(key || 'acc.page.other');
}

function show(m, push = false) {
  mode = m;
  if (mode === 'profile' && !getSession()) mode = 'signin';
  for (const section of document.querySelectorAll('[data-mode]')) section.hidden = section.dataset.mode !== mode;
  $('title').dataset.i18n = TITLES[mode];
  $('title').textContent = t(TITLES[mode]);
  document.title = t(TITLES[mode]);
  $('next-note').hidden = !next || mode === 'profile';
  if (next) $('next-note').textContent = t('acc.continueTo', { page: pageName(next) });
  showMessage(message, '');
  if (push) {
    const q = new URLSearchParams(location.search);
    q.set('mode', mode);
    history.replaceState(null, '', '?' + q);
  }
  if (mode === 'profile') loadProfile();
  const first = document.querySelector(`[data-mode="${mode}"] input:not([type=radio])`);
  if (first && push) first.focus();
}

for (const a of document.querySelectorAll('[data-goto]')) {
  a.addEventListener('click', (ev) => { ev.preventDefault(); show(a.dataset.goto, true); });
}

/** The first problem with the form's fields, checked before anything is sent (the server checks again). */
function problem(fields) {
  for (const [input, label] of fields) {
    const v = input.value.trim();
    if (input.required && !v) return [input, t('acc.required', { field: t(label) })];
    if (input.type === 'email' && v && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return [input, t('acc.badEmail')];
    if (input.minLength > 0 && input.value.length < input.minLength && input.type === 'password') return [input, t('acc.tooShort')];
    if (input.type === 'date' && v) {
      const today = new Date().toISOString().slice(0, 10);
      const oldest = `${new Date().getFullYear() - 120}${today.slice(4)}`;
      if (v > today) return [input, t('acc.birthFuture')];
      if (v < oldest) return [input, t('acc.birthTooOld')];
    }
  }
  return null;
}

function refuse(found) {
  const [input, text] = found;
  input.setAttribute('aria-invalid', 'true');
  input.addEventListener('input', () => input.removeAttribute('aria-invalid'), { once: true });
  showMessage(message, text);
  input.focus();
}

function done(session) {
  location.assign(next || (session && session.user && ['organiser', 'admin'].includes(session.user.role) ? '/organise.html' : '/'));
}

async function submitting(button, work) {
  button.disabled = true;
  showMessage(message, '');
  try {
    await work();
  } catch (e) {
    showMessage(message, errorText(e));
  } finally {
    button.disabled = false;
  }
}

$('signin-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const found = problem([[$('signin-email'), 'acc.email'], [$('signin-password'), 'acc.password']]);
  if (found) return refuse(found);
  return submitting($('signin-submit'), async () => done(await login($('signin-email').value.trim(), $('signin-password').value)));
});

$('signup-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const found = problem([[$('signup-name'), 'acc.displayName'], [$('signup-email'), 'acc.email'], [$('signup-password'), 'acc.password']]);
  if (found) return refuse(found);
  const role = document.querySelector('#signup-form input[name=role]:checked').value;
  return submitting($('signup-submit'), async () => done(await signup({
    email: $('signup-email').value.trim(), password: $('signup-password').value,
    displayName: $('signup-name').value.trim(), role,
  })));
});

// ---- profile ----

// The profile's fields wait for the profile: typed into before it arrived, they would be overwritten by it.
for (const el of $('profile-form').elements) el.disabled = true;

async function loadProfile() {
  try {
    me = await api('/me');
  } catch (e) {
    showMessage(message, errorText(e));
    return;
  }
  renderProfile();
}

function renderProfile() {
  if (!me) return;
  const profile = me.profile || me;
  $('whoami').textContent = [t('acc.signedInAs', { name: me.displayName || '', email: me.email || '' }),
    t('acc.roleIs', { role: t('role.' + (me.role || 'participant')) })].join(' · ');
  $('profile-name').value = me.displayName || '';
  $('profile-gender').value = profile.gender || '';
  $('profile-birth').value = profile.birthDate || '';
  $('profile-organisation').value = profile.organisation || '';
  for (const el of $('profile-form').elements) el.disabled = false;
  // A participant gives gender and birth date once; afterwards only the organisers change them.
  $('profile-gender').disabled = !!profile.gender;
  $('profile-birth').disabled = !!profile.birthDate;
}

$('profile-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const found = problem([[$('profile-name'), 'acc.displayName'], [$('profile-birth'), 'acc.birthDate']]);
  if (found) return refuse(found);
  const profile = me.profile || me;
  const body = { displayName: $('profile-name').value.trim(), organisation: $('profile-organisation').value.trim() || null };
  if (!profile.gender && $('profile-gender').value) body.gender = $('profile-gender').value;
  if (!profile.birthDate && $('profile-birth').value) body.birthDate = $('profile-birth').value;
  return submitting($('profile-save'), async () => {
    me = await api('/me', { method: 'PATCH', body });
    updateSessionUser({ displayName: me.displayName });
    renderProfile();
    showMessage(message, t('acc.saved'), 'ok');
  });
});

$('password-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const found = problem([[$('current-password'), 'acc.currentPassword'], [$('new-password'), 'acc.newPassword']]);
  if (found) return refuse(found);
  return submitting($('password-save'), async () => {
    useSession(await api('/me/password', { method: 'POST', body: {
      currentPassword: $('current-password').value, newPassword: $('new-password').value } }));
    $('current-password').value = '';
    $('new-password').value = '';
    showMessage(message, t('acc.passwordChanged'), 'ok');
  });
});

$('reset-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const found = problem([[$('reset-email'), 'acc.email'], [$('reset-code'), 'acc.resetCode'], [$('reset-password'), 'acc.newPassword']]);
  if (found) return refuse(found);
  return submitting($('reset-submit'), async () => done(useSession(await api('/auth/password-reset', { method: 'POST', auth: false, body: {
    email: $('reset-email').value.trim(), code: $('reset-code').value.trim(), newPassword: $('reset-password').value } }))));
});

window.addEventListener('langchange', () => { show(mode); renderProfile(); });
show(mode);
