// Two languages, zh-CN (default) and English. Every visible string goes through t().
// Language: ?lang=en|zh, then localStorage, then zh.

import { ERRORS, FIELDS, RULES } from './i18n/errors.js';

const STORE_KEY = 'gala.lang';

const DICT = {
  zh: {
    'app.name': 'Gala 赛事中心',
    'lang.toggle': 'English',
    'lang.toggle.title': '切换语言',
    'common.loading': '加载中…',
    'common.back': '返回赛事列表',
    'common.error': '出错了：{message}',
    'common.none': '—',
    'confirm.ok': '确定',
    'confirm.cancel': '取消',

    'index.title': '赛事',
    'index.empty': '暂无赛事。',
    'index.noCompetitions': '本赛事暂无比赛项目。',
    'index.dates': '{from} 至 {to}',
    'index.scoreboard': '成绩榜',
    'index.judge': '裁判评分',
    'index.capacity': '名额 {n}',
    'index.judges': '{n} 名裁判',

    'sb.title': '成绩榜',
    'sb.noCompetition': '这个地址没有指明比赛项目：请从首页或赛事页面打开比赛。',
    'sb.rank': '名次',
    'sb.name': '选手',
    'sb.unit': '单位',
    'sb.result': '成绩',
    'sb.waiting': '等待评分 {k}/{n}',
    'sb.empty': '暂无参赛选手。',
    'sb.version': '版本 {v}',

    'status.PROVISIONAL': '暂定成绩',
    'status.FINAL': '最终成绩',

    'live.connecting': '连接中',
    'live.live': '实时',
    'live.reconnecting': '重新连接中',
    'live.unavailable': '暂不可用',

    'judge.title': '裁判评分',
    'judge.signIn': '裁判登录',
    'judge.email': '邮箱',
    'judge.password': '密码',
    'judge.signInButton': '登录',
    'judge.signOut': '退出登录',
    'judge.signedInAs': '当前用户：{name}',
    'judge.competition': '比赛项目',
    'judge.noAssignments': '您尚未被指派为任何比赛的裁判。',
    'judge.pick': '请选择…',
    'judge.entries': '选手',
    'judge.toScore': '待评分',
    'judge.scored': '已评分',
    'judge.pendingEntry': '待同步',
    'judge.complete': '已完成',
    'judge.remaining': '还需评分：{n}',
    'judge.selectEntry': '请从列表中选择选手',
    'judge.mark': '分数',
    'judge.range': '范围 {min} – {max}',
    'judge.submit': '提交分数',
    'judge.invalidNumber': '请输入数字',
    'judge.pendingSync': '待同步：{n}',
    'judge.allSynced': '已全部同步',
    'judge.saved': '已提交：{name} {value}',
    'judge.queued': '网络异常，已保存，将自动重试',
    'judge.sessionExpired': '登录已过期，请重新登录；未同步的分数会保留。',
  },
  en: {
    'app.name': 'Gala Competition Hub',
    'lang.toggle': '中文',
    'lang.toggle.title': 'Switch language',
    'common.loading': 'Loading…',
    'common.back': 'Back to events',
    'common.error': 'Error: {message}',
    'common.none': '—',
    'confirm.ok': 'Confirm',
    'confirm.cancel': 'Cancel',

    'index.title': 'Events',
    'index.empty': 'No events yet.',
    'index.noCompetitions': 'No competitions in this event yet.',
    'index.dates': '{from} to {to}',
    'index.scoreboard': 'Scoreboard',
    'index.judge': 'Judge',
    'index.capacity': 'capacity {n}',
    'index.judges': '{n} judges',

    'sb.title': 'Scoreboard',
    'sb.noCompetition': 'This address names no competition: open one from the home page or an event\'s page.',
    'sb.rank': 'Rank',
    'sb.name': 'Athlete',
    'sb.unit': 'Unit',
    'sb.result': 'Result',
    'sb.waiting': 'waiting {k}/{n}',
    'sb.empty': 'No entries yet.',
    'sb.version': 'v{v}',

    'status.PROVISIONAL': 'Provisional',
    'status.FINAL': 'Final',

    'live.connecting': 'Connecting',
    'live.live': 'Live',
    'live.reconnecting': 'Reconnecting',
    'live.unavailable': 'Unavailable',

    'judge.title': 'Judging',
    'judge.signIn': 'Judge sign-in',
    'judge.email': 'Email',
    'judge.password': 'Password',
    'judge.signInButton': 'Sign in',
    'judge.signOut': 'Sign out',
    'judge.signedInAs': 'Signed in as {name}',
    'judge.competition': 'Competition',
    'judge.noAssignments': 'You are not assigned to judge any competition.',
    'judge.pick': 'Choose…',
    'judge.entries': 'Athletes',
    'judge.toScore': 'to score',
    'judge.scored': 'scored',
    'judge.pendingEntry': 'pending sync',
    'judge.complete': 'complete',
    'judge.remaining': 'Still to score: {n}',
    'judge.selectEntry': 'Pick an athlete from the list',
    'judge.mark': 'Mark',
    'judge.range': 'range {min} – {max}',
    'judge.submit': 'Submit mark',
    'judge.invalidNumber': 'Enter a number',
    'judge.pendingSync': 'Pending sync: {n}',
    'judge.allSynced': 'All synced',
    'judge.saved': 'Sent: {name} {value}',
    'judge.queued': 'Network problem: saved, will retry automatically',
    'judge.sessionExpired': 'Your session expired, please sign in again; unsynced marks are kept.',
  },
};

