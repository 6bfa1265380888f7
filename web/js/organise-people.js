// The people part of the organiser console: co-organisers of the event, and per competition its
// judges (assign by email, list, remove) and judge invitation codes (QR + short typed code,
// expiry and uses, revoke) that a judge redeems on /judge-join.html.
import { t, errorText, formatTime } from './i18n.js';
import { api } from './api.js';
import { el, tx } from './ui.js';
import { confirmAction } from './confirm.js';
import { fetchBlob } from './reg-session.js';

/** The sentence for a failed list: "not available yet" while the server lacks the operation. */
const listError = (e) => (e.status === 404 || e.status === 405 ? t('org.unavailable') : errorText(e));

/** Mounts into section; deps: {say, busy}. Returns {show(event)}. */
export function peoplePanel(section, { say, busy }) {
  let event = null;
  let competitions = [];
  let competitionId = null;
  const organisersList = el('ul', { class: 'plain', id: 'organiser-list' });
  const coEmail = el('input', { type: 'email', id: 'co-email', maxlength: 254 });
  const coButton = tx('button', 'org.addCoOrganiser', { type: 'submit', id: 'co-add' });
  const compSelect = el('select', { id: 'judge-competition' });
  const judgeList = el('ul', { class: 'plain', id: 'judge-list' });
  const judgeEmail = el('input', { type: 'email', id: 'judge-email', maxlength: 254 });
  const judgeHead = el('input', { type: 'checkbox', id: 'judge-head' });
  const assignButton = tx('button', 'org.assign', { type: 'submit', id: 'judge-assign' });
  const codeName = el('input', { id: 'code-name', maxlength: 100 });
  const codeHours = el('input', { id: 'code-hours', inputmode: 'numeric', value: '48' });
  const codeUses = el('input', { id: 'code-uses', inputmode: 'numeric', value: '1' });
  const codeHead = el('input', { type: 'checkbox', id: 'code-head' });
  const codeButton = tx('button', 'org.createCode', { type: 'submit', id: 'code-create' });
  const codesBox = el('div', { class: 'codes', id: 'codes' });

  section.replaceChildren(
    tx('h2', 'org.coOrganisers'), tx('p', 'org.coOrganisers.hint', { class: 'muted' }), organisersList,
    el('form', { class: 'form', id: 'co-form', novalidate: true, onsubmit: addOrganiser },
      el('label', {}, tx('span', 'org.coEmail'), coEmail), coButton),
    tx('h2', 'org.judges', { class: 'spaced' }),
    el('label', {}, tx('span', 'org.pickCompetition'), compSelect),
    judgeList,
    el('form', { class: 'form', id: 'judge-form', novalidate: true, onsubmit: assign },
      tx('h3', 'org.assignByEmail'),
      el('label', {}, tx('span', 'org.judgeEmail'), judgeEmail),
      el('label', { class: 'check' }, judgeHead, tx('span', 'org.asHead')), assignButton),
    el('form', { class: 'form', id: 'code-form', novalidate: true, onsubmit: createCode },
      tx('h3', 'org.judgeCodes'), tx('p', 'org.judgeCodes.hint', { class: 'muted' }),
      el('label', {}, tx('span', 'org.codeFor'), codeName),
      el('div', { class: 'grid-2' }, el('label', {}, tx('span', 'org.codeExpires'), codeHours), el('label', {}, tx('span', 'org.codeUses'), codeUses)),
      el('label', { class: 'check' }, codeHead, tx('span', 'org.asHead')),
      codeButton),
    codesBox);

  document.addEventListener('competitions', (ev) => {
    competitions = ev.detail || [];
    const keep = competitionId;
    compSelect.replaceChildren(...competitions.map((c) => el('option', { value: c.id }, c.name)));
    compSelect.disabled = competitions.length === 0;
    competitionId = competitions.some((c) => String(c.id) === String(keep)) ? keep : (competitions[0] && competitions[0].id);
    if (competitionId) compSelect.value = competitionId;
    loadJudges();
  });
  compSelect.addEventListener('change', () => { competitionId = compSelect.value; loadJudges(); });

  async function show(ev) {
    event = ev;
    await loadOrganisers();
  }

  // ---------- co-organisers ----------

  async function loadOrganisers() {
    try {
      const items = (await api(`/events/${event.id}/organisers`)).items || [];
      organisersList.replaceChildren(...items.map((o) => el('li', { class: 'item-line', dataset: { userId: o.userId } },
        el('span', {}, o.displayName || '', ' ', el('span', { class: 'muted' }, o.email || '')),
        items.length > 1 ? el('span', { class: 'actions' }, tx('button', 'org.removeJudge', { type: 'button', class: 'secondary small',
          onclick: () => removeOrganiser(o) })) : null)));
    } catch (e) {
      organisersList.replaceChildren(el('li', { class: 'muted' }, listError(e)));
    }
  }

  function addOrganiser(ev) {
    ev.preventDefault();
    const email = coEmail.value.trim();
    if (!email) return say(t('org.err.required', { field: t('org.coEmail') }));
    return busy(coButton, async () => {
      await api(`/events/${event.id}/organisers`, { method: 'POST', body: { email } });
      coEmail.value = '';
      await loadOrganisers();
      say(t('org.saved'), 'ok');
    });
  }

  async function removeOrganiser(o) {
    if (!(await confirmAction({ title: t('org.removeOrganiserTitle', { name: o.displayName }), text: t('org.removeOrganiserText'),
      action: t('org.removeJudge') }))) return;
    try {
      await api(`/events/${event.id}/organisers/${o.userId}`, { method: 'DELETE' });
      await loadOrganisers();
    } catch (e) {
      say(errorText(e));
    }
  }

  // ---------- judges ----------

  async function loadJudges() {
    if (!competitionId) {
      judgeList.replaceChildren(el('li', { class: 'muted' }, t('org.noCompetitions')));
      codesBox.replaceChildren();
      return;
    }
    try {
      const items = (await api(`/competitions/${competitionId}/judges`)).items || [];
      judgeList.replaceChildren(...(items.length === 0 ? [el('li', { class: 'muted' }, t('org.noJudges'))]
        : items.map((j) => el('li', { class: 'item-line', dataset: { userId: j.userId } },
          el('span', {}, el('strong', {}, j.displayName || ''), j.head ? el('span', { class: 'muted' }, ' · ', t('org.headJudge')) : null),
          el('span', { class: 'actions' }, tx('button', 'org.removeJudge', { type: 'button', class: 'secondary small remove-judge',
            onclick: () => removeJudge(j) }))))));
    } catch (e) {
      judgeList.replaceChildren(el('li', { class: 'muted' }, listError(e)));
    }
    await loadCodes();
  }

  function assign(ev) {
    ev.preventDefault();
    const email = judgeEmail.value.trim();
    if (!email) return say(t('org.err.required', { field: t('org.judgeEmail') }));
    return busy(assignButton, async () => {
      await api(`/competitions/${competitionId}/judges`, { method: 'POST', body: { email, head: judgeHead.checked } });
      judgeEmail.value = '';
      judgeHead.checked = false;
      await loadJudges();
      say(t('org.saved'), 'ok');
    });
  }

  async function removeJudge(j) {
    const comp = competitions.find((c) => String(c.id) === String(competitionId));
    if (!(await confirmAction({ title: t('org.removeJudgeTitle', { name: j.displayName, competition: comp ? comp.name : '' }),
      text: t('org.removeJudgeText'), action: t('org.removeJudge') }))) return;
    try {
      await api(`/competitions/${competitionId}/judges/${j.userId}`, { method: 'DELETE' });
      await loadJudges();
    } catch (e) {
      say(errorText(e));
    }
  }

  // ---------- judge codes ----------

  async function loadCodes() {
    try {
      const items = (await api(`/competitions/${competitionId}/judge-codes`)).items || [];
      codesBox.replaceChildren(...items.map(codeCard));
    } catch (e) {
      codesBox.replaceChildren(el('p', { class: 'muted' }, listError(e)));
    }
  }

  function codeCard(c) {
    const state = c.status || (c.revokedAt ? 'revoked' : 'active');
    const img = el('img', { alt: t('org.qrAlt', { code: c.code }), width: 160, height: 160 });
    if (state === 'active') {
      fetchBlob(`/judge-codes/${c.id}/qr`).then((b) => { img.src = URL.createObjectURL(b); }).catch(() => { img.hidden = true; });
    }
    const link = c.url ? new URL(c.url, location.origin).href : null;
    return el('div', { class: 'card code-card', dataset: { codeId: c.id, state } },
      state === 'active' ? img : null,
      el('div', { class: 'code-text' },
        el('p', { class: 'short-code' }, c.code),
        el('p', {}, [c.competition, c.head ? t('org.headJudge') : null, c.judgeName ? t('org.codeForName', { name: c.judgeName }) : null]
          .filter(Boolean).join(' · ')),
        el('p', { class: 'muted' }, [t('org.codeUsed', { used: c.uses ?? 0, max: c.maxUses ?? 1 }),
          c.expiresAt ? t('org.codeExpiresAt', { time: formatTime(c.expiresAt) }) : null,
          state !== 'active' ? t('org.codeState.' + state) : null].filter(Boolean).join(' · ')),
        link && state === 'active' ? el('p', { class: 'muted code-link' }, link) : null,
        (c.redeemedBy || []).length ? el('p', { class: 'muted' }, t('org.redeemedBy', { names: c.redeemedBy.map((r) => r.displayName).join(', ') })) : null,
        state === 'active' ? el('div', { class: 'actions' },
          tx('button', 'org.print', { type: 'button', class: 'secondary small', onclick: () => printCode(c) }),
          tx('button', 'org.revoke', { type: 'button', class: 'secondary small revoke', onclick: () => revoke(c) })) : null));
  }

  /** Prints only this code's card (the print stylesheet hides the rest of the page). */
  function printCode(c) {
    const card = codesBox.querySelector(`[data-code-id="${c.id}"]`);
    card.classList.add('printing');
    window.addEventListener('afterprint', () => card.classList.remove('printing'), { once: true });
    window.print();
  }

  function createCode(ev) {
    ev.preventDefault();
    const hours = Number(codeHours.value);
    const uses = Number(codeUses.value);
    if (!Number.isInteger(hours) || hours < 1 || hours > 2160) return say(t('org.err.whole', { field: t('org.codeExpires'), min: 1, max: 2160 }));
    if (!Number.isInteger(uses) || uses < 1 || uses > 100) return say(t('org.err.whole', { field: t('org.codeUses'), min: 1, max: 100 }));
    const body = { validHours: hours, maxUses: uses, head: codeHead.checked };
    if (codeName.value.trim()) body.judgeName = codeName.value.trim();
    return busy(codeButton, async () => {
      await api(`/competitions/${competitionId}/judge-codes`, { method: 'POST', body });
      codeName.value = '';
      codeHead.checked = false;
      await loadCodes();
    });
  }

  async function revoke(c) {
    if (!(await confirmAction({ title: t('org.revokeTitle', { code: c.code }), text: t('org.revokeText'), action: t('org.revoke') }))) return;
    try {
      await api(`/judge-codes/${c.id}`, { method: 'DELETE' });
      await loadCodes();
    } catch (e) {
      say(errorText(e));
    }
  }

  return { show };
}
