// The host's seating plan (mixer-admin.html): tables with names, and who rests and why, drawn from
// the seat rows of the live topic mixer:<id> (organisers get every row). Rows are keyed by person:
// a move or a new round touches only the rows and tables that changed.
import { t } from './i18n.js';
import { el } from './ui.js';

export class PlanView {
  /** actions: { move(userId, table), gone(userId) } */
  constructor(root, restingList, restingBox, actions) {
    this.root = root;
    this.restingList = restingList;
    this.restingBox = restingBox;
    this.actions = actions;
    this.rows = new Map(); // userId -> li
    this.tables = new Map(); // table -> section
  }

  /** Brings the plan in step with the seat rows of a mixer snapshot. */
  render(mixer) {
    const seats = (mixer && mixer.seats) || [];
    const seated = seats.filter((s) => !s.resting);
    const numbers = [...new Set(seated.map((s) => s.table))].sort((a, b) => a - b);
    const newTable = (numbers.length ? numbers[numbers.length - 1] : 0) + 1;
    const pairs = mixer && mixer.mode === 'pairs';

    for (const [n, section] of this.tables) {
      if (!numbers.includes(n)) {
        section.remove();
        this.tables.delete(n);
      }
    }
    let previous = null;
    for (const n of numbers) {
      let section = this.tables.get(n);
      if (!section) {
        section = el('section', { class: 'plan-table', dataset: { table: n } }, el('h3'), el('ul'));
        this.tables.set(n, section);
      }
      const expected = previous ? previous.nextSibling : this.root.firstChild;
      if (section !== expected) this.root.insertBefore(section, expected);
      previous = section;
      const count = seated.filter((s) => s.table === n).length;
      section.querySelector('h3').textContent = t(pairs ? 'mixer.plan.pair' : 'mixer.plan.table', { table: n, n: count });
    }

    const present = new Set();
    for (const s of seats) {
      present.add(String(s.id));
      const li = this.row(s, numbers, newTable);
      const parent = s.resting ? this.restingList : this.tables.get(s.table).querySelector('ul');
      if (li.parentNode !== parent) parent.append(li);
    }
    for (const [id, li] of this.rows) {
      if (!present.has(id)) {
        li.remove();
        this.rows.delete(id);
      }
    }
    this.restingBox.hidden = !seats.some((s) => s.resting);
  }

  row(s, numbers, newTable) {
    const id = String(s.id);
    let li = this.rows.get(id);
    if (!li) {
      li = el('li', { class: 'plan-person', dataset: { userId: id } },
        el('span', { class: 'who' }), el('span', { class: 'badge minor-badge' }),
        el('select', { class: 'move' }), el('button', { type: 'button', class: 'secondary small gone' }),
        el('span', { class: 'reason muted' }));
      li.querySelector('select').addEventListener('change', (ev) => {
        const value = ev.target.value;
        ev.target.value = '';
        if (value !== '') this.actions.move(s.id, Number(value));
      });
      li.querySelector('.gone').addEventListener('click', () => this.actions.gone(s.id));
      this.rows.set(id, li);
    }
    li.dataset.table = s.resting ? '0' : String(s.table);
    li.dataset.reason = s.reason || '';
    li.querySelector('.who').textContent = s.displayName || '';
    const badge = li.querySelector('.minor-badge');
    badge.textContent = t('mixer.minor');
    badge.hidden = !s.minor;
    const reason = li.querySelector('.reason');
    reason.textContent = s.resting ? t('mixer.reason.' + (s.reason || 'NO_TABLE_FITS')) : '';
    reason.hidden = !s.resting;
    const left = s.reason === 'LEFT';
    const gone = li.querySelector('.gone');
    gone.textContent = t('mixer.plan.gone');
    gone.hidden = left;
    const select = li.querySelector('select');
    select.hidden = left;
    select.setAttribute('aria-label', t('mixer.plan.moveLabel', { name: s.displayName || '' }));
    const options = [el('option', { value: '' }, t('mixer.plan.moveTo'))];
    for (const n of numbers) {
      if (!s.resting && n === s.table) continue;
      options.push(el('option', { value: n }, t('mixer.plan.toTable', { table: n })));
    }
    options.push(el('option', { value: newTable }, t('mixer.plan.toNewTable', { table: newTable })));
    if (!s.resting) options.push(el('option', { value: 0 }, t('mixer.plan.toRest')));
    select.replaceChildren(...options);
    return li;
  }

  clear() {
    this.root.replaceChildren();
    this.restingList.replaceChildren();
    this.rows.clear();
    this.tables.clear();
    this.restingBox.hidden = true;
  }
}
