// Strings of the judge-code redemption page (judge-join.html).
import { addStrings } from '../i18n.js';

addStrings({
  zh: {
    'jj.title': '加入裁判组',
    'jj.code': '裁判邀请码',
    'jj.codeHint': '8 位字母和数字，不区分大小写',
    'jj.check': '查看邀请',
    'jj.invite': '邀请您担任“{event}”的“{competition}”裁判。',
    'jj.inviteHead': '邀请您担任“{event}”的“{competition}”裁判长。',
    'jj.for': '发给：{name}',
    'jj.validUntil': '有效至 {time}',
    'jj.asMe': '当前账号：{name}',
    'jj.joinMe': '加入并开始评分',
    'jj.otherAccount': '使用其他账号',
    'jj.newAccount': '我没有账号',
    'jj.haveAccount': '我有账号',
    'jj.signUpJoin': '创建账号并加入',
    'jj.signInJoin': '登录并加入',
  },
  en: {
    'jj.title': 'Join the judging panel',
    'jj.code': 'Judge code',
    'jj.codeHint': '8 letters and digits; case does not matter',
    'jj.check': 'Show the invitation',
    'jj.invite': 'You are invited to judge "{competition}" at "{event}".',
    'jj.inviteHead': 'You are invited to be head judge of "{competition}" at "{event}".',
    'jj.for': 'for {name}',
    'jj.validUntil': 'valid until {time}',
    'jj.asMe': 'Signed in as {name}',
    'jj.joinMe': 'Join and start scoring',
    'jj.otherAccount': 'Use another account',
    'jj.newAccount': 'I have no account',
    'jj.haveAccount': 'I have an account',
    'jj.signUpJoin': 'Create account and join',
    'jj.signInJoin': 'Sign in and join',
  },
});
