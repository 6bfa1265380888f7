// What the judge tablet's modules share: the desk's state (the competition, its board and start
// list, the selected athlete, the mark being fixed, the outbox), what follows from the format, and
// what is kept in localStorage so a start with no network opens the desk as it was.
import { getSession } from './api.js';

export const desk = {
  outbox: null, // the IndexedDB outbox (outbox.js), once open
  assignments: [],
  competitionId: null, // string
  topic: null,
  board: null, // scoreboard data
  start: new Map(), // entry id -> {bib, order}
  startKnown: false, // the start order is known (kept, or loaded or failed to load now)
  selectedEntry: null, // string id
  fixing: null, // key of the refused item being fixed
  /** Redraws the whole desk; set by judge.js. */
  renderAll: () => {},
};

export const $ = (id) => document.getElementById(id);

export const userId = () => String(getSession()?.user?.id ?? '');
export const mine = (test = () => true) => (desk.outbox ? desk.outbox.list((i) => i.userId === userId() && test(i)) : []);
export const open = (i) => i.state === 'queued' || i.state === 'sent';

/** This judge's items for one entry of this competition. */
export const itemsFor = (id) => mine((i) => i.competitionId === desk.competitionId && i.kind === 'score' && String(i.entryId) === String(id));
export const rowFor = (id) => (desk.board?.rows || []).find((r) => r && String(r.id) === id);

export const currentFormat = () => desk.assignments.find((a) => String(a.competitionId) === desk.competitionId)?.format || {};
export const formatType = () => currentFormat().type || 'judged';
export const isAttempts = () => formatType() === 'timed' || formatType() === 'measured';
export const isMatch = () => formatType() === 'head_to_head';
export const selectedPart = () => (currentFormat().parts || []).find((p) => p.name === $('part').value) || null;
/** The criteria each judge marks: a judged format's, or the selected judged part's of a combined format. */
export function criteria() {
  const source = formatType() === 'combined' ? (selectedPart()?.input === 'judged' ? selectedPart() : null)
    : formatType() === 'judged' ? currentFormat() : null;
  return Array.isArray(source?.criteria) ? source.criteria : [];
}
/** Several dives, runs or parts per entry: the row counts what this judge has marked of them. */
export const isMulti = () => formatType() === 'combined' || (formatType() === 'judged' && Number(currentFormat().attempts || 1) > 1);
export const mySeat = () => desk.assignments.find((a) => String(a.competitionId) === desk.competitionId)?.seat;

// ---------- kept for a start with no network ----------

const SCORED_KEY = 'gala.scored';

export function readJson(key, fallback) {
  try {
    return JSON.parse(localStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback;
  }
}

export function keep(key, value) {
  try { localStorage.setItem(key, JSON.stringify(value)); } catch { /* storage full: the live copy still works */ }
}

/** Entries this judge has marks for (from the server's scoredEntryIds and saved marks). */
export function scoredSet(cid) {
  return new Set(((readJson(SCORED_KEY, {})[userId()] || {})[cid]) || []);
}

export function markScored(cid, entryId) {
  const all = readJson(SCORED_KEY, {});
  const me = (all[userId()] ||= {});
  me[cid] = [...new Set([...(me[cid] || []), String(entryId)])];
  keep(SCORED_KEY, all);
}
