// The competitions part of the organiser console: the event's competitions with the links to
// their organiser pages, and one form to create or edit a competition: capacity, unit quota,
// entry type and team size, divisions, and the format (format-form.js) with its worked example.
import { t, errorText } from './i18n.js';
import { api } from './api.js';
import { el, tx, named } from './ui.js';
import { formatForm } from './format-form.js';

/** Mounts into section; deps: {say, busy}. Returns {show(event), unitsChanged()}. */
export function competitionsPanel(section, { say, busy }) {
  const list = section.querySelector('#competition-list');
  const form = section.querySelector('#competition-form');
  const newButton = section.querySelector('#new-competition');
  let event = null;
  let items = [];
  let editing = null; // the competition being edited, or null for a new one
  let fmt = null;

  async function show(ev) {
    event = ev;
    form.hidden = true;
    await load();
  }

  async function load() {
    try {
      items = (await api(`/events/${event.id}/competitions`)).items || [];
    } catch (e) {
      say(errorText(e));
      items = [];
    }
    render();
    section.dispatchEvent(new CustomEvent('competitions', { detail: items, bubbles: true }));
  }

  function render() {
    list.replaceChildren(...(items.length === 0 ? [el('li', { class: 'muted' }, t('org.noCompetitions'))] : items.map(item)));
  }

  function item(c) {
    const id = encodeURIComponent(c.id);
    const links = [['entries', `/entries.html?competition=${id}`], ['headjudge', `/headjudge.html?competition=${id}`],
      ['scoreboard', `/scoreboard.html?competition=${id}`]];
    if (c.format && c.format.type === 'head_to_head') links.push(['draw', `/draw.html?competition=${id}`]);
    else links.push(['records', `/records.html?competition=${id}`]);
    return el('li', { dataset: { competitionId: c.id } },
      el('div', { class: 'item-line' },
        el('span', {}, el('strong', { class: 'competition-name' }, c.name), ' ',
          el('span', { class: 'muted comp-summary' }, t('org.compSummary', { capacity: c.capacity, type: t('fmt.type.' + (c.format && c.format.type)) })
            + (c.entryType === 'team' ? ' · ' + t('org.compTeams', { n: c.teamSize }) : ''))),
        el('span', { class: 'actions' }, tx('button', 'org.edit', { type: 'button', class: 'secondary small edit-competition', onclick: () => open(c) }))),
      el('div', { class: 'actions competition-links' },
        ...links.map(([k, href]) => el('a', { class: 'button secondary small', href, dataset: { link: k } }, t('org.link.' + k)))));
  }

  function open(c) {
    editing = c;
    form.hidden = false;
    const v = (x, d = '') => (x == null ? d : String(x));
    const team = c && c.entryType === 'team';
    form.replaceChildren(
      el('h3', {}, c ? t('org.editCompetition', { name: c.name }) : t('org.newCompetition')),
      el('label', {}, tx('span', 'org.compName'), el('input', { id: 'c-name', maxlength: 200, value: v(c && c.name) })),
      el('div', { class: 'grid-2' },
        el('label', {}, tx('span', 'org.capacity'), el('input', { id: 'c-capacity', inputmode: 'numeric', value: v(c && c.capacity, '50') })),
        el('label', {}, tx('span', 'org.unitQuota'), el('input', { id: 'c-quota', inputmode: 'numeric', value: v(c && c.unitQuota) }))),
      el('div', { class: 'grid-2' },
        el('label', {}, tx('span', 'org.entryType'), el('select', { id: 'c-entry-type' },
          tx('option', 'org.entryType.individual', { value: 'individual', selected: !team }),
          tx('option', 'org.entryType.team', { value: 'team', selected: team }))),
        el('label', { id: 'c-team-size-field', hidden: !team }, tx('span', 'org.teamSize'),
          el('input', { id: 'c-team-size', inputmode: 'numeric', value: v(c && team ? c.teamSize : null, '2') }))),
      divisionsEditor((c && c.divisions) || []),
      tx('h3', 'org.format'),
      el('div', { id: 'c-format' }),
      el('div', { class: 'actions' },
        tx('button', c ? 'org.saveCompetition' : 'org.createCompetition', { type: 'submit', id: 'c-save' }),
        tx('button', 'org.cancel', { type: 'button', class: 'secondary', onclick: () => { form.hidden = true; } })));
    fmt = formatForm(form.querySelector('#c-format'), c ? c.format : null);
    form.querySelector('#c-entry-type').addEventListener('change', (ev) => {
      form.querySelector('#c-team-size-field').hidden = ev.target.value !== 'team';
    });
    form.scrollIntoView({ block: 'start' });
    form.querySelector('#c-name').focus();
  }

  function divisionsEditor(divisions) {
    const box = el('fieldset', { class: 'choices divisions-editor' }, tx('legend', 'org.divisions'),
      tx('small', 'org.divisions.hint', { class: 'muted' }));
    const rows = el('div', { class: 'division-rows' });
    const addRow = (d = {}) => rows.append(el('div', { class: 'row-editor division' },
      el('input', { class: 'div-code', ...named('org.divCode'), maxlength: 40, value: d.code || '' }),
      el('input', { class: 'div-name', ...named('org.divName'), maxlength: 100, value: d.name || '' }),
      el('select', { class: 'div-gender', 'aria-label': t('org.divGender'), dataset: { i18nAriaLabel: 'org.divGender' } },
        tx('option', 'org.divGender.any', { value: '' }),
        tx('option', 'acc.genderM', { value: 'M', selected: d.gender === 'M' }),
        tx('option', 'acc.genderF', { value: 'F', selected: d.gender === 'F' })),
      el('input', { class: 'div-min', ...named('org.divMinAge'), inputmode: 'numeric', value: d.minAge ?? '' }),
      el('input', { class: 'div-max', ...named('org.divMaxAge'), inputmode: 'numeric', value: d.maxAge ?? '' }),
      tx('button', 'fmt.remove', { type: 'button', class: 'secondary small remove', onclick: (ev) => ev.target.closest('.division').remove() })));
    divisions.forEach(addRow);
    box.append(rows, tx('button', 'org.addDivision', { type: 'button', class: 'secondary small add-division', onclick: () => addRow() }));
    return box;
  }

  const whole = (input, field, min, max) => {
    const n = Number(input.value.trim());
    return Number.isInteger(n) && n >= min && n <= max ? null : [input, t('org.err.whole', { field: t(field), min, max })];
  };

  /** {body} or {problem: [input, sentence]} from the form. */
  function read() {
    const q = (s) => form.querySelector(s);
    const name = q('#c-name').value.trim();
    if (!name) return { problem: [q('#c-name'), t('org.err.required', { field: t('org.compName') })] };
    const capacity = whole(q('#c-capacity'), 'org.capacity', 1, 100000);
    if (capacity) return { problem: capacity };
    const body = { name, capacity: Number(q('#c-capacity').value) };
    if (q('#c-quota').value.trim()) {
      const quota = whole(q('#c-quota'), 'org.unitQuota', 1, 100000);
      if (quota) return { problem: quota };
      body.unitQuota = Number(q('#c-quota').value);
    } else if (editing) {
      body.unitQuota = null;
    }
    body.entryType = q('#c-entry-type').value;
    if (body.entryType === 'team') {
      const size = whole(q('#c-team-size'), 'org.teamSize', 2, 50);
      if (size) return { problem: size };
      body.teamSize = Number(q('#c-team-size').value);
    }
    const divisions = [];
    for (const row of form.querySelectorAll('.division')) {
      const d = { code: row.querySelector('.div-code').value.trim() };
      const dName = row.querySelector('.div-name').value.trim();
      const gender = row.querySelector('.div-gender').value;
      const min = row.querySelector('.div-min').value.trim();
      const max = row.querySelector('.div-max').value.trim();
      if (!d.code && !dName && !min && !max && !gender) continue;
      if (dName) d.name = dName;
      if (gender) d.gender = gender;
      if (min) d.minAge = Number(min);
      if (max) d.maxAge = Number(max);
      const bad = !d.code || [d.minAge, d.maxAge].some((a) => a != null && !(Number.isInteger(a) && a >= 0 && a <= 150))
        || (d.minAge != null && d.maxAge != null && d.minAge > d.maxAge);
      if (bad) return { problem: [row.querySelector('.div-code'), t('org.err.division')] };
      divisions.push(d);
    }
    if (divisions.length || editing) body.divisions = divisions;
    const format = fmt.read();
    if (format.problem) return { problem: [form.querySelector('#fmt-type'), format.problem] };
    body.format = format.format;
    return { body };
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const r = read();
    if (r.problem) {
      const [input, text] = r.problem;
      input.setAttribute('aria-invalid', 'true');
      input.addEventListener('input', () => input.removeAttribute('aria-invalid'), { once: true });
      say(text);
      input.focus();
      return;
    }
    busy(form.querySelector('#c-save'), async () => {
      const saved = editing
        ? await api(`/competitions/${editing.id}`, { method: 'PATCH', body: r.body })
        : await api(`/events/${event.id}/competitions`, { method: 'POST', body: r.body });
      form.hidden = true;
      await load();
      say(editing ? t('org.saved') : t('org.created', { name: saved.name }), 'ok');
    });
  });

  newButton.addEventListener('click', () => open(null));
  window.addEventListener('langchange', () => {
    if (!event) return;
    render();
    if (!form.hidden) fmt.rerender();
  });

  return { show, unitsChanged() {} };
}
