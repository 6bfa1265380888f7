// The judge page's panel for a drawn head-to-head competition: its open matches (draw:<id>), one
// form each, kept across renders so typing survives live deltas. A result goes through the page's
// outbox like any mark (recordMatchResult keeps draw and scoreboard together); a match whose
// result waits or was refused says so on its card.
import { t, errorText } from './i18n.js';
import { el } from './ui.js';
import { readNumber } from './judge-check.js';

export class Matches {
  /** ctx: {live, enqueue(item), renderMode(), say(text), items(matchId), discard(item)} */
  constructor(ctx) {
    this.ctx = ctx;
    this.topic = null;
    this.draw = null; // null until the draw snapshot says whether matches are drawn
    this.forms = new Map();
  }

  /** Follows the draw of head-to-head competition `cid`. */
  start(cid) {
    this.topic = 'draw:' + cid;
    this.ctx.live.subscribe(this.topic, (data) => {
      this.draw = data || { drawn: false };
      this.ctx.renderMode();
      this.render();
    });
  }

  stop() {
    if (this.topic) this.ctx.live.unsubscribe(this.topic);
    this.topic = null;
    this.draw = null;
    this.forms.clear();
    document.getElementById('matches').replaceChildren();
  }

  /** True once the draw snapshot arrived (until then neither form shows: a free result would bypass the bracket). */
  decided() {
    return this.draw != null;
  }

  drawn() {
    return !!this.draw?.drawn;
  }

  name(id) {
    const e = (this.draw?.entries || []).find((x) => String(x.id) === String(id));
    return e ? e.name + (e.unit ? ' · ' + e.unit : '') : String(id ?? '');
  }

  form(m) {
    let form = this.forms.get(m.id);
    if (form) return form;
    const a = el('input', { class: 'score-a', type: 'text', inputmode: 'numeric', autocomplete: 'off' });
    const b = el('input', { class: 'score-b', type: 'text', inputmode: 'numeric', autocomplete: 'off' });
    form = el('form', { class: 'card form match', novalidate: true },
      el('p', { class: 'muted round' }),
      el('label', {}, el('span', { class: 'name-a' }), a),
      el('label', {}, el('span', { class: 'name-b' }), b),
      el('button', { type: 'submit', class: 'record big' }),
      el('div', { class: 'match-refused', hidden: true }));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const sa = readNumber(a.value);
      const sb = readNumber(b.value);
      if (sa.problem || sb.problem) {
        this.ctx.say(t('judge.invalidNumber'));
        (sa.problem ? a : b).focus();
        return;
      }
      if (!Number.isInteger(sa.value) || !Number.isInteger(sb.value) || sa.value < 0 || sb.value < 0 || sa.value > 10000 || sb.value > 10000) {
        this.ctx.say(t('error.INVALID_MATCH_SCORE'));
        return;
      }
      const match = (this.draw?.matches || []).find((x) => x.id === m.id) || m; // names as drawn now
      a.value = '';
      b.value = '';
      const refused = this.ctx.items(m.id).filter((i) => i.state === 'refused');
      await this.ctx.enqueue({
        kind: 'match', matchId: m.id, entryName: `${this.name(match.a)} – ${this.name(match.b)}`,
        label: `${sa.value} : ${sb.value}`, body: { scoreA: sa.value, scoreB: sb.value },
      });
      for (const r of refused) await this.ctx.discardQuietly?.(r);
    });
    this.forms.set(m.id, form);
    return form;
  }

  render() {
    if (!this.drawn()) return;
    const list = document.getElementById('matches');
    const waiting = (m) => this.ctx.items(m.id).some((i) => i.state === 'queued' || i.state === 'sent');
    const refusedOf = (m) => this.ctx.items(m.id).filter((i) => i.state === 'refused');
    const open = (this.draw.matches || []).filter((m) => !m.bye && m.a != null && m.b != null
      && (m.scoreA == null || waiting(m) || refusedOf(m).length));
    document.getElementById('no-matches').hidden = open.length > 0;
    document.getElementById('matches-left').textContent = t('judge.remaining', { n: open.filter((m) => !waiting(m)).length });
    list.replaceChildren(...open.map((m) => {
      const form = this.form(m);
      const isPending = waiting(m);
      const refused = refusedOf(m);
      form.querySelector('.round').textContent = t('draw.round', { n: m.round });
      form.querySelector('.name-a').textContent = this.name(m.a);
      form.querySelector('.name-b').textContent = this.name(m.b);
      form.querySelector('.score-a').setAttribute('aria-label', this.name(m.a));
      form.querySelector('.score-b').setAttribute('aria-label', this.name(m.b));
      const button = form.querySelector('.record');
      button.textContent = t(isPending ? 'judge.pendingEntry' : 'judge.submitResult');
      button.disabled = isPending;
      const box = form.querySelector('.match-refused');
      box.hidden = refused.length === 0;
      box.replaceChildren(...refused.map((i) => el('p', { class: 'refused', role: 'alert' },
        el('span', { class: 'mark-chip', dataset: { state: 'refused' } }, `${i.label} · ${t('judge.state.refused')}`), ' ',
        el('span', { class: 'reason' }, errorText(i.error)), ' ',
        el('button', { type: 'button', class: 'discard secondary', onclick: () => this.ctx.discard(i) }, t('judge.discard')))));
      return el('li', { dataset: { matchId: m.id, state: refused.length ? 'refused' : isPending ? 'pending' : 'todo' } }, form);
    }));
    for (const id of [...this.forms.keys()]) {
      if (!open.some((m) => m.id === id)) this.forms.delete(id);
    }
  }
}
