import type { RxChangeEventBulk, RxStorageChangeEvent } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { CustomerDoc } from '../../../../shared/schema';
import { ShardedMap, ShardedSet } from '../../../../shared/sharded';
import { yieldToUi } from '../../db/batch';
import type { DanganDatabase } from '../../db/database';
import { SearchIndex } from '../search/search-index';
import { contactsById, listedCustomersFrom, type ListedCustomer } from './raw-read';
import { contactFields, rowOf, searchSourceOf, type CustomerRow } from './row';

export type CatalogPhase = 'idle' | 'loading' | 'ready' | 'failed';

export interface CatalogState {
  /** `ready` once every customer's row is in memory (the status list is complete). */
  phase: CatalogPhase;
  loaded: number;
  /** Contacts (names, phones) are in the search index for this many customers. */
  contactsIndexed: number;
  /** True once contacts of every customer are searchable too. */
  searchComplete: boolean;
  rowsMs: number;
  searchMs: number;
  error: string | null;
  /** Bumped on every change to the rows, so views know to recompute. */
  version: number;
}

const ROW_CHUNK = 2000;
/** Small: each chunk is one slice of main-thread work between frames. */
const CONTACT_CHUNK = 200;
/** Main-thread work between two yields to the UI, so a frame is never held up for long. */
const SLICE_MS = 8;
/** Views are told about changes at most this often: a burst of writes is one re-render. */
const NOTIFY_EVERY_MS = 150;
/**
 * After a notice that covered more changes than anyone edits by hand (a sync, an import), the
 * next one waits this long: each notice re-renders the status list and builds its rows array
 * anew (100k entries: large-object garbage that only a major GC reclaims), and six a second
 * of those kept the window's garbage collector busy for the whole sync. Edits made by hand
 * are still shown after NOTIFY_EVERY_MS.
 */
const NOTIFY_BURST_MS = 1000;
const BURST_CHANGES = 20;
/** Ids of recent changes kept for views to catch up on (changedSince); older ones mean a full recompute. */
const LOG_IDS = 50_000;

/**
 * The in-memory projection of the customers collection: the rows the status list filters
 * and sorts, and the search index. It subscribes to the collection's change stream first,
 * then reads the collection in code order in chunks, yielding between chunks so the window
 * keeps painting. Rows need no decryption (read under the encryption wrapper); a second pass
 * then decrypts contacts chunk by chunk so phones and contact names become searchable.
 * A document changed while loading is never replaced by an older copy.
 */
export class CustomerCatalog {
  /** Sharded: a native Map of 100k grows in one 25–35 ms copy (see sharded.ts). */
  readonly rows = new ShardedMap<CustomerRow>();
  readonly index = new SearchIndex();
  private stateValue: CatalogState = {
    phase: 'idle',
    loaded: 0,
    contactsIndexed: 0,
    searchComplete: false,
    rowsMs: 0,
    searchMs: 0,
    error: null,
    version: 0,
  };
  private readonly listeners = new Set<() => void>();
  private subscription: Subscription | null = null;
  /** Ids whose contacts are in the index (from the stream or the second pass). */
  private readonly withContacts = new ShardedSet();
  private readonly removed = new Set<string>();
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;
  /** When views were last told, and of how many changed rows (see NOTIFY_BURST_MS). */
  private emittedAt = -Infinity;
  private emittedChanges = 0;
  private changesSinceEmit = 0;
  private loading: Promise<void> | null = null;
  private closed = false;
  /** What each recent version changed: ids from the change stream, or null for "anything". */
  private readonly log: { version: number; ids: string[] | null }[] = [];
  private loggedIds = 0;
  /** Change events not applied yet, oldest first: a large write is applied in slices. */
  private pending: RxStorageChangeEvent<CustomerDoc>[] = [];
  private pendingAt = 0;
  private drainTimer: ReturnType<typeof setTimeout> | null = null;

  /** `sliceMs`: how long one slice of change events may run (tests: -1, one event per slice). */
  constructor(
    private readonly db: DanganDatabase,
    private readonly options: { sliceMs?: number } = {},
  ) {}

