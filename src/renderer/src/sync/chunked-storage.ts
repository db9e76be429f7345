import {
  getComposedPrimaryKeyOfDocumentData,
  getPrimaryFieldOfPrimaryKey,
  type BulkWriteRow,
  type RxDocumentData,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageInstance,
} from 'rxdb';
import { MAX_BATCH } from '../db/batch';
import { markPulledRows } from './pulled-mark';

/** How RxDB's replication plugin names its meta instances (rxdb/plugins/replication). */
const REPLICATION_META_PREFIX = 'rx-replication-meta-';

/**
 * The replicating worker's storage wrapper. It never lets one write carry more than
 * `MAX_BATCH` documents: replication merges pulled batches that arrive faster than they are
 * stored into one write (downstream `persistFromMaster`); at 100k documents that write, and the
 * change event every open window must then digest, froze the UI for seconds. Split here, each
 * slice is its own IndexedDB transaction and its own change event, and the event loop gets a
 * turn between them. It also marks pulled states (pulled-mark.ts), which must happen below
 * RxDB's own wrapper, and keeps replication's bookkeeping to this worker.
 */
export function chunkedWritesStorage<Internals, Options>(
  storage: RxStorage<Internals, Options>,
  maxRows = MAX_BATCH,
): RxStorage<Internals, Options> {
  return {
    ...storage,
    async createStorageInstance(params) {
      // Replication's bookkeeping (the last server state of each document, the checkpoints)
      // is read and written only by the replicating worker, and a worker that takes over
      // reads it from disk: broadcasting every write to the other windows only cost the
      // structured clone of each pulled document a second time.
      const ownOnly = params.collectionName.startsWith(REPLICATION_META_PREFIX);
      const instance = await storage.createStorageInstance(ownOnly ? { ...params, multiInstance: false } : params);
      const primary = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string;
      if (ownOnly) withReadAhead(instance, primary);
      return withChunkedWrites(instance, primary, maxRows);
    },
  };
}

/**
 * Rows in id order: all rows of one write share its `_meta.lwt`, and the checkpoint a write's
 * change event carries is its last row. In the order the server sent them, pulled documents
 * with a greater id than the last one sat past RxDB's upstream checkpoint for good — tens of
 * thousands after a first sync — and every resume of the upstream (reconnecting with edits to
 * send) read and compared them all again before pushing anything. In id order, the last row
 * of the last slice is the greatest, and the checkpoint covers the whole write.
 */
function byId<T>(rows: BulkWriteRow<T>[], primary: string): BulkWriteRow<T>[] {
  const idOf = (row: BulkWriteRow<T>) => String((row.document as Record<string, unknown>)[primary]);
  return rows.map((row) => ({ row, id: idOf(row) })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => r.row);
}

function withChunkedWrites<T, I, O>(instance: RxStorageInstance<T, I, O>, primary: string, maxRows: number): RxStorageInstance<T, I, O> {
  const bulkWrite = instance.bulkWrite.bind(instance);
  const ahead = readAheads.get(instance);
  const chunked = async (input: BulkWriteRow<T>[], context: string): Promise<RxStorageBulkWriteResponse<T>> => {
    const rows = byId(markPulledRows(input, context), primary);
    if (!ahead) return write(rows, context);
    // Before (nothing older is served meanwhile) and after (a read begun meanwhile saw the old state).
    const ids = rows.map((row) => String((row.document as Record<string, unknown>)[primary]));
    ahead.written(ids);
    try {
      return await write(rows, context);
    } finally {
      ahead.written(ids);
    }
  };
  const write = async (rows: BulkWriteRow<T>[], context: string): Promise<RxStorageBulkWriteResponse<T>> => {
    if (rows.length <= maxRows) return bulkWrite(rows, context);
    const error: RxStorageBulkWriteResponse<T>['error'] = [];
    for (let start = 0; start < rows.length; start += maxRows) {
      if (start > 0) await new Promise((resolve) => setTimeout(resolve, 0));
      const result = await bulkWrite(rows.slice(start, start + maxRows), context);
      error.push(...result.error);
    }
    return { error };
  };
  // The instance keeps its identity (RxDB compares instances), only bulkWrite changes.
  instance.bulkWrite = chunked;
  return instance;
}

/** Stored states kept at most: a week of offline edits, not a territory. */
const READ_AHEAD_MAX = 5000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- keyed by instances of every document type
const readAheads = new WeakMap<RxStorageInstance<any, unknown, unknown>, ReadAhead<unknown>>();