/**
 * Lets a feature keep its strings beside its page: web/js/i18n/<feature>.js calls
 * addStrings({zh: {...}, en: {...}}) and the page imports that module before initI18n().
 */
export function addStrings(more) {
  for (const l of Object.keys(DICT)) {
    Object.assign(DICT[l], (more && more[l]) || {});
  }
}

function pickLang() {
  const q = new URLSearchParams(location.search).get('lang');
  if (q === 'en' || q === 'zh') {
    try { localStorage.setItem(STORE_KEY, q); } catch { /* private mode */ }
    return q;
  }
  let stored = null;
  try { stored = localStorage.getItem(STORE_KEY); } catch { /* private mode */ }
  return stored === 'en' || stored === 'zh' ? stored : 'zh';
}

let lang = pickLang();

export function getLang() {
  return lang;
}

/**
 * The text for key in the current language, with {name} placeholders filled from params; {name|one|other}
 * picks a word by the number (English "1 mark refused", "2 marks refused"; Chinese needs none).
 */
export function t(key, params = {}) {
  if (key.startsWith('error.') && ERRORS[key.slice(6)]) return errorText({ code: key.slice(6), details: params });
  const text = DICT[lang][key] ?? DICT.zh[key] ?? key;
  return text.replace(/\{(\w+)\|([^|}]*)\|([^}]*)\}/g, (m, name, one, other) => (name in params ? (Number(params[name]) === 1 ? one : other) : m))
    .replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** True when the dictionary knows key. */
export function has(key) {
  return key in DICT[lang];
}

/**
 * The sentence for an error in the page's language: the server's code translated through
 * i18n/errors.js with its details filled in. The server's own message (English, sometimes a
 * validator's JSON pointer) is never shown; an unknown code falls back to a sentence by status.
 */
export function errorText(err) {
  if (!err) return '';
  const code = err.code;
  const details = err.details && typeof err.details === 'object' ? err.details : {};
  if (code === 'VALIDATION_FAILED') return validationText(err, details);
  if (code && ERRORS[code]) return sentence(ERRORS[code], details);
  if (code && has('error.' + code)) return t('error.' + code);
  const status = Number(err.status);
  const fallback = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND'
    : status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 0 ? 'NETWORK' : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
  return sentence(ERRORS[fallback], details);
}

/** The first variant of entry[lang] whose placeholders details can all fill. */
function sentence(entry, details) {
  const variants = [].concat(entry[lang] ?? entry.zh);
  const d = derived(details);
  for (const v of variants) {
    const text = typeof v === 'function' ? v(d, lang) : fill(v, d);
    if (text) return text;
  }
  return '';
}

