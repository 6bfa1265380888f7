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
  },
  en: {
    'sb.search': 'Find a name or unit',
    'sb.noMatch': 'No entry matches “{q}”.',
    'sb.state.updating': 'Updating…',
    'sb.state.updatingAt': 'Results as of {at}, updating…',
    'sb.state.live': 'Live results',
    'sb.state.lost': 'Connection lost, reconnecting… Showing results as of {at}',
  },
});
