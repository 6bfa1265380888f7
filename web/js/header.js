// <gala-header>: the one top bar of every page (include it first in <head>, put the element first
// in <body>):
//   <script type="module" src="/js/header.js"></script>
//   <gala-header></gala-header>             a normal page
//   <gala-header kiosk></gala-header>       the big screen: brand, live state and language only
// Brand, the navigation a viewer can use (organise / judge / my registrations, never offered to
// a role that cannot use it), the account menu (sign in, sign up, profile, sign out), the language
// switch, the live connection state (#live-state: the page's own LiveClient once it calls
// bindLiveState, else the announcements' connection) and the announcements (ticker, urgent banner,
// list with unread count). It renders into the light DOM, so the page's stylesheet applies and the
// element exists before any page script runs (module scripts run in document order).
import './i18n/account.js';
import './i18n/announce.js';
import { t, wireLangToggle } from './i18n.js';
import { getSession, logout } from './api.js';
import { el } from './ui.js';
import { viewerRoles } from './roles.js';
import { startAnnouncements } from './announce-widget.js';

/** A same-site path to come back to after signing in (never another origin). */
export function safeNext(next) {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}

/** The account page's address for mode (signin, signup, profile), returning to this page afterwards. */
export function accountUrl(mode, next = location.pathname + location.search) {
  const q = new URLSearchParams();
  if (mode && mode !== 'signin') q.set('mode', mode);
  const back = location.pathname === '/account.html' ? new URLSearchParams(location.search).get('next') : next;
  if (safeNext(back)) q.set('next', back);
  const s = q.toString();
  return '/account.html' + (s ? '?' + s : '');
}

class GalaHeader extends HTMLElement {
  connectedCallback() {
    if (this.bar) return;
    this.kiosk = this.hasAttribute('kiosk');
    this.liveUnbind = null;
    this.pageBound = false;
    this.build();
    this.render();
    window.addEventListener('langchange', () => this.render());
    window.addEventListener('sessionchange', () => this.render());
    document.addEventListener('click', (ev) => { if (!this.contains(ev.target)) this.closeMenus(); });
    document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') this.closeMenus(); });
    startAnnouncements(this.bellSlot, this);
  }

  build() {
    const brand = this.kiosk
      ? el('span', { class: 'brand', id: this.getAttribute('brand-id') || null })
      : el('a', { class: 'brand', href: '/', id: this.getAttribute('brand-id') || null });
    brand.textContent = t('app.name');
    this.brand = brand;
    this.liveState = el('span', { class: 'live-state', id: 'live-state', role: 'status', dataset: { state: 'connecting' } },
      el('span', { class: 'dot', 'aria-hidden': 'true' }), el('span', { class: 'label' }));
    this.bellSlot = el('span', { class: 'ann-slot' });
    this.langButton = el('button', { class: 'lang-toggle', type: 'button' });
    wireLangToggle(this.langButton);
    const parts = [brand];
    if (!this.kiosk) {
      this.nav = el('nav', { class: 'top-nav' },
        el('a', { href: '/organise.html', dataset: { nav: 'organise' }, hidden: true }),
        el('a', { href: '/judge.html', dataset: { nav: 'judge' }, hidden: true }),
        el('a', { href: '/my.html', dataset: { nav: 'my' }, hidden: true }),
        el('a', { href: '/units.html', dataset: { nav: 'units' }, hidden: true }));
      this.account = el('div', { class: 'account' });
      this.menu = el('div', { class: 'top-menu', id: 'gala-menu' }, this.nav, this.account);
      this.menuToggle = el('button', { class: 'menu-toggle', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'gala-menu',
        onclick: () => this.toggleMenu() }, el('span', { class: 'bars', 'aria-hidden': 'true' }), el('span', { class: 'sr-only' }));
      parts.push(this.menu);
    } else {
      parts.push(el('span', { class: 'spacer' }));
    }
    parts.push(this.liveState, this.bellSlot, this.langButton);
    if (this.menuToggle) parts.push(this.menuToggle);
    this.bar = el('header', { class: 'top' + (this.kiosk ? ' kiosk' : '') }, ...parts);
    this.replaceChildren(this.bar);
  }

  async render() {
    // A page that names the brand element (brand-id) writes its own title there.
    if (!this.hasAttribute('brand-id')) this.brand.textContent = t('app.name');
    this.langButton.textContent = t('lang.toggle');
    this.langButton.title = t('lang.toggle.title');
    this.langButton.setAttribute('lang', t('lang.toggle') === 'English' ? 'en' : 'zh-CN');
    this.renderLive();
    if (this.kiosk) return;
    this.nav.setAttribute('aria-label', t('nav.label'));
    this.menuToggle.querySelector('.sr-only').textContent = t('nav.menu');
    this.menuToggle.title = t('nav.menu');
    const turn = (this.turn = (this.turn || 0) + 1);
    this.renderAccount(getSession());
    const roles = await viewerRoles();
    if (turn !== this.turn) return; // a newer render follows
    const show = { organise: !!roles.organiser, judge: !!roles.judge, my: !!roles.participant, units: !!roles.participant };
    for (const a of this.nav.querySelectorAll('a')) {
      a.textContent = t('nav.' + a.dataset.nav);
      a.hidden = !show[a.dataset.nav];
      if (location.pathname === a.getAttribute('href')) a.setAttribute('aria-current', 'page');
    }
    this.dataset.roles = Object.keys(show).filter((k) => show[k]).join(' ');
  }

  renderAccount(session) {
    if (!session) {
      this.account.replaceChildren(
        el('a', { class: 'account-link sign-in', href: accountUrl('signin') }, t('account.signIn')),
        el('a', { class: 'account-link sign-up', href: accountUrl('signup') }, t('account.signUp')));
      return;
    }
    const name = (session.user && (session.user.displayName || session.user.email)) || '';
    const details = el('details', { class: 'account-menu' },
      el('summary', { 'aria-label': t('account.menu') + ': ' + name }, el('span', { class: 'account-name' }, name)),
      el('div', { class: 'account-items' },
        el('a', { class: 'profile', href: '/account.html?mode=profile' }, t('account.profile')),
        el('button', { type: 'button', class: 'sign-out secondary', onclick: () => this.signOut() }, t('account.signOut'))));
    this.account.replaceChildren(details);
  }

  async signOut() {
    await logout();
    // A fresh load shows the page as a signed-out visitor sees it: nothing private stays on screen.
    location.reload();
  }

  toggleMenu(open = this.bar.dataset.open !== 'true') {
    this.bar.dataset.open = String(open);
    this.menuToggle.setAttribute('aria-expanded', String(open));
  }

  closeMenus() {
    if (this.menuToggle && this.bar.dataset.open === 'true') this.toggleMenu(false);
    const details = this.querySelector('details.account-menu[open]');
    if (details) details.open = false;
  }

  /** Shows live's connection state. A page's own client wins over the announcements' (fallback). */
  bindLive(live, { fallback = false } = {}) {
    if (fallback && this.pageBound) return;
    if (!fallback) this.pageBound = true;
    if (this.liveUnbind) this.liveUnbind();
    this.live = live;
    this.liveUnbind = live.onState(() => this.renderLive());
  }

  renderLive() {
    const state = this.live ? this.live.state : 'connecting';
    this.liveState.dataset.state = state;
    this.liveState.querySelector('.label').textContent = t('live.' + state);
    this.liveState.title = t('live.label', { state: t('live.' + state) });
  }
}

if (!customElements.get('gala-header')) customElements.define('gala-header', GalaHeader);
