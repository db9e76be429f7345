import type { CustomerDoc } from '../../../src/shared/schema';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openIdb(name: string, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const req = indexedDB.open(name, upgrade ? 1 : undefined);
  if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
  return request(req);
}

interface IndexShape {
  name: string;
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}

/** The index definitions RxDB's Dexie storage gave the customers store, read back from IndexedDB. */
async function customerStoreShape(appDbName: string): Promise<{ keyPath: string | string[]; indexes: IndexShape[] }> {
  const names = (await indexedDB.databases()).map((d) => d.name ?? '');
  const name = names.find((n) => n.includes(appDbName) && n.endsWith('--customers'));
  if (!name) throw new Error(`no IndexedDB database for ${appDbName} customers among ${names.join(', ')}`);
  const db = await openIdb(name);
  const store = db.transaction('docs', 'readonly').objectStore('docs');
  const shape = {
    keyPath: store.keyPath ?? 'id',
    indexes: Array.from(store.indexNames, (n) => {
      const index = store.index(n);
      return { name: n, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
    }),
  };
  db.close();
  return shape;
}

/**
 * The physical limit: the same documents, in the form RxDB stores them (meta fields,
 * boolean index substitute), written with plain IndexedDB into a store with the same
 * indexes, in ONE transaction, with the same strict durability the app uses.
 */
export async function rawImport(appDbName: string, docs: readonly CustomerDoc[]): Promise<number> {
  const shape = await customerStoreShape(appDbName);
  const rawName = 'bench-raw-idb';
  await request(indexedDB.deleteDatabase(rawName));
  const db = await openIdb(rawName, (upgrade) => {
    const store = upgrade.createObjectStore('docs', { keyPath: shape.keyPath });
    for (const index of shape.indexes) {
      store.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
    }
  });
  const now = Date.now();
  const stored = docs.map((d) => ({ ...d, _deleted: '0', _rev: '1-benchrawidb', _meta: { lwt: now }, _attachments: {} }));
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('docs', 'readwrite', { durability: 'strict' });
    const store = tx.objectStore('docs');
    for (const doc of stored) store.put(doc);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  const ms = performance.now() - started;
  db.close();
  await request(indexedDB.deleteDatabase(rawName));
  return ms;
}