/**
 * Replication bookkeeping read before it is needed. Reconnecting with 1,000 offline edits, RxDB's
 * upstream reads the last server state of each edited document (1,000 separate IndexedDB
 * reads, with their results delivered one by one) before the push can leave: 0.5 s of the
 * 0.8–1.4 s between reconnecting and the push request. The engine asks for those states while
 * offline, as the edits are made (prefetchAssumedStates); the upstream's read then takes them
 * from here. Only this worker writes its meta instances (they are not shared, see above), and
 * every write through this instance drops what it writes, also from a read still in flight, so
 * what is served is what is stored (as often as it is asked for: counting what waits to go up
 * reads the same states).
 */
class ReadAhead<T> {
  /** Stored state by id, or null: known to be absent. */
  private readonly states = new Map<string, RxDocumentData<T> | null>();
  /** Per read in flight, the ids written meanwhile (their result is not kept). */
  private readonly inFlight = new Set<Set<string>>();

  constructor(
    private readonly read: (ids: string[], withDeleted: boolean) => Promise<RxDocumentData<T>[]>,
    private readonly primary: string,
  ) {}

  written(ids: readonly string[]): void {
    if (this.states.size === 0 && this.inFlight.size === 0) return;
    for (const id of ids) {
      this.states.delete(id);
      for (const dirty of this.inFlight) dirty.add(id);
    }
  }

  async prefetch(ids: readonly string[]): Promise<void> {
    const room = READ_AHEAD_MAX - this.states.size;
    const wanted = [...new Set(ids)].filter((id) => !this.states.has(id)).slice(0, Math.max(0, room));
    if (wanted.length === 0) return;
    const dirty = new Set<string>();
    this.inFlight.add(dirty);
    try {
      const found = await this.read(wanted, true);
      const byId = new Map(found.map((doc) => [String((doc as Record<string, unknown>)[this.primary]), doc]));
      for (const id of wanted) {
        if (!dirty.has(id) && this.states.size < READ_AHEAD_MAX) this.states.set(id, byId.get(id) ?? null);
      }
    } finally {
      this.inFlight.delete(dirty);
    }
  }

  async find(ids: string[], withDeleted: boolean): Promise<RxDocumentData<T>[]> {
    // Replication reads with deleted states; anything else goes to storage.
    if (this.states.size === 0 || !withDeleted) return this.read(ids, withDeleted);
    const found: RxDocumentData<T>[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const state = this.states.get(id);
      if (state === undefined) missing.push(id);
      else if (state) found.push(state);
    }
    if (missing.length > 0) found.push(...(await this.read(missing, withDeleted)));
    return found;
  }

  clear(): void {
    this.states.clear();
  }
}

function withReadAhead<T, I, O>(instance: RxStorageInstance<T, I, O>, primary: string): void {
  const ahead = new ReadAhead<T>(instance.findDocumentsById.bind(instance), primary);
  readAheads.set(instance, ahead as ReadAhead<unknown>);
  instance.findDocumentsById = (ids, withDeleted) => ahead.find(ids, withDeleted);
  for (const method of ['close', 'remove'] as const) {
    const original = instance[method].bind(instance);
    instance[method] = () => {
      ahead.clear();
      return original();
    };
  }
}

/**
 * Reads ahead the last server state that replication keeps of each document (its meta instance,
 * `metaInstance`), for the documents `docIds` of the replicated collection: what the next
 * push of them needs first. For an instance of another storage, nothing.
 */
export function prefetchAssumedStates(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any replication's meta instance
  metaInstance: RxStorageInstance<any, unknown, unknown>,
  docIds: readonly string[],
): Promise<void> {
  // Under RxDB's own wrappers (validation, encryption), as in the tests' storage.
  let target: typeof metaInstance | undefined = metaInstance;
  while (target && !readAheads.has(target)) {
    target = (target as { originalStorageInstance?: typeof metaInstance }).originalStorageInstance;
  }
  const ahead = target && readAheads.get(target);
  if (!ahead || docIds.length === 0) return Promise.resolve();
  const ids = docIds.map((itemId) =>
    getComposedPrimaryKeyOfDocumentData(metaInstance.schema, { itemId, isCheckpoint: '0' } as never),
  );
  return ahead.prefetch(ids);
}
