// Mixer nights on the big screen (display.html): the seating plan of each mixer of the event whose
// round is running, from the public topic mixer-board:<mixerId> (table numbers and public names
// only: a minor by initials, decided on the server by gala.access.PersonalData), so people without
// a phone find their table. Tables are paged like scoreboard rows; each table is one element kept
// by its number, so a move re-draws the two tables it touched and nothing else. With
// display.html?event=E&mixer=M the screen shows that mixer only (the room's projector), and printing
// it gives every table of the round on paper for the wall.
import './i18n/mixer.js';
import { t } from './i18n.js';
import { api } from './api.js';
import { el } from './ui.js';
import { clockText, serverOffset } from './mixer-common.js';

const CHANGED_MS = 30_000;

export class MixerBoards {
  /** onChange(mixerId): a board changed (display.js re-pages and re-draws if it is on screen). */
  constructor(screen, live, onChange) {
    this.live = live;
    this.onChange = onChange;
    this.only = null; // the one mixer of a room's projector
    this.boards = new Map(); // mixerId -> board data
    this.cards = new Map(); // table number -> li (of the page on screen)
    this.shown = null; // the page on screen
    this.section = el('section', { class: 'mixer-board', id: 'mixer-board', hidden: true },
      el('ol', { class: 'mixer-tables', id: 'mixer-tables' }),
      el('p', { class: 'mixer-resting', id: 'mixer-resting', hidden: true }),
      el('p', { class: 'mixer-waiting muted', id: 'mixer-waiting', hidden: true }));
    screen.append(this.section);
    this.tick = null;
    this.offset = 0; // server time minus this screen's clock: a projector's clock is often wrong
    window.addEventListener('beforeprint', () => this.printAll());
    window.addEventListener('afterprint', () => this.onChange(this.shown?.mixerId));
  }

  /** Follows the event's mixers (or only `only`); resolves once they are known. */
  async start(eventId, only) {
    this.only = only && /^\d+$/.test(only) ? Number(only) : null;
    let ids = [];
    if (this.only) {
      ids = [this.only];
      api(`/mixers/${this.only}`).then((m) => { this.offset = serverOffset(m); }).catch(() => {});
    } else {
      const mixers = (await api(`/events/${eventId}/mixers`)).items || [];
      if (mixers.length) this.offset = serverOffset(mixers[0]);
      ids = mixers.filter((m) => m.status !== 'FINISHED').map((m) => m.id);
    }
    for (const id of ids) {
      this.live.subscribe('mixer-board:' + id, (data) => {
        this.boards.set(id, data);
        this.onChange(id);
      });
    }
  }

  /** The pages the boards give: a running round's tables, as many a page as fit; a waiting page for a room's projector. */
  pages() {
    const out = [];
    for (const [id, b] of this.boards) {
      if (!b || b.id == null) continue;
      const tables = (b.tables || []).filter(Boolean);
      if (!b.roundOpen || tables.length === 0) {
        if (this.only === id) out.push({ key: `mixer:${id}:0`, kind: 'mixer', mixerId: id, part: 0, parts: 1, waiting: true });
        continue;
      }
      const per = this.perPage(b);
      const parts = Math.max(1, Math.ceil(tables.length / per));
      for (let k = 0; k < parts; k++) out.push({ key: `mixer:${id}:${k}`, kind: 'mixer', mixerId: id, part: k, parts, per });
    }
    return out;
  }

  /** Cards about 31% of the screen height wide; a card is its heading plus a line per seat. */
  perPage(b) {
    const w = window.innerWidth;
    const h = window.innerHeight;
    const seats = (b.tableSize || 4) + 1;
    // A narrow screen (display-mixer.css, max-width 48rem) has one column of cards in rem-sized text.
    const narrow = w <= 768;
    const cols = narrow ? 1 : Math.max(1, Math.floor((w * 0.95) / Math.max(200, h * 0.31)));
    const card = narrow ? 16 * (2.6 + 1.25 * seats) : Math.max(120, h * (0.085 + 0.037 * seats));
    const rows = Math.max(1, Math.floor((h * 0.72) / card));
    return cols * rows;
  }

  /** Draws `page` (or hides the board when another kind of page is on screen); head: {name, round} elements. */
  show(page, head) {
    this.section.hidden = !page;
    this.shown = page;
    clearInterval(this.tick);
    if (!page) return;
    const b = this.boards.get(page.mixerId);
    if (!b) return;
    head.name.textContent = (b.title || '') + (page.parts > 1 ? ' ' + t('display.part', { k: page.part + 1, n: page.parts }) : '');
    const clock = () => { head.round.textContent = clockText(b, this.offset); };
    clock();
    if (b.roundOpen) this.tick = setInterval(clock, 1000);
    const waiting = this.section.querySelector('#mixer-waiting');
    waiting.hidden = !page.waiting;
    waiting.textContent = page.waiting ? t('mixer.board.waiting') : '';
    const tables = page.waiting ? [] : (b.tables || []).filter(Boolean).slice(page.part * page.per, (page.part + 1) * page.per);
    this.draw(b, tables);
    const resting = this.section.querySelector('#mixer-resting');
    const names = page.waiting ? [] : b.resting || [];
    resting.hidden = names.length === 0;
    resting.textContent = names.length ? t('mixer.board.resting', { names: names.join('、') }) : '';
  }

  /** Brings the cards in step with `tables`: new ones made, gone ones removed, changed ones marked. */
  draw(b, tables) {
    const list = this.section.querySelector('#mixer-tables');
    const keep = new Set(tables.map((x) => String(x.id)));
    for (const [n, li] of this.cards) {
      if (!keep.has(n)) {
        li.remove();
        this.cards.delete(n);
      }
    }
    let previous = null;
    for (const table of tables) {
      const n = String(table.id);
      let li = this.cards.get(n);
      const names = (table.names || []).join('\n');
      if (!li) {
        li = el('li', { class: 'mixer-table', dataset: { table: n } }, el('h2'), el('ul'));
        this.cards.set(n, li);
      } else if (li.dataset.names !== names) {
        li.classList.add('changed');
        li.dataset.changedAt = String(Date.now());
        setTimeout(() => { if (Date.now() - Number(li.dataset.changedAt) >= CHANGED_MS) li.classList.remove('changed'); }, CHANGED_MS);
      }
      li.querySelector('h2').textContent = t(b.mode === 'pairs' ? 'mixer.board.pair' : 'mixer.board.table', { table: table.id });
      if (li.dataset.names !== names) {
        li.dataset.names = names;
        li.querySelector('ul').replaceChildren(...(table.names || []).map((name) => el('li', {}, name)));
      }
      const expected = previous ? previous.nextSibling : list.firstChild;
      if (li !== expected) list.insertBefore(li, expected);
      previous = li;
    }
  }

  /** On paper every table of the round, not one page of them. */
  printAll() {
    const id = this.shown?.mixerId ?? this.only;
    const b = id != null ? this.boards.get(id) : null;
    if (!b || !b.roundOpen) return;
    this.section.hidden = false;
    this.draw(b, (b.tables || []).filter(Boolean));
  }
}
