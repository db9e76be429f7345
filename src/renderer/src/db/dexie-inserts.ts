import {
  categorizeBulkWriteRows,
  getPrimaryFieldOfPrimaryKey,
  type BulkWriteRow,
  type EventBulk,
  type RxDocumentData,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
} from 'rxdb';
import { fromDexieToStorage, fromStorageToDexie, type RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import type { Subject } from 'rxjs';

type DexieInternals = RxStorageInstanceDexie<unknown>['internals'];
type Row = BulkWriteRow<Record<string, unknown>>;
type Doc = RxDocumentData<Record<string, unknown>>;

/**
 * Gives RxDB's Dexie storage a `bulkWrite` that does not read the documents a write inserts.
 *
 * RxDB's Dexie `bulkWrite` reads every document it writes, in the write's transaction, to tell
 * inserts from updates and to detect conflicts: one IndexedDB get per row. A fresh laptop's
 * first sync writes only new documents, each twice (the document and replication's record of
 * its server state), and RxDB's downstream has just read both, absent, before writing: these
 * reads were half of the gets a pulled document cost.
 *
 * A row without `previous` is written with IndexedDB's `add`, which refuses a key that exists,
 * atomically in the same transaction: that is the check, without a read. Only the keys it
 * refused are read, and become the 409 conflicts RxDB's own categorization gives them. Rows
 * with `previous` are read and written as before. The result, the stored documents and the
 * change event are those of RxDB's Dexie storage (categorizeBulkWriteRows decides them from
 * the same documents in the database); writes with attachments or repeated ids take the
 * original path.
 *
 * It also reads documents by id (`findDocumentsById`, and the reads above) without a get per
 * id when it can: the keys in the ids' range are read first, and when it holds at most twice
 * as many documents as were asked for — so for a page of new documents whose ids (time-ordered)
 * are newer than those stored, and for edits of neighbouring ids — one `getAll` of the range
 * reads them: such a page of a fresh laptop's pull read 250 absent documents in one request
 * instead of 250, twice (the documents and replication's records). Not when the server's
 * order is not the ids' order (documents changed after they were made, or the bench's seed,
 * whose ids carry random times): 250 ids then span the store and it reads a get per id
 * (1.3 s of the worker's 16.7 s busy time for 30k customers, profile-window.mjs). Inside one
 * transaction, so what it returns is one consistent state.
 */
export function withInsertsWithoutRead<Internals, Options>(storage: RxStorage<Internals, Options>): RxStorage<Internals, Options> {
  return {
    ...storage,
    async createStorageInstance(params) {
      const instance = await storage.createStorageInstance(params);
      // The Dexie instance's own fields; its change subject is private (the event bulk goes
      // where RxDB's own bulkWrite sends it, so multi-instance broadcasting sees it too).
      const dexie = instance as unknown as {
        internals?: DexieInternals;
        changes$?: Subject<EventBulk<RxStorageChangeEvent<Doc>, unknown>>;
        closed?: Promise<void>;
        devMode?: boolean;
      };
      const internals = dexie.internals;
      if (!internals || !dexie.changes$ || params.schema.attachments) return instance;
      const changes$ = dexie.changes$;
      const primary = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string;
      const idOf = (doc: Record<string, unknown>) => String(doc[primary]);
      const original = instance.bulkWrite.bind(instance);
      const findOriginal = instance.findDocumentsById.bind(instance);

      const bulkWrite = async (rows: Row[], context: string): Promise<RxStorageBulkWriteResponse<Record<string, unknown>>> => {
        const inserts = rows.filter((row) => !row.previous);
        const ids = rows.map((row) => idOf(row.document));
        // Nothing to gain, or a case the original checks and reports (closed, no revision).
        const invalid = rows.some((row) => !row.document._rev || (row.previous && !row.previous._rev));
        if (inserts.length === 0 || invalid || dexie.closed || dexie.devMode || new Set(ids).size !== ids.length) {
          return original(rows as never, context) as never;
        }
        const state = await internals;
        let categorized: ReturnType<typeof categorizeBulkWriteRows<Record<string, unknown>>> | undefined;
        await state.dexieDb.transaction('rw', state.dexieTable, async () => {
          const refused = await addAll(state, inserts.map((row) => row.document), idOf);
          const toRead = [...rows.filter((row) => row.previous).map((row) => idOf(row.document)), ...refused];
          const inDb = new Map<string, Doc>();
          for (const doc of await readByIds(state, toRead)) if (doc) inDb.set(idOf(doc), doc);
          categorized = categorizeBulkWriteRows<Record<string, unknown>>(instance as never, primary as never, inDb, rows, context);
          const added = new Set(inserts.map((row) => idOf(row.document)).filter((id) => !inDb.has(id)));
          const put = [...categorized.bulkInsertDocs, ...categorized.bulkUpdateDocs]
            .filter((row) => !added.has(idOf(row.document)))
            .map((row) => fromStorageToDexie(state.booleanIndexes, row.document) as object);
          if (put.length > 0) await state.dexieTable.bulkPut(put);
        });
        const done = categorized!;
        if (done.eventBulk.events.length > 0 && done.newestRow) {
          const last = done.newestRow.document;
          done.eventBulk.checkpoint = { id: idOf(last), lwt: last._meta.lwt };
          changes$.next(done.eventBulk);
        }
        return { error: done.errors };
      };
      instance.bulkWrite = bulkWrite as never;
      instance.findDocumentsById = async (ids, withDeleted) => {
        if (dexie.closed) return findOriginal(ids, withDeleted);
        const state = await internals;
        const docs = await state.dexieDb.transaction('r', state.dexieTable, () => readByIds(state, ids));
        return docs.filter((doc): doc is Doc => !!doc && (withDeleted || !doc._deleted)) as never;
      };
      return instance;
    },
  };
}

/** Below this many ids, a get each costs no more than counting the range. */
const RANGE_READ_MIN = 8;

/**
 * The stored documents with these ids, in their order (undefined where none), within the
 * caller's transaction: by key range when the range holds at most as many other documents as
 * were asked for, else a get per id as RxDB's Dexie storage does.
 */
async function readByIds(state: Awaited<DexieInternals>, ids: string[]): Promise<(Doc | undefined)[]> {
  if (ids.length === 0) return [];
  const table = state.dexieTable;
  const found = new Map<string, unknown>();
  let ranged = false;
  if (ids.length >= RANGE_READ_MIN) {
    const sorted = [...ids].sort();
    const range = table.where(':id').between(sorted[0]!, sorted[sorted.length - 1]!, true, true);
    // Keys first, at most one more than would be worth it: bounded however many the range
    // holds (an IndexedDB count walks the whole range).
    const keys = (await range.clone().limit(ids.length * 2 + 1).primaryKeys()) as string[];
    if (keys.length <= ids.length * 2) {
      ranged = true;
      const asked = new Set(ids);
      if (keys.some((key) => asked.has(key))) {
        for (const doc of (await range.toArray()) as Record<string, unknown>[]) {
          const id = String(doc[table.schema.primKey.keyPath as string]);
          if (asked.has(id)) found.set(id, doc);
        }
      }
    }
  }
  if (!ranged) {
    const docs = (await table.bulkGet(ids)) as unknown[];
    docs.forEach((doc, i) => doc && found.set(ids[i]!, doc));
  }
  return ids.map((id) => {
    const doc = found.get(id);
    return doc ? (fromDexieToStorage(state.booleanIndexes, doc) as Doc) : undefined;
  });
}

/** Adds every document; returns the ids IndexedDB refused because they exist. Any other failure throws. */
async function addAll(
  state: Awaited<DexieInternals>,
  docs: Doc[],
  idOf: (doc: Record<string, unknown>) => string,
): Promise<string[]> {
  if (docs.length === 0) return [];
  try {
    await state.dexieTable.bulkAdd(docs.map((doc) => fromStorageToDexie(state.booleanIndexes, doc) as object));
    return [];
  } catch (error) {
    const failures = (error as { name?: string; failuresByPos?: Record<number, { name?: string }> }).failuresByPos;
    if ((error as { name?: string }).name !== 'BulkError' || !failures) throw error;
    const refused: string[] = [];
    for (const [position, failure] of Object.entries(failures)) {
      // Caught here, a refused add does not abort the transaction; anything else must.
      if (failure.name !== 'ConstraintError') throw error;
      refused.push(idOf(docs[Number(position)]!));
    }
    return refused;
  }
}
