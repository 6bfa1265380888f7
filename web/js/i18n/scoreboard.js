// Strings of the public scoreboard page's finder and live state (scoreboard.html).
import { addStrings } from '../i18n.js';

addStrings({
  zh: {
    'sb.search': '查找姓名或单位',
    'sb.noMatch': '没有符合“{q}”的选手。',
    'sb.state.updating': '正在更新…',
    'sb.state.updatingAt': '{at} 的成绩，正在更新…',
    'sb.state.live': '实时成绩',
    'sb.state.lost': '连接中断，正在重连… 显示的是 {at} 的成绩',
    'sb.state.earlier': '{name}成绩（往轮）',
    'sb.rounds': '轮次',
    'sb.roundN': '第 {n} 轮',
    'sb.roundNow': '{name}（进行中）',
  },
  en: {
    'sb.search': 'Find a name or unit',
    'sb.noMatch': 'No entry matches “{q}”.',
    'sb.state.updating': 'Updating…',
    'sb.state.updatingAt': 'Results as of {at}, updating…',
    'sb.state.live': 'Live results',
    'sb.state.lost': 'Connection lost, reconnecting… Showing results as of {at}',
    'sb.state.earlier': '{name}: an earlier round',
    'sb.rounds': 'Rounds',
    'sb.roundN': 'Round {n}',
    'sb.roundNow': '{name} (now)',
  },
});
