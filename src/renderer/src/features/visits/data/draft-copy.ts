import { reportDraftSchema, type ReportFields } from '../../../../../shared/visits';

/**
 * The draft's save on every change: the report's fields, and nothing else, put into a small
 * IndexedDB store of their own (one record per report, keyed by its id, beside the user's
 * database). The visit document in RxDB is written from the same fields at checkpoints (when
 * typing pauses, at the latest every couple of seconds, and on leaving); that write is the one
 * that syncs.
 *
 * Why a store of its own: a write to the visit document goes through RxDB (revision, hooks,
 * change events, the indexes over every visit on the laptop), a few milliseconds of work that
 * a busy laptop stretches into tens. Here one small record is put, one transaction.
 *
 * Durability, chosen: `relaxed`. A relaxed commit resolves once the browser's storage has the
 * record in its log, so it survives the window, the renderer or the whole app being killed. It
 * is not flushed to the disk at once (strict would wait for an fsync on every keystroke); an OS
 * crash or power cut can lose what was typed since the last checkpoint, which is written with
 * strict durability (storage.ts) and comes at the latest a couple of seconds after a change.
 */

export interface DraftCopy {
  fields: ReportFields;
  at: number;
}

interface Stored extends DraftCopy {
  visitId: string;
}

const STORE = 'drafts';
const opened = new Map<string, Promise<IDBDatabase>>();

function databaseName(userDatabase: string): string {
  return `${userDatabase}-visit-drafts`;
}

function open(userDatabase: string): Promise<IDBDatabase> {
  const name = databaseName(userDatabase);
  let db = opened.get(name);
  if (!db) {
    db = new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'visitId' });
      request.onsuccess = () => {
        const result = request.result;
        // Another tab deleting or upgrading the store: let it, and reopen on the next write.
        result.onversionchange = () => {
          result.close();
          opened.delete(name);
        };
        resolve(result);
      };
      request.onerror = () => reject(request.error ?? new Error(`cannot open ${name}`));
    });
    opened.set(name, db);
    db.catch(() => opened.delete(name));
  }
  return db;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('draft copy not written'));
    tx.onabort = () => reject(tx.error ?? new Error('draft copy not written'));
  });
}

/** Saves the whole draft (every field, as typed); resolves once it is committed. */
export async function writeDraftCopy(userDatabase: string, visitId: string, fields: ReportFields, at = Date.now()): Promise<void> {
  const db = await open(userDatabase);
  const tx = db.transaction(STORE, 'readwrite', { durability: 'relaxed' });
  tx.objectStore(STORE).put({ visitId, fields, at } satisfies Stored);
  await done(tx);
}

export async function readDraftCopy(userDatabase: string, visitId: string): Promise<DraftCopy | null> {
  const db = await open(userDatabase);
  const tx = db.transaction(STORE, 'readonly');
  const request = tx.objectStore(STORE).get(visitId);
  await done(tx);
  const value: unknown = request.result;
  if (typeof value !== 'object' || value === null || !('at' in value) || typeof value.at !== 'number') return null;
  const fields = reportDraftSchema.safeParse('fields' in value ? value.fields : null);
  return fields.success ? { at: value.at, fields: fields.data } : null;
}

/** Forgets the copy (the report was handed in, thrown away, or is locked). */
export async function clearDraftCopy(userDatabase: string, visitId: string): Promise<void> {
  const db = await open(userDatabase);
  const tx = db.transaction(STORE, 'readwrite');
  tx.objectStore(STORE).delete(visitId);
  await done(tx);
}