/** details plus what sentences need in a readable form (an age range, lists joined). */
function derived(details) {
  const d = {};
  for (const [k, v] of Object.entries(details)) {
    if (v == null || v === '') continue;
    d[k] = Array.isArray(v) ? v.join(lang === 'zh' ? '、' : ', ') : v;
    if (Array.isArray(v)) d[k + 'Count'] = v.length; // "3 athletes" from a list of ids
  }
  if (d.range == null && (d.minAge != null || d.maxAge != null)) {
    if (d.minAge != null && d.maxAge != null) d.range = `${d.minAge}-${d.maxAge}`;
    else if (d.minAge != null) d.range = lang === 'zh' ? `${d.minAge} 岁及以上` : `${d.minAge} and over`;
    else d.range = lang === 'zh' ? `${d.maxAge} 岁及以下` : `${d.maxAge} and under`;
  }
  return d;
}

/** text with {name} filled from d, or null when one of its placeholders has no value. */
function fill(text, d) {
  let missing = false;
  // {name|one|other} picks a word by the number, as in t() ("1 attempt", "3 attempts").
  const out = text.replace(/\{(\w+)\|([^|}]*)\|([^}]*)\}/g, (m, name, one, other) => {
    if (d[name] == null || typeof d[name] === 'object') missing = true;
    return missing ? m : (Number(d[name]) === 1 ? one : other);
  }).replace(/\{(\w+)\}/g, (m, name) => {
    if (d[name] == null || typeof d[name] === 'object') missing = true;
    return missing ? m : String(d[name]);
  });
  return missing ? null : out;
}

/**
 * VALIDATION_FAILED names its field and rule in details (field, rule, limit); until every route
 * does, the field is read from the message (a JSON pointer like #/password, or "birthDate must
 * be a date") and only ever shown by its translated name.
 */
function validationText(err, details) {
  const message = String(err.message || '');
  const field = details.field
    || (message.match(/#\/(?:body\/)?([A-Za-z][\w-]*)/) || [])[1]
    || (message.match(/propert(?:y|ies) "?'?([A-Za-z][\w-]*)/) || [])[1]
    || (message.match(/^([A-Za-z][\w-]*) must be/) || [])[1]
    || (/Idempotency-Key/.test(message) ? 'Idempotency-Key' : null);
  const rule = details.rule
    || (/must be a date/.test(message) ? 'date'
      : /required/i.test(message) ? 'required'
        : (message.match(/\b(minLength|maxLength|minimum|maximum|format|pattern|enum|type)\b/) || [])[1]);
  // A nested field ("divisions[0].minAge", "members[2].birthDate") is named by its last part.
  const known = field && (FIELDS[field] ? field : String(field).split(/[.[\]]+/).filter(Boolean).pop());
  const label = known && FIELDS[known] ? FIELDS[known][lang] : null;
  const limit = details.limit ?? details.min ?? details.max;
  if (label && rule && RULES[rule]) {
    const text = fill(RULES[rule][lang], { ...derived(details), field: label, limit });
    if (text) return text;
  }
  return sentence(ERRORS.VALIDATION_FAILED, label ? { field: label } : {});
}

/** A date-time as people of the page's language write it (zh-CN or en-GB), '' for none. */
export function formatTime(iso, options = { dateStyle: 'medium', timeStyle: 'short' }) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', options);
}

/** Translates [data-i18n] (textContent), [data-i18n-placeholder] and [data-i18n-title] under root. */
export function applyI18n(root = document) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach((el) => { el.title = t(el.dataset.i18nTitle); });
  root.querySelectorAll('[data-i18n-aria-label]').forEach((el) => { el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel)); });
}

/** Switches language, re-translates the page and fires a 'langchange' event for dynamic parts. */
export function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh';
  try { localStorage.setItem(STORE_KEY, lang); } catch { /* private mode */ }
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.set('lang', lang);
    history.replaceState(history.state, '', url);
  }
  applyI18n();
  window.dispatchEvent(new CustomEvent('langchange', { detail: { lang } }));
}

/** Makes btn switch the language; a button is wired once however often this is called. */
export function wireLangToggle(btn) {
  if (btn.dataset.langWired) return;
  btn.dataset.langWired = '1';
  btn.addEventListener('click', () => setLang(lang === 'zh' ? 'en' : 'zh'));
}

/** Wires every .lang-toggle button on the page and translates it once. */
export function initI18n() {
  document.querySelectorAll('.lang-toggle').forEach(wireLangToggle);
  applyI18n();
}
