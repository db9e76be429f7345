import type { PreparedQuery, RxStorageInstance } from 'rxdb';
import { DEXIE_DOCS_TABLE_NAME, dexieReplaceIfStartsWithPipe, fromDexieToStorage, getKeyRangeByQueryPlan } from 'rxdb/plugins/storage-dexie';
import type { CollectionName, CustomerDoc, DocTypes } from '../../../../shared/schema';
import type { DanganDatabase } from '../../db/database';
import type { FieldDecryptor } from '../../db/encryption-webcrypto';
import { runListQuery, type ListQuery } from '../../db/list-query';
import { customersChunk } from './customers.queries';

/** The customer fields a list shows: everything except the fields stored encrypted. */
export type ListedCustomer = Omit<CustomerDoc, 'contacts' | 'addresses' | 'idNumber'>;

interface Unwrappable {
  originalStorageInstance?: Unwrappable;
  decryptStoredField?: FieldDecryptor['decryptStoredField'];
}

/** The storage under every wrapper (encryption, validation): plaintext fields as stored. */
function baseInstance(db: DanganDatabase, name: CollectionName): RxStorageInstance<unknown, unknown, unknown> {
  let instance = db.collections[name].storageInstance as unknown as Unwrappable;
  while (instance.originalStorageInstance) instance = instance.originalStorageInstance;
  return instance as unknown as RxStorageInstance<unknown, unknown, unknown>;
}

/**
 * Runs a registered list query (same query plan, same index) on the storage under the
 * encryption wrapper. Lists never show encrypted fields, so decrypting every document of a
 * page or of the whole collection would be pure waste; those fields come back as opaque
 * ciphertext and the returned type leaves them out.
 */
export async function queryListedCustomers<P>(
  db: DanganDatabase,
  query: ListQuery<'customers', P>,
  params: P,
): Promise<ListedCustomer[]> {
  const prepared = runListQuery(db, query, params).getPreparedQuery() as unknown as PreparedQuery<unknown>;
  const base = baseInstance(db, 'customers');
  const fast = await indexRangeRead(base, prepared);
  if (fast) return fast as unknown as ListedCustomer[];
  const result = await base.query(prepared as never);
  return result.documents as unknown as ListedCustomer[];
}

interface DexieInternals {
  booleanIndexes: string[];
  dexieDb: {
    _options: { IDBKeyRange?: typeof IDBKeyRange };
    transaction(mode: 'r', table: unknown, run: (tx: { idbtrans: IDBTransaction }) => Promise<void>): Promise<void>;
  };
  dexieTable: unknown;
}

/**
 * A query its index answers whole (selector and sort) read with one IndexedDB getAll over
 * the same index and key range Dexie's query engine would walk, instead of its cursor, which
 * costs one round trip to the browser process per document (the first page: ~20 ms → a few).
 * Anything else, and other storages (tests), go through the query engine.
 */
async function indexRangeRead(base: RxStorageInstance<unknown, unknown, unknown>, prepared: PreparedQuery<unknown>): Promise<unknown[] | null> {
  const plan = prepared.queryPlan;
  const { skip, limit } = prepared.query;
  if (!plan.selectorSatisfiedByIndex || !plan.sortSatisfiedByIndex || skip || typeof limit !== 'number') return null;
  const state = (await (base as unknown as { internals?: unknown }).internals) as DexieInternals | undefined;
  if (!state?.dexieTable || !state.booleanIndexes) return null;
  let range: IDBKeyRange;
  try {
    range = getKeyRangeByQueryPlan(state.booleanIndexes, plan, state.dexieDb._options.IDBKeyRange) as IDBKeyRange;
  } catch (error) {
    if (error instanceof Error && error.name === 'DataError') return [];
    throw error;
  }
  const indexName = `[${plan.index.map((field) => dexieReplaceIfStartsWithPipe(field)).join('+')}]`;
  let rows: unknown[] = [];
  await state.dexieDb.transaction('r', state.dexieTable, async (tx) => {
    const request = tx.idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME).index(indexName).getAll(range, limit);
    rows = await new Promise<unknown[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result as unknown[]);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB getAll failed'));
    });
  });
  return rows.map((row) => fromDexieToStorage(state.booleanIndexes, row));
}

/**
 * The contacts of these customers, decrypting only that field when the storage offers it
 * (WebCrypto field encryption does); otherwise whole documents through the wrappers.
 */
export async function contactsById(db: DanganDatabase, ids: string[]): Promise<{ id: string; updatedAt: number; contacts: CustomerDoc['contacts'] }[]> {
  let instance = db.collections.customers.storageInstance as unknown as Unwrappable;
  let decrypt: FieldDecryptor['decryptStoredField'] | undefined;
  while (instance.originalStorageInstance) {
    decrypt ??= instance.decryptStoredField;
    instance = instance.originalStorageInstance;
  }
  if (!decrypt) {
    const docs = await customersById(db, ids);
    return docs.map((d) => ({ id: d.id, updatedAt: d.updatedAt, contacts: d.contacts }));
  }
  const base = instance as unknown as RxStorageInstance<Record<string, unknown>, unknown, unknown>;
  const stored = (await base.findDocumentsById(ids, false)) as unknown as (Record<string, unknown> & { id: string; updatedAt: number })[];
  const read = decrypt;
  return Promise.all(
    stored.map(async (doc) => ({ id: doc.id, updatedAt: doc.updatedAt, contacts: (await read(doc, 'contacts')) as CustomerDoc['contacts'] })),
  );
}

interface DexieTableLike {
  where(index: string): {
    between(lower: unknown[], upper: unknown[], includeLower: boolean, includeUpper: boolean): {
      limit(n: number): { toArray(): Promise<unknown[]> };
    };
  };
}

/**
 * One chunk of the whole collection in (code, id) order for the in-memory projection: the
 * `customers.chunk` list query. On Dexie it is read with one IndexedDB getAll over that same
 * index ([_deleted+code+id], `_deleted` stored as '0'), because the query engine walks a
 * cursor, one round trip to the browser process per document: 100k customers took ~15 s that
 * way and ~4 s this way. Other storages (tests) run the registered query itself.
 */
export async function listedCustomersFrom(db: DanganDatabase, fromCode: string, limit: number): Promise<ListedCustomer[]> {
  let instance = db.collections.customers.storageInstance as unknown as Unwrappable & { internals?: unknown };
  while (instance.originalStorageInstance) instance = instance.originalStorageInstance as typeof instance;
  const internals = (await instance.internals) as { dexieTable?: DexieTableLike } | undefined;
  if (!internals?.dexieTable) return queryListedCustomers(db, customersChunk, { fromCode, limit });
  const docs = await internals.dexieTable
    .where('[_deleted+code+id]')
    .between(['0', fromCode, ''], ['0', '\uffff', '\uffff'], true, true)
    .limit(limit)
    .toArray();
  return docs as ListedCustomer[];
}

/** Whole documents (decrypted) by id, without creating RxDocuments. */
export async function customersById(db: DanganDatabase, ids: string[]): Promise<CustomerDoc[]> {
  const docs = await db.collections.customers.storageInstance.findDocumentsById(ids, false);
  return docs as unknown as DocTypes['customers'][];
}
