// Shared by the two mixer pages: the round clock text.
import { t } from './i18n.js';

/**
 * The clock line for a mixer snapshot; `offset` is server time minus local time, so a phone with
 * a wrong clock still counts down to the server's end of round.
 */
export function clockText(m, offset = 0) {
  if (!m || m.round === undefined) return '';
  if (m.roundOpen && m.endsAt) {
    const left = Math.max(0, Math.round((Date.parse(m.endsAt) - (Date.now() + offset)) / 1000));
    const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
    return `${t('mixer.round', { round: m.round, rounds: m.rounds })} · ${t('mixer.remaining', { time })}`;
  }
  if (m.round === 0) return t('mixer.notStarted');
  if (m.round >= m.rounds) return t('mixer.finished');
  return `${t('mixer.round', { round: m.round, rounds: m.rounds })} · ${t('mixer.between')}`;
}

/**
 * Server time minus this device's clock, from a mixer answer's `serverTime` (0 without one): a phone
 * or a hall PC whose clock is wrong still counts a round down by the server's.
 */
export function serverOffset(m) {
  const server = Date.parse(m && m.serverTime);
  return Number.isFinite(server) ? server - Date.now() : 0;
}
