import {
  getPrimaryFieldOfPrimaryKey,
  type BulkWriteRow,
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
      return withChunkedWrites(instance, getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string, maxRows);
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
  const chunked = async (input: BulkWriteRow<T>[], context: string): Promise<RxStorageBulkWriteResponse<T>> => {
    const rows = byId(markPulledRows(input, context), primary);
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
