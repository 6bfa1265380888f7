// Strings of the home page.
import { addStrings } from '../i18n.js';

addStrings({
  zh: {
    'home.title': 'Gala 赛事中心',
    'home.lede': '工会、团委的运动会、文化节、技能比赛和青年交友活动：在线报名、裁判平板评分、实时成绩与公告。',
    'home.organise': '组织赛事',
    'home.judge': '去评分',
    'home.myTitle': '我的报名',
    'home.judgeTitle': '我的裁判任务',
    'home.headJudge': '裁判长',
    'home.review': '审核成绩',
    'home.live': '正在进行',
    'home.upcoming': '即将开始',
    'home.past': '已结束的赛事',
    'home.private': '不公开',
    'home.manage': '管理赛事',
    'home.allCompetitions': '查看全部 {n} 个比赛项目',
  },
  en: {
    'home.title': 'Gala',
    'home.lede': 'Sports meets, culture festivals, skills contests and youth mixers of unions and youth leagues: register online, judges score on tablets, live results and announcements.',
    'home.organise': 'Organise an event',
    'home.judge': 'Go judging',
    'home.myTitle': 'My registrations',
    'home.judgeTitle': 'My judging',
    'home.headJudge': 'head judge',
    'home.review': 'Review marks',
    'home.live': 'Live now',
    'home.upcoming': 'Upcoming',
    'home.past': 'Past events',
    'home.private': 'private',
    'home.manage': 'Manage',
    'home.allCompetitions': 'All {n} competitions',
  },
});
