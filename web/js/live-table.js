// A keyed live table: one element per row of a topic's list (rows by id), kept in step with the
// live stream by touching only what a change touched. A delta's upserts update (or create) their
// rows, its removes take rows out, its order moves only the rows that left their place (the ones
// off a longest increasing run), so a 5,500-row list costs a handful of DOM writes per change and
// every other row stays the very same node (a person's scroll position, focus and open details
// survive). A snapshot (first load, a resume the log could not replay, a slow reader skipped
// ahead) is reconciled the same way: each row is compared with what its element shows.
//
//   const table = new LiveTable(tbody, { create: (row) => el('tr'), update: (tr, row) => {...} });
//   live.subscribe(topic, (data, version, topic, change) => table.sync(data, change));

/** Rows of a list as the live stream hands them (an order may name an id not yet known: null). */
const rowsOf = (list) => (Array.isArray(list) ? list.filter((r) => r && r.id != null) : []);

export class LiveTable {
  /**
   * @param {Element} body the element holding one child per row (a <tbody>, <ul>, <ol>)
   * @param {object} opts
   *   create(row) -> Element    a new row's element (update fills it right after)
   *   update(element, row)      shows `row` in its element
   *   key                       the list's field in the topic's data (default 'rows')
   *   dependsOn                 top-level fields every row shows: a change to one updates every row
   *   companions(id) -> [Element]  elements that travel right after a row (an open detail row)
   *   onRemove(id, element)     a row left the list
   */
  constructor(body, opts) {
    this.body = body;
    this.create = opts.create;
    this.update = opts.update;
    this.key = opts.key || 'rows';
    this.dependsOn = opts.dependsOn || [];
    this.companions = opts.companions || (() => []);
    this.onRemove = opts.onRemove || (() => {});
    this.els = new Map(); // id -> element
    this.shown = new Map(); // id -> the JSON its element shows (null: adopted, not yet compared)
    this.rows = new Map(); // id -> the row object
  }

  /** Takes over row elements already in the page (server-rendered), keyed by idOf(element). */
  adopt(elements, idOf) {
    for (const element of elements) {
      const id = String(idOf(element));
      this.els.set(id, element);
      this.shown.set(id, null);
    }
    return this;
  }

  get size() {
    return this.els.size;
  }

  element(id) {
    return this.els.get(String(id));
  }

  row(id) {
    return this.rows.get(String(id));
  }

  /** Ids in list order, as last synced. */
  ids() {
    return this.order ? [...this.order] : [...this.els.keys()];
  }

  /**
   * Brings the table to `data[key]` after `change` ({type:'snapshot'} | {type:'delta', delta}, as
   * live.js hands it; anything else counts as a snapshot). Returns the ids whose element was
   * created or updated, and whether every row was updated (`all`).
   */
  sync(data, change) {
    const list = rowsOf(data && data[this.key]);
    const delta = change && change.type === 'delta' ? change.delta || {} : null;
    if (!delta || this.order === undefined) return this.reconcile(list);
    const touched = new Set();
    const d = (delta.lists || {})[this.key];
    if ((delta.set && this.key in delta.set) || (delta.unset || []).includes(this.key)) return this.reconcile(list);
    if (d) {
      for (const id of d.remove || []) this.drop(String(id));
      const created = [];
      for (const row of rowsOf(d.upsert)) {
        const id = String(row.id);
        if (!this.els.has(id)) created.push(id);
        if (this.show(id, row)) touched.add(id);
      }
      // A patched row (a moved rank): the row this table shows, with the patch merged as live.js does.
      for (const p of d.patch || []) {
        const id = String(p.id);
        const row = this.rows.get(id);
        if (row && this.show(id, { ...row, ...p })) touched.add(id);
      }
      if (d.order) this.place(list.map((r) => String(r.id)));
      else if (created.length) {
        // New rows without a new order go at the end, in the order they came (live.js does the same).
        for (const id of created) this.append(id);
        this.order = list.map((r) => String(r.id));
      } else if (d.remove) this.order = list.map((r) => String(r.id));
    }
    const all = this.dependsOn.some((k) => (delta.set && k in delta.set) || (delta.unset || []).includes(k));
    if (all) this.refresh();
    return { touched, all };
  }

  /** Shows `list` exactly: rows compared one by one, only differing ones updated, moved or dropped. */
  reconcile(list) {
    const touched = new Set();
    const wanted = new Set();
    for (const row of list) {
      const id = String(row.id);
      wanted.add(id);
      if (this.show(id, row)) touched.add(id);
    }
    for (const id of [...this.els.keys()]) {
      if (!wanted.has(id)) this.drop(id);
    }
    this.place(list.map((r) => String(r.id)));
    return { touched, all: false };
  }

  /** Updates every row's element in place (the language changed, or something every row shows). */
  refresh() {
    for (const [id, element] of this.els) {
      const row = this.rows.get(id);
      if (row) this.update(element, row);
    }
  }

  /** Forgets every row and empties the body. */
  clear() {
    for (const id of [...this.els.keys()]) this.drop(id);
    this.order = undefined;
  }

  // ---- internals ----

  /** Creates or updates the row's element if what it shows differs; true when it wrote. */
  show(id, row) {
    const json = JSON.stringify(row);
    this.rows.set(id, row);
    let element = this.els.get(id);
    if (element && this.shown.get(id) === json) return false;
    if (!element) {
      element = this.create(row);
      this.els.set(id, element);
    }
    this.update(element, row);
    this.shown.set(id, json);
    return true;
  }

  drop(id) {
    const element = this.els.get(id);
    if (!element) return;
    for (const c of this.companions(id)) c.remove();
    element.remove();
    this.els.delete(id);
    this.shown.delete(id);
    this.rows.delete(id);
    this.onRemove(id, element);
  }

  append(id) {
    const element = this.els.get(id);
    this.body.append(element, ...this.companions(id));
  }

  /**
   * Puts the elements in the order of `ids`, moving only those that are not on the longest run
   * already in order: one move when a row jumps from the bottom to the top.
   */
  place(ids) {
    this.order = ids;
    const at = new Map();
    let i = 0;
    for (const child of this.body.children) at.set(child, i++);
    const els = ids.map((id) => this.els.get(id));
    const positions = els.map((e) => (at.has(e) ? at.get(e) : -1));
    const keep = longestRun(positions);
    let next = null; // the element the next one (going backwards) goes before
    for (let k = els.length - 1; k >= 0; k--) {
      const e = els[k];
      if (!keep.has(k)) {
        this.body.insertBefore(e, next);
        for (const c of this.companions(ids[k])) this.body.insertBefore(c, next);
      } else {
        // A kept row keeps its companions right behind it.
        let after = e.nextSibling;
        for (const c of this.companions(ids[k])) {
          if (c !== after) this.body.insertBefore(c, after);
          after = c.nextSibling;
        }
      }
      next = e;
    }
  }
}

/** Indices of a longest strictly increasing subsequence of the non-negative values (patience sorting). */
function longestRun(values) {
  const tails = []; // index into values of the smallest tail of a run of each length
  const prev = new Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < 0) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) keep.add(i);
  return keep;
}
