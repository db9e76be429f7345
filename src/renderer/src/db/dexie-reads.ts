import {
  getPrimaryFieldOfPrimaryKey,
  RX_META_LWT_MINIMUM,
  type RxDocumentData,
  type RxStorage,
  type RxStorageDefaultCheckpoint,
} from 'rxdb';
import { fromDexieToStorage, type RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';

type DexieInternals = RxStorageInstanceDexie<unknown>['internals'];

/**
 * Gives RxDB's Dexie storage a `getChangedDocumentsSince` that reads a page with one
 * `IDBIndex.getAll` on the `[_meta.lwt+id]` index. Without it RxDB runs the generic query,
 * which the Dexie storage answers with a cursor: one round trip to the browser's IndexedDB
 * process per document (1,000 `continue()`s before the upstream pushes 1,000 offline edits,
 * and the same for every page a backup or a pending count reads).
 *
 * The same documents in the same order: `(lwt, id)` after the checkpoint's, ascending, at
 * most `limit`, deleted ones included. Set below the encryption wrapper, which forwards it.
 */
export function withIndexedChangeReads<Internals, Options>(storage: RxStorage<Internals, Options>): RxStorage<Internals, Options> {
  return {
    ...storage,
    async createStorageInstance(params) {
      const instance = await storage.createStorageInstance(params);
      const internals = (instance as unknown as { internals?: DexieInternals }).internals;
      if (!internals || instance.getChangedDocumentsSince) return instance;
      const primary = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string;
      const index = `[_meta.lwt+${primary}]`;
      instance.getChangedDocumentsSince = async (limit, checkpoint) => {
        const state = await internals;
        const since = checkpoint as RxStorageDefaultCheckpoint | undefined;
        const rows = (await state.dexieTable
          .where(index)
          .above([since?.lwt ?? RX_META_LWT_MINIMUM, since?.id ?? ''])
          .limit(limit)
          .toArray()) as unknown[];
        const documents = rows.map((row) => fromDexieToStorage(state.booleanIndexes, row) as RxDocumentData<never>);
        const last = documents[documents.length - 1] as (RxDocumentData<Record<string, unknown>> | undefined);
        return {
          documents,
          checkpoint: (last ? { id: String(last[primary]), lwt: last._meta.lwt } : (since ?? { id: '', lwt: 0 })) as never,
        };
      };
      return instance;
    },
  };
}
