// An outbox of writes kept in IndexedDB, so nothing a person entered is lost to a reload, a dead
// battery or venue Wi-Fi. Every item carries the Idempotency-Key made when it was entered and a
// state: queued (stored, not yet acknowledged), sent (a request is under way), saved (the server
// stored it) or refused (the server said no: kept, with the error, until the person fixes or
// discards it). Saved items stay as the record of what this device entered.
// Reads are synchronous from a copy in memory; every change is written to IndexedDB first and
// told to the other tabs of this device (BroadcastChannel), which reload their copy.

const DB_NAME = 'gala-outbox';
const STORE = 'items';

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDb() {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
  return request(req);
}

export class Outbox {
  /** Opens (creating) the device's outbox and reads it into memory. */
  static async open() {
    const box = new Outbox(await openDb());
    await box.reload();
    return box;
  }

  constructor(db) {
    this.db = db;
    this.items = new Map();
    this.listeners = new Set();
    this.channel = 'BroadcastChannel' in self ? new BroadcastChannel(DB_NAME) : null;
    if (this.channel) this.channel.onmessage = () => this.reload().then(() => this.emit());
  }

  async reload() {
    const tx = this.db.transaction(STORE, 'readonly');
    const all = await request(tx.objectStore(STORE).getAll());
    this.items = new Map(all.map((i) => [i.key, i]));
  }

  /** Items matching `test`, oldest first. */
  list(test = () => true) {
    return [...this.items.values()].filter(test).sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1));
  }

  get(key) {
    return this.items.get(key) || null;
  }

  /** Stores a new item (state queued unless given); resolves once it is on disk. */
  add(item) {
    return this.write({ state: 'queued', createdAt: Date.now(), ...item });
  }

  /** Changes fields of a stored item; resolves with the new item (null when it is gone). */
  async patch(key, changes) {
    const now = this.items.get(key);
    if (!now) return null;
    return this.write({ ...now, ...changes, updatedAt: Date.now() });
  }

  async remove(key) {
    const tx = this.db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).delete(key);
    await done(tx);
    this.items.delete(key);
    this.changed();
  }

  async write(item) {
    const tx = this.db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(item);
    await done(tx);
    this.items.set(item.key, item);
    this.changed();
    return item;
  }

  /** listener() after every change, made here or in another tab. */
  onChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed() {
    if (this.channel) this.channel.postMessage('changed');
    this.emit();
  }

  emit() {
    this.listeners.forEach((l) => l());
  }
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}
