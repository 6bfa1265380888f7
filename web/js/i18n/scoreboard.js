// Strings of the public scoreboard page's finder (scoreboard.html).
import { addStrings } from '../i18n.js';

addStrings({
  zh: {
    'sb.search': '查找姓名或单位',
    'sb.noMatch': '没有符合“{q}”的选手。',
  },
  en: {
    'sb.search': 'Find a name or unit',
    'sb.noMatch': 'No entry matches “{q}”.',
  },
});
