// Every error code the server (or the network) can answer, as one sentence in each language.
// errorText(err) in ../i18n.js is the only reader; pages never show the server's own message.
//
// A sentence may use the server's `details` as {placeholders}. A code may list several sentences,
// most specific first: the first whose placeholders are all present in `details` is used, so the
// last one of a list must have no placeholder (the test ErrorTextsBrowserTest checks that every
// code thrown in src/main/java has both languages and that nothing untranslated reaches a page).
// A sentence may also be a function (details, lang) => string for what a template cannot say.
//
// Sections follow the features: add a new code in the section of its feature, both languages.

/** Field names as a person knows them (VALIDATION_FAILED names the field). */
export const FIELDS = {
  email: { zh: '邮箱', en: 'email' },
  password: { zh: '密码', en: 'password' },
  displayName: { zh: '姓名', en: 'name' },
  name: { zh: '名称', en: 'name' },
  title: { zh: '标题', en: 'title' },
  role: { zh: '账号类型', en: 'account type' },
  birthDate: { zh: '出生日期', en: 'birth date' },
  gender: { zh: '性别', en: 'gender' },
  unitId: { zh: '单位', en: 'unit' },
  unit: { zh: '单位', en: 'unit' },
  organisation: { zh: '单位', en: 'organisation' },
  startsOn: { zh: '开始日期', en: 'start date' },
  endsOn: { zh: '结束日期', en: 'end date' },
  venue: { zh: '地点', en: 'venue' },
  registrationOpensAt: { zh: '报名开始时间', en: 'registration opening time' },
  registrationClosesAt: { zh: '报名截止时间', en: 'registration closing time' },
  capacity: { zh: '名额', en: 'capacity' },
  unitQuota: { zh: '每单位名额', en: 'places per unit' },
  teamSize: { zh: '每队人数', en: 'team size' },
  entryType: { zh: '报名方式', en: 'entry type' },
  divisions: { zh: '组别', en: 'divisions' },
  format: { zh: '赛制', en: 'format' },
  judges: { zh: '裁判人数', en: 'number of judges' },
  trim: { zh: '去掉最高/最低分个数', en: 'marks dropped at each end' },
  decimals: { zh: '小数位数', en: 'decimal places' },
  attempts: { zh: '试跳/试次次数', en: 'number of attempts' },
  contactEmail: { zh: '联系人账号邮箱', en: 'contact account email' },
  contact: { zh: '联系方式', en: 'contact' },
  text: { zh: '内容', en: 'text' },
  code: { zh: '代码', en: 'code' },
  value: { zh: '成绩', en: 'result' },
  reason: { zh: '原因', en: 'reason' },
  position: { zh: '位次', en: 'position' },
  validHours: { zh: '有效期（小时）', en: 'hours valid' },
  maxUses: { zh: '可用次数', en: 'number of uses' },
  judgeName: { zh: '发给谁', en: 'name on the code' },
  minAge: { zh: '最小年龄', en: 'youngest age' },
  maxAge: { zh: '最大年龄', en: 'oldest age' },
  newPassword: { zh: '新密码', en: 'new password' },
  teamName: { zh: '队名', en: 'team name' },
  members: { zh: '队员', en: 'team members' },
  division: { zh: '组别', en: 'division' },
  bib: { zh: '号码', en: 'bib' },
  'Idempotency-Key': { zh: '请求编号', en: 'request key' },
};

/** VALIDATION_FAILED by the rule that failed (details.rule), with the field's name as {field}. */
export const RULES = {
  required: { zh: '请填写{field}。', en: 'Please fill in the {field}.' },
  minLength: { zh: '{field}太短（至少 {limit} 个字符）。', en: 'The {field} is too short (at least {limit} characters).' },
  maxLength: { zh: '{field}太长（最多 {limit} 个字符）。', en: 'The {field} is too long (at most {limit} characters).' },
  minimum: { zh: '{field}不能小于 {limit}。', en: 'The {field} must be at least {limit}.' },
  maximum: { zh: '{field}不能大于 {limit}。', en: 'The {field} must be at most {limit}.' },
  format: { zh: '{field}的格式不正确。', en: 'The {field} is not in the right form.' },
  pattern: { zh: '{field}的格式不正确。', en: 'The {field} is not in the right form.' },
  type: { zh: '{field}的类型不正确。', en: 'The {field} has the wrong kind of value.' },
  enum: { zh: '{field}不是可选的值之一。', en: 'The {field} is not one of the allowed choices.' },
  unknown: { zh: '请求中包含多余的项：{field}。', en: 'The request has a field it should not have: {field}.' },
  date: { zh: '{field}须为日期，例如 1990-05-17。', en: 'The {field} must be a date like 1990-05-17.' },
  characters: { zh: '{field}含有无法保存的字符，请删除后重试。', en: 'The {field} contains a character that cannot be stored; remove it and try again.' },
};

