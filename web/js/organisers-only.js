// An organiser page (announcements, import, mixer console, head judge's review) opened by someone who
// may not use it: one sentence and the pages they can use, instead of forms and buttons the server
// would only refuse. The server still decides every permission; this only chooses what to offer.
import { addStrings, t } from './i18n.js';
import { api } from './api.js';
import { el } from './ui.js';
import { viewerRoles } from './roles.js';

addStrings({
  zh: {
    'gate.organisersOf': '此页面只供“{event}”的组织者使用。',
    'gate.organisersOnly': '此页面只供本活动的组织者使用。',
    'gate.eventPage': '赛事总览',
    'gate.home': '首页',
    'gate.noEvent': '地址里没有指明活动：请从组织者控制台打开本页面。',
    'gate.console': '组织者控制台',
  },
  en: {
    'gate.organisersOf': 'This page is for the organisers of "{event}".',
    'gate.organisersOnly': 'This page is for the organisers of this event.',
    'gate.eventPage': 'Event overview',
    'gate.home': 'Home',
    'gate.noEvent': 'The address names no event: open this page from the organiser console.',
    'gate.console': 'Organiser console',
  },
});

/** The page's #gate box (made after #message when the page has none). */
function gateBox() {
  let gate = document.getElementById('gate');
  if (!gate) {
    gate = el('section', { class: 'card', id: 'gate' });
    (document.getElementById('message') || document.querySelector('main h1')).after(gate);
  }
  return gate;
}

/**
 * Shows `sentence()` (re-run on a language change) and links to the pages this viewer can use
 * (`links`: [{href, label()}]) in place of the page's own controls.
 */
export function sayInstead(sentence, links) {
  const gate = gateBox();
  const say = () => gate.replaceChildren(el('p', {}, sentence()),
    el('div', { class: 'actions' }, ...links.map((l, i) => el('a', { class: i ? 'button secondary' : 'button', href: l.href }, l.label()))));
  gate.hidden = false;
  say();
  window.addEventListener('langchange', say);
}

/**
 * True when the signed-in viewer organises the event (or is an administrator, or the browser could
 * not ask: then the server answers each action). Otherwise says so, with the event's overview and
 * the home page, and gives false.
 */
export async function organisesOrSay(eventId) {
  const roles = await viewerRoles();
  if (!roles.signedIn || !roles.me || roles.admin || (roles.organiserOf || []).includes(Number(eventId))) return true;
  let event = null;
  try {
    event = await api(`/events/${encodeURIComponent(eventId)}`);
  } catch { /* the sentence works without the event's name */ }
  sayInstead(() => (event ? t('gate.organisersOf', { event: event.title }) : t('gate.organisersOnly')), [
    ...(event ? [{ href: `/event.html?event=${encodeURIComponent(event.id)}`, label: () => t('gate.eventPage') }] : []),
    { href: '/', label: () => t('gate.home') },
  ]);
  return false;
}
