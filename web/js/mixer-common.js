// Shared by the two mixer pages: Idempotency-Keys and the round clock text.
import { t } from './i18n.js';

export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Plain http on a LAN is not a secure context: build a v4 UUID by hand.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

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