  get state(): CatalogState {
    return this.stateValue;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The ids whose rows changed after `version` (a version a view was computed at), or null when
   * that is not known (too long ago, or rows came from the initial load): recompute everything.
   * At 100k rows, filtering and sorting them all took 120–200 ms — on every pulled batch.
   */
  changedSince(version: number): Set<string> | null {
    const changed = new Set<string>();
    let next = version + 1;
    for (const entry of this.log) {
      if (entry.version < next) continue;
      if (entry.version !== next || entry.ids === null) return null;
      for (const id of entry.ids) changed.add(id);
      next += 1;
    }
    return next === this.stateValue.version + 1 ? changed : null;
  }

  /** Starts loading once; resolves when every row is in memory (contacts may still follow). */
  start(): Promise<void> {
    this.loading ??= this.loadRows();
    return this.loading;
  }

  /** Resolves when contacts of every customer are searchable too. */
  async whenSearchComplete(): Promise<void> {
    await this.start();
    if (this.stateValue.searchComplete) return;
    await new Promise<void>((resolve) => {
      const stop = this.subscribe(() => {
        if (this.stateValue.searchComplete || this.closed) {
          stop();
          resolve();
        }
      });
    });
  }

  close(): void {
    this.closed = true;
    this.subscription?.unsubscribe();
    this.subscription = null;
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.pending = [];
    this.emit();
    this.listeners.clear();
  }

  private async loadRows(): Promise<void> {
    const started = performance.now();
    this.set({ phase: 'loading' }, true);
    this.subscription = this.db.collections.customers.eventBulks$.subscribe((bulk) =>
      this.applyBulk(bulk as RxChangeEventBulk<CustomerDoc>),
    );
    try {
      let fromCode = '';
      let seenOfCode = new Set<string>();
      for (;;) {
        const docs = await listedCustomersFrom(this.db, fromCode, ROW_CHUNK);
        if (this.closed) return;
        // What was read is at least as new as every change event heard before it.
        this.drain(Infinity);
        let fresh = 0;
        let slice = performance.now();
        for (const doc of docs) {
          if (performance.now() - slice > SLICE_MS) {
            await yieldToUi();
            if (this.closed) return;
            slice = performance.now();
          }
          if (doc.code === fromCode && seenOfCode.has(doc.id)) continue;
          fresh += 1;
          if (doc.code !== fromCode) {
            fromCode = doc.code;
            seenOfCode = new Set();
          }
          seenOfCode.add(doc.id);
          if (!this.removed.has(doc.id)) this.putListed(doc);
        }
        this.set({ loaded: this.rows.size }, false);
        if (docs.length < ROW_CHUNK) break;
        // A chunk made only of ids already seen: one code has more copies than a chunk holds.
        if (fresh === 0) throw new Error(`more than ${ROW_CHUNK} customers share the code ${fromCode}`);
        await yieldToUi();
      }
      this.set({ phase: 'ready', loaded: this.rows.size, rowsMs: performance.now() - started }, true);
      void this.loadContacts(started).catch((error: unknown) => {
        this.set({ error: error instanceof Error ? error.message : String(error) }, true);
      });
    } catch (error) {
      this.set({ phase: 'failed', error: error instanceof Error ? error.message : String(error) }, true);
      throw error;
    }
  }

  private async loadContacts(started: number): Promise<void> {
    const pending = [...this.rows.keys()].filter((id) => !this.withContacts.has(id));
    for (let i = 0; i < pending.length; i += CONTACT_CHUNK) {
      const ids = pending.slice(i, i + CONTACT_CHUNK).filter((id) => !this.withContacts.has(id));
      const found = ids.length > 0 ? await contactsById(this.db, ids) : [];
      if (this.closed) return;
      this.drain(Infinity);
      let slice = performance.now();
      for (const { id, updatedAt, contacts } of found) {
        if (performance.now() - slice > SLICE_MS) {
          await yieldToUi();
          if (this.closed) return;
          slice = performance.now();
        }
        const row = this.rows.get(id);
        if (!row || row.updatedAt > updatedAt || this.withContacts.has(id)) continue;
        const { phones, contactNames } = contactFields(contacts);
        this.index.setContacts(id, phones, contactNames);
        this.withContacts.add(id);
      }
      this.set({ contactsIndexed: this.withContacts.size }, false);
      await yieldToUi();
    }
    this.set({ searchComplete: true, contactsIndexed: this.withContacts.size, searchMs: performance.now() - started }, true);
  }

  /** A row from the plain fields; an older copy never replaces a newer one. */
  private putListed(doc: ListedCustomer): void {
    const current = this.rows.get(doc.id);
    if (current && current.updatedAt >= doc.updatedAt) return;
    this.rows.set(doc.id, rowOf(doc));
    this.index.upsert(searchSourceOf(doc));
    this.withContacts.delete(doc.id);
  }

  /**
   * Change events are applied in order, as they come, for at most SLICE_MS at a time: a write
   * of 250 pulled customers (rows and search keys) was, with its delivery, one task of 100–200
   * ms on the UI thread. The rest follows after a yield; a small write (an edit made here) is
   * applied before the write resolves, as before.
   */
  private applyBulk(bulk: RxChangeEventBulk<CustomerDoc>): void {
    if (this.pendingAt >= this.pending.length) {
      this.pending = [];
      this.pendingAt = 0;
    }
    for (const event of bulk.events) this.pending.push(event);
    if (!this.drainTimer) this.drain(this.options.sliceMs ?? SLICE_MS);
  }

  /** Applies pending change events for up to `budgetMs` (Infinity: all of them). */
  private drain(budgetMs: number): void {
    if (this.pendingAt >= this.pending.length) return;
    const started = performance.now();
    const ids: string[] = [];
    while (this.pendingAt < this.pending.length) {
      const event = this.pending[this.pendingAt++]!;
      ids.push(event.documentId);
      this.applyEvent(event);
      if (performance.now() - started > budgetMs) break;
    }
    this.changesSinceEmit += ids.length;
    this.set({ loaded: this.rows.size, version: this.stateValue.version + 1 }, false);
    this.record(this.stateValue.version, ids);
    if (this.pendingAt < this.pending.length) {
      this.drainTimer ??= setTimeout(() => {
        this.drainTimer = null;
        if (!this.closed) this.drain(this.options.sliceMs ?? SLICE_MS);
      }, 0);
    }
  }

  private applyEvent(event: RxStorageChangeEvent<CustomerDoc>): void {
    if (event.operation === 'DELETE' || event.documentData._deleted) {
      this.rows.delete(event.documentId);
      this.index.remove(event.documentId);
      this.withContacts.delete(event.documentId);
      if (this.stateValue.phase === 'loading') this.removed.add(event.documentId);
    } else {
      const doc = event.documentData;
      this.removed.delete(doc.id);
      this.rows.set(doc.id, rowOf(doc));
      this.index.upsert(searchSourceOf(doc));
      this.withContacts.add(doc.id);
    }
  }

  private record(version: number, ids: string[] | null): void {
    this.log.push({ version, ids });
    this.loggedIds += ids?.length ?? 0;
    while (this.log.length > 1 && this.loggedIds > LOG_IDS) this.loggedIds -= this.log.shift()!.ids?.length ?? 0;
  }

  private set(patch: Partial<CatalogState>, immediately: boolean): void {
    const version = patch.version ?? this.stateValue.version + (patch.loaded !== undefined ? 1 : 0);
    if (patch.version === undefined && version !== this.stateValue.version) this.record(version, null);
    this.stateValue = { ...this.stateValue, ...patch, version };
    if (immediately) {
      if (this.notifyTimer) clearTimeout(this.notifyTimer);
      this.notifyTimer = null;
      this.emit();
    } else if (!this.notifyTimer && !this.closed) {
      const burst = this.emittedChanges >= BURST_CHANGES;
      const wait = burst ? Math.max(NOTIFY_EVERY_MS, NOTIFY_BURST_MS - (performance.now() - this.emittedAt)) : NOTIFY_EVERY_MS;
      this.notifyTimer = setTimeout(() => {
        this.notifyTimer = null;
        this.emit();
      }, wait);
    }
  }

  private emit(): void {
    this.emittedAt = performance.now();
    this.emittedChanges = this.changesSinceEmit;
    this.changesSinceEmit = 0;
    for (const listener of [...this.listeners]) listener();
  }
}

const catalogs = new WeakMap<DanganDatabase, CustomerCatalog>();

/** One catalog per open database, shared by the status list, search and duplicate checks. */
export function catalogFor(db: DanganDatabase): CustomerCatalog {
  let catalog = catalogs.get(db);
  if (!catalog) {
    const created = new CustomerCatalog(db);
    catalogs.set(db, created);
    db.onClose.push(() => created.close());
    catalog = created;
  }
  return catalog;
}