export const ERRORS = {
  // ---------- general: every request ----------
  VALIDATION_FAILED: {
    zh: ['请检查{field}。', '填写的内容不符合要求，请检查后重试。'],
    en: ['Please check the {field}.', 'Something you entered is not valid; please check it and try again.'],
  },
  BAD_REQUEST: { zh: '请求无法处理，请检查填写的内容。', en: 'The request could not be handled; please check what you entered.' },
  MALFORMED_JSON: { zh: '请求内容无法读取，请重试。', en: 'The request could not be read; please try again.' },
  IDEMPOTENCY_KEY_REQUIRED: { zh: '页面版本过旧，请刷新后重试。', en: 'This page is out of date; reload it and try again.' },
  IDEMPOTENCY_KEY_REUSED: { zh: '同一操作被重复提交了不同的内容，请刷新后重试。', en: 'This action was already sent with other content; reload and try again.' },
  IDEMPOTENCY_IN_FLIGHT: { zh: '上一次提交仍在处理中，请稍候。', en: 'Your last attempt is still being processed; please wait a moment.' },
  UNAUTHENTICATED: { zh: '请先登录。', en: 'Please sign in first.' },
  FORBIDDEN: { zh: '您没有权限进行此操作。', en: 'You are not allowed to do this.' },
  NOT_FOUND: { zh: '未找到，可能已被删除或地址有误。', en: 'Not found: it may have been removed, or the address is wrong.' },
  METHOD_NOT_ALLOWED: { zh: '不支持此操作。', en: 'This action is not supported.' },
  PAYLOAD_TOO_LARGE: { zh: '内容过大：表单最多 256 KB，导入的文件最多 10 MB。', en: 'Too large: a form takes at most 256 KB, an imported file 10 MB.' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的内容类型。', en: 'This kind of content is not accepted.' },
  INTERNAL: { zh: '服务器出错了，请稍后重试。', en: 'Something went wrong on the server; please try again later.' },
  UNAVAILABLE: { zh: '服务暂时不可用，请稍后重试。', en: 'The service is briefly unavailable; please try again shortly.' },
  STARTING: { zh: '服务正在启动，请稍后重试。', en: 'Gala is starting up; please try again in a moment.' },
  URI_TOO_LONG: { zh: '网址过长，请缩短搜索内容后重试。', en: 'The address is too long; shorten the search and try again.' },
  HEADERS_TOO_LARGE: { zh: '请求过大，请清除本站的 Cookie 后重试。', en: 'The request is too large; clear this site\'s cookies and try again.' },
  CONFLICT: { zh: '数据刚被其他操作更改，请刷新后重试。', en: 'This was changed by someone else just now; reload and try again.' },
  NETWORK: { zh: '网络连接失败，请检查网络后重试。', en: 'No connection: check the network and try again.' },
  TOO_MANY_REQUESTS: {
    zh: [(d) => (d.retryAfter > 0 ? `尝试次数过多，请 ${Math.ceil(d.retryAfter / 60)} 分钟后再试。` : null), '尝试次数过多，请稍后再试。'],
    en: [(d) => (d.retryAfter > 0 ? `Too many attempts; please try again in ${Math.ceil(d.retryAfter / 60)} min.` : null),
      'Too many attempts; please try again later.'],
  },

  // ---------- live updates (WebSocket) ----------
  UNKNOWN_TOPIC: { zh: '未找到该比赛或内容。', en: 'No such competition or page.' },
  BAD_TOPIC: { zh: '实时更新请求有误，请刷新页面。', en: 'The live update request was wrong; reload the page.' },
  BAD_SINCE: { zh: '实时更新请求有误，请刷新页面。', en: 'The live update request was wrong; reload the page.' },
  BAD_FRAME: { zh: '实时更新请求有误，请刷新页面。', en: 'The live update request was wrong; reload the page.' },
  UNKNOWN_OP: { zh: '实时更新请求有误，请刷新页面。', en: 'The live update request was wrong; reload the page.' },
  TOO_MANY_MESSAGES: { zh: '本页面发送的实时请求过于频繁，请刷新页面。', en: 'This page sent live requests too fast; reload it.' },
  TOO_MANY_SUBSCRIPTIONS: { zh: '本页面同时关注的内容过多，请关闭一些页面后刷新。', en: 'This page follows too many things at once; close some pages and reload.' },

  // ---------- accounts ----------
  INVALID_CREDENTIALS: { zh: '邮箱或密码错误。', en: 'Wrong email or password.' },
  EMAIL_TAKEN: { zh: '该邮箱已注册，请直接登录。', en: 'An account with this email already exists: sign in instead.' },
  INVALID_REFRESH_TOKEN: { zh: '登录已过期，请重新登录。', en: 'Your session has expired; please sign in again.' },
  REFRESH_TOKEN_REUSED: { zh: '为安全起见已退出登录，请重新登录。', en: 'For your safety you were signed out; please sign in again.' },
  SESSION_REVOKED: { zh: '您已在此设备上退出登录（退出、修改密码或管理员操作），请重新登录。', en: 'You were signed out on this device (sign-out, password change or an administrator); please sign in again.' },
  TOKEN_EXPIRED: { zh: '您的登录已过期，请重新登录。', en: 'Your sign-in has expired; please sign in again.' },
  UNKNOWN_USER: {
    zh: ['没有邮箱为 {email} 的账号。', '没有这个账号，请核对邮箱。'],
    en: ['There is no account with the email {email}.', 'There is no such account; check the email.'],
  },

  // ---------- events, units, competitions ----------
  INVALID_DATES: { zh: '结束日期不能早于开始日期。', en: 'The end date cannot be before the start date.' },
  UNIT_EXISTS: { zh: '本赛事已有同名单位。', en: 'This event already has a unit with that name.' },
  INVALID_DIVISIONS: { zh: '组别设置有误：请检查代码不重复、年龄下限不大于上限。', en: 'The divisions are not valid: codes must differ and each minimum age must not exceed its maximum.' },
  INVALID_FORMAT: { zh: '赛制设置有误，请检查各项设置。', en: 'The format settings do not fit together; please check them.' },
  INVALID_TEAM_SIZE: { zh: '每队人数不正确：团体项目至少 2 人，个人项目为 1 人。', en: 'Wrong team size: team competitions need at least 2, individual ones 1.' },
  ENTRIES_EXIST: { zh: '已有报名，报名方式和每队人数不能再更改。', en: 'People have registered: the entry type and team size can no longer change.' },
  CAPACITY_BELOW_CONFIRMED: {
    zh: ['名额不能少于已确认的 {confirmed} 人。', '名额不能少于已确认的人数。'],
    en: ['The capacity cannot drop below the {confirmed} confirmed entries.', 'The capacity cannot drop below the confirmed entries.'],
  },

  // ---------- registration, waitlist, check-in ----------
  REGISTRATION_CLOSED: {
    // An event whose last day is past takes no more registrations (organisers still correct the record).
    zh: [(d) => (d.resultsOfficial ? '该项目成绩已正式公布，不再接受报名。' : null), '赛事已于 {endedOn} 结束，不再接受报名。',
      (d) => (d.opensAt && new Date(d.opensAt) > new Date() ? `报名将于 ${when(d.opensAt, 'zh')} 开始。` : null),
      (d) => (d.closesAt ? `报名已于 ${when(d.closesAt, 'zh')} 截止。` : null), '不在报名时间内。'],
    en: [(d) => (d.resultsOfficial ? 'This competition\'s results are official; registration is closed.' : null), 'The event ended on {endedOn}; registration is closed.',
      (d) => (d.opensAt && new Date(d.opensAt) > new Date() ? `Registration opens on ${when(d.opensAt, 'en')}.` : null),
      (d) => (d.closesAt ? `Registration closed on ${when(d.closesAt, 'en')}.` : null), 'Registration is not open.'],
  },
  NOT_ELIGIBLE_AGE: {
    zh: ['{name} 在赛事首日为 {age} 岁，不在“{divisionName}”组的年龄范围（{range}）内。',
      '{name} 在赛事首日为 {age} 岁，不在“{division}”组的年龄范围（{range}）内。',
      '您在赛事首日为 {age} 岁，不在该组别的年龄范围（{range}）内。', '年龄不符合该组别的要求。'],
    en: ['{name} is {age} on the first day of the event; division {divisionName} is {range}.',
      '{name} is {age} on the first day of the event; division {division} is {range}.',
      'You are {age} on the first day of the event; this division is {range}.', 'The age does not fit this division.'],
  },
  NOT_ELIGIBLE_GENDER: {
    zh: [(d) => (d.name && d.divisionGender ? `“${d.divisionName || d.division}”组仅限${d.divisionGender === 'M' ? '男子' : '女子'}，${d.name} 不符合。` : null),
      '{name} 的性别不符合“{division}”组的要求。', '性别不符合该组别的要求。'],
    en: [(d) => (d.name && d.divisionGender ? `Division ${d.divisionName || d.division} is for ${d.divisionGender === 'M' ? 'men' : 'women'} only; ${d.name} does not fit.` : null),
      '{name} does not fit division {division} by gender.', 'The gender does not fit this division.'],
  },
  MIXER_BIRTH_DATE_REQUIRED: { zh: '交友活动按年龄分组：请填写一次出生日期（此处或个人资料中）。', en: 'Mixers are grouped by age: give your birth date once (here or on your profile).' },
  BIRTH_DATE_REQUIRED: { zh: '该组别有年龄限制，请填写出生日期。', en: 'This division has an age limit: give a birth date.' },
  GENDER_REQUIRED: { zh: '请填写性别。', en: 'Please give a gender.' },
  UNKNOWN_DIVISION: { zh: '本项目没有这个组别。', en: 'This competition has no such division.' },
  UNIT_QUOTA_REACHED: {
    zh: ['该单位在本项目已报满 {unitQuota} 个名额。', '该单位在本项目的名额已满。'],
    en: ['This unit already has its {unitQuota} places in this competition.', 'This unit has used all its places in this competition.'],
  },
  ALREADY_REGISTERED: {
    zh: ['{names} 已报名本项目，不能重复报名。', '已报名本项目，不能重复报名。'],
    en: ['{names} is already registered in this competition.', 'Already registered in this competition.'],
  },
  UNIT_REQUIRED: { zh: '请选择单位。', en: 'Choose a unit.' },
  UNKNOWN_UNIT: { zh: '该单位不属于本赛事。', en: 'This unit is not part of this event.' },
  WRONG_TEAM_SIZE: {
    zh: ['每队须为 {teamSize} 人。', '队伍人数不符合要求。'],
    en: ['A team has exactly {teamSize} members.', 'Wrong number of team members.'],
  },
  DUPLICATE_MEMBER: { zh: '同一人在队伍中出现了两次。', en: 'Someone appears twice in the team.' },
  NOT_UNIT_MEMBER: {
    zh: ['您不是「{unit}」的成员，不能代表该单位报名。请向单位联系人索取入队邀请码加入单位。', '您不是该单位的成员，不能代表该单位报名。请向单位联系人索取入队邀请码加入单位。'],
    en: ['You are not a member of {unit}, so you cannot register for it. Ask its contact for a join code and join the unit first.',
      'You are not a member of this unit, so you cannot register for it. Ask its contact for a join code and join the unit first.'],
  },
  UNIT_CHOICE_REQUIRED: { zh: '您属于本赛事的多个单位，请选择代表哪个单位报名。', en: 'You belong to several units of this event: choose the one you register for.' },
  UNIT_CODE_UNKNOWN: { zh: '没有这个入队邀请码，请核对后重新输入。', en: 'There is no such unit join code; check it and type it again.' },
  UNIT_CODE_REVOKED: { zh: '该入队邀请码已作废，请向单位联系人索取新的邀请码。', en: 'This join code was withdrawn; ask your unit\'s contact for a new one.' },
  NOT_UNIT_CONTACT: { zh: '只有单位联系人或组委会可以为该单位报名。', en: 'Only the unit\'s contact or an organiser registers for this unit.' },
  NOT_A_TEAM_COMPETITION: { zh: '本项目为个人项目，不接受队伍报名。', en: 'This competition takes individual entries, not teams.' },
  ALREADY_WITHDRAWN: { zh: '该报名已退出。', en: 'This entry is already withdrawn.' },
  NOT_WAITLISTED: { zh: '该报名不在候补名单中。', en: 'This entry is not on the waitlist.' },
  RESULTS_OFFICIAL: { zh: '该项目成绩已正式公布，不能再退出；如需更正请联系组委会。', en: 'This competition\'s results are official, so the entry can no longer be withdrawn; ask the organisers to correct the record.' },
  POSITION_OUT_OF_RANGE: { zh: '候补位次超出范围。', en: 'That waitlist position does not exist.' },
  INVALID_CHECKIN_CODE: { zh: '无效的签到码。', en: 'Not a valid check-in code.' },
  NOT_CONFIRMED: {
    zh: [(d) => (d.status ? `该报名${STATUS.zh[d.status] || ''}，尚未确认，不能签到。` : null), '该报名尚未确认，不能签到。'],
    en: [(d) => (d.status ? `This entry is ${STATUS.en[d.status] || 'not confirmed'}, so it cannot check in.` : null),
      'This entry is not confirmed, so it cannot check in.'],
  },

  // ---------- spreadsheet import (whole file and per row) ----------
  BAD_ENCODING: { zh: '文件不是 UTF-8 编码，请在表格软件中另存为“CSV UTF-8”。', en: 'The file is not UTF-8: save it as "CSV UTF-8".' },
  MISSING_COLUMNS: { zh: '表头缺少必需的列（姓名、项目）。', en: 'The header lacks a required column (name, competition).' },
  MALFORMED_CSV: { zh: '文件不是有效的 CSV。', en: 'The file is not valid CSV.' },
  EMPTY_FILE: { zh: '文件为空。', en: 'The file is empty.' },
  TOO_MANY_ROWS: { zh: '文件行数过多（最多 20000 行），请拆分后分批导入。', en: 'Too many rows (20,000 at most): split the file.' },
  BAD_DATE: { zh: '出生日期格式不正确，例如 1990-05-17。', en: 'The birth date is not a date like 1990-05-17.' },
  BAD_GENDER: { zh: '性别须为 男/女 或 M/F。', en: 'The gender must be M, F, 男 or 女.' },
  NAME_REQUIRED: { zh: '姓名为空。', en: 'The name is empty.' },
  NAME_TOO_LONG: { zh: '姓名过长（最多 100 个字符）。', en: 'The name is longer than 100 characters.' },
  COMPETITION_REQUIRED: { zh: '请填写项目。', en: 'The competition is missing.' },
  UNKNOWN_COMPETITION: { zh: '本赛事没有这个项目。', en: 'This event has no such competition.' },
  TEAM_COMPETITION: { zh: '团体项目请在项目报名页报名队伍。', en: 'This is a team competition: register teams on its page.' },

  // ---------- scoring: marks, corrections, publication ----------
  NOT_ASSIGNED_JUDGE: { zh: '您不是本比赛的裁判。', en: 'You are not a judge of this competition.' },
  HEAD_JUDGE_REQUIRED: { zh: '需要裁判长或组委会权限。', en: 'Head judge or organiser only.' },
  UNKNOWN_DISPLAY_ACTION: { zh: '大屏只能“轮播”“暂停”“固定某页”或“下一页”。', en: 'The big screen can run, hold, pin a page or skip to the next.' },
  DISPLAY_PAGE_REQUIRED: { zh: '请选择要固定在大屏上的页面。', en: 'Choose the page to pin on the big screen.' },
  DISPLAY_SCREEN_REQUIRED: { zh: '请选择要交还统一控制的屏幕。', en: 'Choose the screen that should follow all screens again.' },
  DISPLAY_SCREEN_NOT_FOUND: { zh: '这块屏幕已不在本活动的屏幕列表中，请刷新后再试。', en: 'That screen is no longer listed for this event; reload and try again.' },
  PROBLEM_TEXT_REQUIRED: { zh: '请简要说明问题（1 至 500 字）。', en: 'Say briefly what the problem is (1 to 500 characters).' },
  ORGANISER_REQUIRED: { zh: '正式公布后只有组委会可以更正。', en: 'After publication only an organiser may correct.' },
  ALREADY_SCORED: { zh: '您已为该选手评过分，改动须走更正流程。', en: 'You already scored this athlete; a change is a correction.' },
  MARK_OUT_OF_RANGE: {
    zh: ['分数须在 {min} 至 {max} 之间。', '成绩不能小于 {min}。', '分数超出允许范围。'],
    en: ['The mark must be between {min} and {max}.', 'The result must be at least {min}.', 'The mark is out of range.'],
  },
  NOT_A_NUMBER: { zh: '请输入数字。', en: 'Enter a number.' },
  VALUE_REQUIRED: { zh: '请填写成绩或选择 DNF / DNS / DQ。', en: 'Enter the result or DNF / DNS / DQ.' },
  VALUE_OR_OUTCOME: { zh: '成绩与 DNF / DNS / DQ 只能二选一。', en: 'A result or DNF / DNS / DQ, not both.' },
  FIELD_NOT_FOR_FORMAT: { zh: '该项不适用于本比赛的赛制。', en: 'This does not apply to this competition\'s format.' },
  MARKS_INCOMPLETE: {
    zh: ['请为评分标准“{criterion}”打分。', '请为每一项评分标准打分。'],
    en: ['Give a mark for the criterion "{criterion}".', 'Mark every criterion.'],
  },
  UNKNOWN_CRITERION: {
    zh: ['本赛制没有评分标准“{criterion}”。', '未知的评分标准。'],
    en: ['This format has no criterion "{criterion}".', 'Unknown criterion.'],
  },
  DIFFICULTY_ALREADY_DECLARED: {
    zh: ['该试次已申报难度系数 {difficulty}；如需更改，请由裁判长重新申报。', '该试次已申报难度系数；如需更改，请由裁判长重新申报。'],
    en: ['This attempt is declared with a difficulty of {difficulty}; the head judge changes it with a new declaration.',
      'This attempt\'s difficulty is already declared; the head judge changes it with a new declaration.'],
  },
  DIFFICULTY_IS_DECLARED: { zh: '难度系数已申报，打分时无需再填；如需更改，请由裁判长重新申报。', en: 'The difficulty is already declared: leave it out of the mark; the head judge changes it with a new declaration.' },
  ATTEMPT_ALREADY_MARKED: {
    zh: ['第 {attempt} 次试跳已有裁判打分，只有裁判长可以更改其难度系数，并须注明原因。', '该试次已有裁判打分，只有裁判长可以更改其难度系数。'],
    en: ['Attempt {attempt} already has marks: only the head judge changes its difficulty, with a reason.', 'This attempt already has marks: only the head judge changes its difficulty.'],
  },
  UNKNOWN_ATTEMPT: {
    zh: ['本比赛共 {attempts} 次试跳/试次，没有第 {attempt} 次。', '没有这一次试跳/试次。'],
    en: ['This competition has {attempts} {attempts|attempt|attempts}; there is no attempt {attempt}.', 'There is no such attempt.'],
  },
  DUPLICATE_ATTEMPT: {
    zh: ['第 {attempt} 次试跳被填写了两次。', '同一试次被填写了两次。'],
    en: ['Attempt {attempt} is listed twice.', 'The same attempt is listed twice.'],
  },
  CUTOFF_NOT_MET: {
    zh: ['前 {attempts} 次成绩均未达到及格线 {beat}，该选手没有后续试次。', '未达到及格线，该选手没有后续试次。'],
    en: ['None of the first {attempts} attempts beat the cutoff of {beat}: this entry has no more attempts.', 'The cutoff was not met: this entry has no more attempts.'],
  },
  PART_REQUIRED: { zh: '请选择这项分数属于哪一部分（如理论、实操）。', en: 'Choose which part this mark is for (theory, practical, ...).' },
  UNKNOWN_PART: {
    zh: ['本赛制没有“{part}”这一部分。', '本赛制没有这一部分。'],
    en: ['This format has no part "{part}".', 'This format has no such part.'],
  },
  HOLDER_REQUIRED: { zh: '请填写纪录保持者。', en: 'Enter who holds the record.' },
  INVALID_RECORD_VALUE: { zh: '纪录成绩须为数字（时间可写作 1:02.34），最多 4 位小数。', en: 'A record is a number (a time may be typed as 1:02.34) with at most 4 decimals.' },
  DIFFICULTY_REQUIRED: { zh: '请填写难度系数。', en: 'Enter the difficulty.' },
  DIFFICULTY_OUT_OF_RANGE: { zh: '难度系数须大于 0 且不超过 10。', en: 'The difficulty is above 0 and at most 10.' },
  DIFFICULTY_MISMATCH: {
    zh: ['裁判组已录入不同的难度系数（{difficulty}）。', '裁判组已录入不同的难度系数。'],
    en: ['The panel recorded another difficulty ({difficulty}).', 'The panel recorded another difficulty.'],
  },
  DIFFICULTY_NOT_IN_TABLE: {
    zh: ['动作代码 {code} 的难度系数应为 {difficulty}，请核对。', '动作代码 {code} 不在本比赛的难度表中。', '该难度系数不在本比赛的难度表中。'],
    en: ['The table gives dive {code} a difficulty of {difficulty}; check it.', 'Code {code} is not in this competition\'s difficulty table.',
      'This difficulty is not in this competition\'s table.'],
  },
  FORMULA_UNKNOWN_PART: { zh: '计分公式或同分比较中用到了本赛制没有的部分。', en: 'The formula or a tie-break names a part this format does not have.' },
  PANEL_FULL: { zh: '该选手的裁判分数已齐。', en: 'This athlete already has every mark.' },
  TOO_MANY_ATTEMPTS: {
    zh: ['本赛制每人最多 {attempts} 次。', '已超过允许的次数。'],
    en: ['This format allows {attempts} {attempts|attempt|attempts}.', 'No attempts left.'],
  },
  OPPONENT_REQUIRED: { zh: '请选择对手。', en: 'Choose the opponent.' },
  INVALID_MATCH: { zh: '选手不能与自己比赛。', en: 'An athlete does not play themselves.' },
  INVALID_MATCH_SCORE: { zh: '比分须为 0 至 10000 的整数。', en: 'Match scores are whole numbers from 0 to 10000.' },
  ENTRY_NOT_IN_COMPETITION: { zh: '该选手不属于本比赛。', en: 'This athlete belongs to another competition.' },
  ENTRY_NOT_ACTIVE: { zh: '该选手不是有效参赛者（已退出或在候补中）。', en: 'This athlete is not an active entry (withdrawn or waitlisted).' },
  ENTRY_NOT_IN_ROUND: { zh: '该选手不在本轮。', en: 'This athlete is not in this round.' },
  UNKNOWN_ROUND: { zh: '本比赛没有这一轮。', en: 'This competition has no such round.' },
  ROUND_OFFICIAL: { zh: '本轮成绩已正式公布，改动须由组委会更正。', en: 'This round is official; changes are corrections by the organiser.' },
  ROUND_NOT_STARTED: { zh: '本轮尚未开始：上一轮正式公布后开始。', en: 'This round has not started: it opens when the previous one is official.' },
  ROUND_NOT_CURRENT: {
    zh: ['现在应公布的是第 {round} 轮。', '现在不能公布这一轮。'],
    en: ['Round {round} is the one to publish now.', 'This round cannot be published now.'],
  },
  REASON_REQUIRED: { zh: '请填写更正原因。', en: 'Give a reason for the correction.' },
  SCORE_SUPERSEDED: { zh: '该分数已被更正，请刷新。', en: 'This score was corrected meanwhile; reload.' },
  CHECKER_IS_ENTERER: { zh: '不能复核自己录入的分数。', en: 'You cannot check a score you entered.' },
  PANEL_INCOMPLETE: {
    zh: ['还有 {entriesCount} 名选手未完成评分，不能正式公布。', '还有选手未完成评分，不能正式公布。'],
    en: ['{entriesCount} {entriesCount|athlete still waits|athletes still wait} for marks: the results cannot be published yet.',
      'Some athletes still wait for marks: the results cannot be published yet.'],
  },
  ALREADY_OFFICIAL: { zh: '成绩已是正式成绩。', en: 'The results are already official.' },
  SCOREBOARD_HIDDEN: { zh: '本项目成绩暂未公开。', en: 'These results are not released yet.' },

  // ---------- draws (head-to-head) ----------
  NOT_HEAD_TO_HEAD: { zh: '只有对抗类比赛可以抽签。', en: 'Only head-to-head competitions are drawn.' },
  RESULTS_ALREADY_IN: { zh: '该比赛已有成绩，对阵不可更改。', en: 'This competition already has results; its draw cannot change.' },
  TOO_MANY_ENTRIES: {
    zh: ['该赛制最多 {max} 名参赛者，现有 {entries} 名。', '参赛者过多，无法按该赛制抽签。'],
    en: ['This system takes at most {max} entries; there are {entries}.', 'Too many entries for this draw system.'],
  },
  TOO_FEW_ENTRIES: { zh: '至少需要两名参赛者。', en: 'A draw needs at least two entries.' },
  TOO_MANY_ROUNDS: {
    zh: ['瑞士制最多 {max} 轮。', '轮数过多。'],
    en: ['At most {max} Swiss rounds are possible.', 'Too many rounds.'],
  },
  DUPLICATE_ENTRY: { zh: '同一参赛者在种子顺序中出现了两次。', en: 'An entry is seeded twice.' },
  FIELD_NOT_FOR_KIND: { zh: '只有瑞士制需要选择轮数。', en: 'Rounds are chosen only for a Swiss draw.' },
  FIELD_NOT_FOR_NEXT_ROUND: { zh: '下一轮按积分编排，不能再指定种子或轮数。', en: 'The next Swiss round follows the standings; seeds and rounds belong to the first.' },
  ROUND_UNFINISHED: {
    zh: ['第 {round} 轮还有比赛没有成绩。', '本轮还有比赛没有成绩。'],
    en: ['Round {round} still has matches without a result.', 'This round still has matches without a result.'],
  },
  DRAW_COMPLETE: { zh: '所有轮次均已编排。', en: 'Every round is drawn.' },
  NO_PAIRING_LEFT: { zh: '已无法在不重复对阵的情况下编排下一轮。', en: 'No further round is possible without a rematch.' },
  WINNER_REQUIRED: { zh: '淘汰赛必须分出胜负。', en: 'A knockout match needs a winner.' },
  ALREADY_RECORDED: {
    zh: ['该场比赛已有成绩（{scoreA}:{scoreB}）。', '该场比赛已有成绩。'],
    en: ['This match already has a result ({scoreA}:{scoreB}).', 'This match already has a result.'],
  },
  MATCH_NOT_READY: { zh: '该场比赛的对手尚未确定。', en: 'This match waits for its players.' },
  MATCH_IS_BYE: { zh: '轮空无需录入比分。', en: 'A bye needs no result.' },

  // ---------- announcements ----------
  TEXT_REQUIRED: { zh: '请填写公告内容。', en: 'Write the announcement text.' },
  TEXT_TOO_LONG: { zh: '公告内容过长（最多 500 字）。', en: 'The text is too long (at most 500 characters).' },
  TEXT_INVALID: { zh: '公告内容含有无法显示的控制字符。', en: 'The text contains control characters.' },
  UNKNOWN_AUDIENCE: { zh: '未知的公告对象。', en: 'Unknown audience.' },
  UNEXPECTED_COMPETITION: { zh: '只有“本项目选手”对象需要选择项目。', en: 'A competition is chosen only for the audience "entrants of a competition".' },
  UNKNOWN_PRIORITY: { zh: '优先级须为普通或紧急。', en: 'The priority is normal or urgent.' },
  BAD_TIME: { zh: '时间格式不正确。', en: 'The time is not valid.' },
  SCHEDULE_IN_PAST: { zh: '定时发送时间必须在将来。', en: 'The send time must be in the future.' },
  SCHEDULE_TOO_FAR: { zh: '定时发送最多提前一年。', en: 'A send time can be at most a year ahead.' },
  EXPIRY_BEFORE_SEND: { zh: '过期时间必须晚于发送时间。', en: 'The expiry must come after sending.' },

  // ---------- youth mixers ----------
  MIXER_FULL: { zh: '交友会已满员。', en: 'This mixer is full.' },
  MIXER_CLOSED: {
    zh: ['交友会已于 {endedOn} 结束，不再接受报名。', '交友会已结束。'],
    en: ['This mixer ended on {endedOn}; it takes no more sign-ups.', 'This mixer has run all its rounds.'],
  },
  AGE_OUTSIDE_BAND: {
    zh: ['本次活动面向 {minAge} 至 {maxAge} 岁。', '您的年龄不在本次活动范围内。'],
    en: ['This mixer is for ages {minAge} to {maxAge}.', 'Your age is outside this mixer\'s age band.'],
  },
  INVALID_AGE_BAND: { zh: '最小年龄不能大于最大年龄。', en: 'The minimum age cannot be above the maximum age.' },
  INVALID_TABLE_SIZE: { zh: '多人一桌至少 3 人，两人一组请选“两人一组”。', en: 'Tables seat at least 3; choose pairs for two.' },
  GUARDIAN_CONSENT_REQUIRED: { zh: '未满 14 岁需填写监护人姓名并勾选同意。', en: 'Under 14: a guardian\'s name and consent are needed.' },
  MINOR_CONTACT_REFUSED: { zh: '未满 18 岁不能填写联系方式。', en: 'Participants under 18 cannot give contact details.' },
  ALREADY_JOINED: { zh: '您已报名。', en: 'You have already joined.' },
  NOT_JOINED: { zh: '请先报名。', en: 'Join first.' },
  TOO_FEW_PARTICIPANTS: {
    zh: ['至少需要两名已签到的参与者（现有 {checkedIn} 名）。', '至少需要两名已签到的参与者。'],
    en: ['At least two checked-in participants are needed (now {checkedIn}).', 'At least two checked-in participants are needed.'],
  },
  ROUND_IN_PROGRESS: { zh: '本轮尚未结束。', en: 'The current round is still running.' },
  NO_ROUNDS_LEFT: { zh: '所有轮次都已进行。', en: 'All rounds have been run.' },
  NOT_MET: { zh: '只能选择在已结束轮次中认识的人。', en: 'You can only pick people you met in a finished round.' },
  NO_ROUND_RUNNING: { zh: '现在没有进行中的轮次。', en: 'No round is running now.' },
  ROUND_END_IN_PAST: {
    zh: ['结束时间必须晚于现在（服务器时间 {serverTime}）。', '结束时间必须晚于现在。'],
    en: ['The round must end later than now (server time {serverTime}).', 'The round must end later than now.'],
  },
  ROUND_END_TOO_LATE: {
    zh: ['一轮最多只能延长到现在起 {maxMinutes} 分钟后。', '延长的时间太长。'],
    en: ['A round can end at most {maxMinutes} minutes from now.', 'That is too long an extension.'],
  },
  NO_SUCH_TABLE: {
    zh: ['本轮没有第 {table} 桌；新开一桌请选第 {newTable} 桌。', '本轮没有这张桌。'],
    en: ['This round has no table {table}; to open a new table use number {newTable}.', 'This round has no such table.'],
  },
  TABLE_FULL: {
    zh: ['第 {table} 桌已坐满（最多 {size} 人）。', '这张桌已坐满。'],
    en: ['Table {table} is full (at most {size} people).', 'That table is full.'],
  },
  MINOR_TO_ADULT_TABLE: {
    zh: ['未成年人不能坐到有成年人的第 {table} 桌。', '未成年人不能和成年人同桌。'],
    en: ['A minor cannot sit at table {table}, where adults sit.', 'A minor is never seated with adults.'],
  },
  ADULT_TO_MINOR_TABLE: {
    zh: ['成年人不能坐到有未成年人的第 {table} 桌。', '成年人不能和未成年人同桌。'],
    en: ['An adult cannot sit at table {table}, where minors sit.', 'An adult is never seated with minors.'],
  },
  ALREADY_MET: {
    zh: ['此人已经和第 {table} 桌上的人见过面了。', '此人已经和那张桌上的人见过面了。'],
    en: ['This person has already met someone at table {table}.', 'This person has already met someone at that table.'],
  },
  NOT_CHECKED_IN: { zh: '此人尚未签到，不能安排座位。', en: 'This person is not checked in, so they cannot be seated.' },
  RATING_TOO_EARLY: { zh: '第一轮结束后才能给今晚打分。', en: 'You can rate the evening once the first round is over.' },

  // ---------- profile, passwords, co-organisers ----------
  PROFILE_FIELD_LOCKED: {
    zh: [(d) => (d.field ? `${d.field === 'gender' ? '性别' : '出生日期'}已填写，不能再更改；如有错误请联系组委会。` : null),
      '性别和出生日期填写后不能再更改；如有错误请联系组委会。'],
    en: [(d) => (d.field ? `Your ${d.field === 'gender' ? 'gender' : 'birth date'} is already set; to change it, ask the organisers.` : null),
      'Gender and birth date cannot change once set; to change them, ask the organisers.'],
  },
  INVALID_BIRTH_DATE: { zh: '出生日期不能晚于今天，也不能早于 120 年前。', en: 'The birth date cannot be in the future or more than 120 years ago.' },
  WRONG_PASSWORD: { zh: '当前密码不正确。', en: 'The current password is wrong.' },
  INVALID_RESET_CODE: { zh: '重置码无效或已过期，请向管理员重新索取。', en: 'This reset code is not valid or has expired; ask the administrator for a new one.' },
  LAST_ORGANISER: { zh: '赛事至少需要一位组织者。', en: 'An event keeps at least one organiser.' },
  NOT_AN_ORGANISER: { zh: '此人不是本赛事的组织者。', en: 'This person is not an organiser of this event.' },
  POSSIBLE_DUPLICATE: {
    zh: ['已有同单位的“{displayName}”报名，无法从出生日期区分。如确为另一人，请勾选“另一位同名选手”后再提交。',
      '已有同名同单位的选手报名，无法区分。如确为另一人，请勾选“另一位同名选手”后再提交。'],
    en: ['"{displayName}" of the same unit is already entered and the birth dates cannot tell them apart. If this is someone else, tick "another person with this name" and send again.',
      'Someone of the same name and unit is already entered. If this is someone else, tick "another person with this name" and send again.'],
  },

  // ---------- judges and judge codes ----------
  NOT_A_JUDGE: { zh: '此人不是本项目的裁判。', en: 'This person does not judge this competition.' },
  JUDGE_CODE_UNKNOWN: { zh: '没有这个裁判邀请码，请核对后重新输入。', en: 'There is no such judge code; check it and type it again.' },
  JUDGE_CODE_EXPIRED: { zh: '该裁判邀请码已过期，请向组委会索取新的邀请码。', en: 'This judge code has expired; ask the organisers for a new one.' },
  JUDGE_CODE_REVOKED: { zh: '该裁判邀请码已被组委会作废。', en: 'The organisers have revoked this judge code.' },
  JUDGE_CODE_USED_UP: { zh: '该裁判邀请码的使用次数已用完，请向组委会索取新的邀请码。', en: 'This judge code has been used up; ask the organisers for a new one.' },
  JUDGE_CODE_OTHER_EVENT: {
    zh: ['该邀请码属于“{event}”的“{competition}”，不是这里的项目。', '该邀请码属于其他赛事或项目。'],
    en: ['This code is for "{competition}" of "{event}", not this one.', 'This code belongs to another event or competition.'],
  },
  SIGN_IN_REQUIRED: { zh: '请登录或注册后再加入裁判组。', en: 'Sign in or create an account to join the panel.' },
  EXPIRY_IN_PAST: { zh: '有效期必须在将来。', en: 'The expiry must be in the future.' },
  EXPIRY_TOO_FAR: { zh: '有效期最长 90 天。', en: 'A code can be valid for at most 90 days.' },

  // ---------- bibs, check-in at the door, badges ----------
  BIB_TAKEN: {
    zh: ['该号码已分配给 {displayName}。', '该号码已被本赛事的其他选手使用。'],
    en: ['This bib already belongs to {displayName}.', 'Another athlete of this event already has this bib.'],
  },
  CHECKIN_OTHER_COMPETITION: {
    zh: ['{displayName} 报名的是“{competition}”，不是本项目，未签到。请到“{competition}”签到。',
      '这个签到码属于本赛事的其他项目，未签到。'],
    en: ['{displayName} is entered in "{competition}", not this competition: not checked in. Check them in at "{competition}".',
      'This code belongs to another competition of the event: not checked in.'],
  },
  CODE_OR_ENTRY_REQUIRED: { zh: '请扫描或输入签到码。', en: 'Scan or type a check-in code.' },
  NO_ENTRIES: { zh: '没有可打印的参赛证：所选范围内还没有报名。', en: 'No badges to print: nobody is entered in what you chose.' },
  NOT_IMPLEMENTED: { zh: '此功能即将开放。', en: 'This is not available yet.' },
};

/** Entry statuses inside sentences (NOT_CONFIRMED). */
const STATUS = {
  zh: { WAITLISTED: '在候补中', WITHDRAWN: '已退出', CONFIRMED: '已确认', CHECKED_IN: '已签到' },
  en: { WAITLISTED: 'waitlisted', WITHDRAWN: 'withdrawn', CONFIRMED: 'confirmed', CHECKED_IN: 'checked in' },
};

function when(iso, lang) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
