// The judge tablet's "signal a problem": a short text, optionally about the selected athlete, sent
// through the outbox like a mark (it reaches the head judge's desk live when the network does), and
// the judge's last three signals with their state.
import { t, errorText } from './i18n.js';
import { el } from './ui.js';
import { desk, $, mine, rowFor } from './judge-state.js';
import { enqueue } from './judge-outbox-view.js';

export function setUpProblems() {
  const dialog = $('problem-dialog');
  $('signal-problem').addEventListener('click', () => {
    const row = desk.selectedEntry && rowFor(desk.selectedEntry);
    $('problem-about-field').hidden = !row;
    $('problem-about').checked = !!row;
    $('problem-about-label').textContent = row ? t('judge.problemAbout', { name: row.name }) : '';
    $('problem-text').value = '';
    dialog.showModal();
    $('problem-text').focus();
  });
  $('problem-cancel').addEventListener('click', () => dialog.close());
  $('problem-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const text = $('problem-text').value.trim();
    if (!text) {
      $('problem-text').setAttribute('aria-invalid', 'true');
      $('problem-text').focus();
      return;
    }
    const row = desk.selectedEntry && $('problem-about').checked ? rowFor(desk.selectedEntry) : null;
    dialog.close();
    await enqueue({ kind: 'problem', entryName: row?.name ?? null, label: text,
      body: row ? { text, entryId: Number(row.id) } : { text } });
  });
}

export function renderProblems() {
  const items = mine((i) => i.competitionId === desk.competitionId && i.kind === 'problem').slice(-3);
  $('my-problems').hidden = items.length === 0;
  $('my-problems').replaceChildren(...items.map((i) => el('li', { dataset: { key: i.key, state: i.state } },
    el('span', { class: 'mark-chip', dataset: { state: i.state } }, t('judge.problemChip', { state: t('judge.state.' + i.state) })), ' ',
    el('span', { class: 'problem-text' }, (i.entryName ? i.entryName + ': ' : '') + i.label),
    i.state === 'refused' ? el('span', { class: 'reason' }, ' ' + errorText(i.error)) : null,
    i.state === 'refused' || i.state === 'saved'
      ? el('button', { type: 'button', class: 'small secondary', onclick: () => desk.outbox.remove(i.key) }, t('judge.problemClear')) : null)));
}
