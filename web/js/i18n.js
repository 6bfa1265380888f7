// Two languages, zh-CN (default) and English. Every visible string goes through t().
// Language: ?lang=en|zh, then localStorage, then zh.

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

    'index.title': '赛事',
    'index.empty': '暂无赛事。',
    'index.noCompetitions': '本赛事暂无比赛项目。',
    'index.dates': '{from} 至 {to}',
    'index.scoreboard': '成绩榜',
    'index.judge': '裁判评分',
    'index.capacity': '名额 {n}',
    'index.judges': '{n} 名裁判',

    'sb.title': '成绩榜',
    'sb.noCompetition': '请在地址中指定比赛（?competition=编号）。',
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

    'judge.title': '裁判评分',
    'judge.signIn': '裁判登录',
    'judge.email': '邮箱',
    'judge.password': '密码',
    'judge.signInButton': '登录',
    'judge.signOut': '退出',
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

    'error.NOT_ASSIGNED_JUDGE': '您不是本比赛的裁判',
    'error.ALREADY_SCORED': '您已为该选手评过分',
    'error.MARK_OUT_OF_RANGE': '分数超出允许范围',
    'error.INVALID_CREDENTIALS': '邮箱或密码错误',
    'error.NOT_FOUND': '未找到',
    'error.FORBIDDEN': '无权访问',
    'error.UNAUTHENTICATED': '请先登录',
    'error.UNKNOWN_TOPIC': '未找到该比赛',
    'error.NETWORK': '网络连接失败',
  },
  en: {
    'app.name': 'Gala Competition Hub',
    'lang.toggle': '中文',
    'lang.toggle.title': 'Switch language',
    'common.loading': 'Loading…',
    'common.back': 'Back to events',
    'common.error': 'Error: {message}',
    'common.none': '—',

    'index.title': 'Events',
    'index.empty': 'No events yet.',
    'index.noCompetitions': 'No competitions in this event yet.',
    'index.dates': '{from} to {to}',
    'index.scoreboard': 'Scoreboard',
    'index.judge': 'Judge',
    'index.capacity': 'capacity {n}',
    'index.judges': '{n} judges',

    'sb.title': 'Scoreboard',
    'sb.noCompetition': 'Add the competition to the address (?competition=ID).',
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

    'error.NOT_ASSIGNED_JUDGE': 'You are not a judge of this competition',
    'error.ALREADY_SCORED': 'You already scored this athlete',
    'error.MARK_OUT_OF_RANGE': 'The mark is out of range',
    'error.INVALID_CREDENTIALS': 'Wrong email or password',
    'error.NOT_FOUND': 'Not found',
    'error.FORBIDDEN': 'Not allowed',
    'error.UNAUTHENTICATED': 'Please sign in',
    'error.UNKNOWN_TOPIC': 'No such competition',
    'error.NETWORK': 'Network error',
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

/** The text for key in the current language, with {name} placeholders filled from params. */
export function t(key, params = {}) {
  const text = DICT[lang][key] ?? DICT.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** True when the dictionary knows key (used to translate server error codes when possible). */
export function has(key) {
  return key in DICT[lang];
}

/** The message for an Error carrying a server code: translated if known, else the server's text. */
export function errorText(err) {
  if (err && err.code && has('error.' + err.code)) {
    return t('error.' + err.code);
  }
  return (err && err.message) || String(err);
}

/** Translates [data-i18n] (textContent), [data-i18n-placeholder] and [data-i18n-title] under root. */
export function applyI18n(root = document) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach((el) => { el.title = t(el.dataset.i18nTitle); });
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

/** Wires every .lang-toggle button on the page and translates it once. */
export function initI18n() {
  document.querySelectorAll('.lang-toggle').forEach((btn) => {
    btn.addEventListener('click', () => setLang(lang === 'zh' ? 'en' : 'zh'));
  });
  applyI18n();
}
