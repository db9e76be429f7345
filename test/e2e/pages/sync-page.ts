/**
 * A second tab on a test laptop with the app's own data layer, opening the signed-in user's
 * database (multiInstance, as the window and the sync worker do) with the key main hands out.
 * It stands in for screens other features own (the customer form, the documents section):
 * writes made here go through the same stamping hooks and reach the sync worker the same way.
 */
import type { RxCollection } from 'rxdb';
import { MAX_IPC_CHUNK } from '../../../src/shared/ipc';
import { atDescOf, type CollectionName } from '../../../src/shared/schema';
import { newId } from '../../../src/shared/ids';
import { openDatabase, type DanganDatabase } from '../../../src/renderer/src/db/database';
import { browserStorage } from '../../../src/renderer/src/db/storage';
import { databaseNameFor } from '../../../src/renderer/src/app/open';
import { setKeptOffline } from '../../../src/renderer/src/features/sync/keep-offline';

let db: DanganDatabase | null = null;
let userId = '';

async function call<T>(channel: string, args: unknown): Promise<T> {
  const result = (await (window.dangan!.invoke as (c: string, a: unknown) => Promise<unknown>)(channel, args)) as
    | { ok: true; value: T }
    | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

function collection(name: CollectionName): RxCollection<Record<string, unknown>> {
  if (!db) throw new Error('open first');
  return db.collections[name] as unknown as RxCollection<Record<string, unknown>>;
}

Object.assign(globalThis, {
  __synctest: {
    async open(id: string) {
      userId = id;
      const { key } = await call<{ key: string }>('secure:databaseKey', { userId: id });
      db = await openDatabase({
        name: databaseNameFor({ id, username: id, displayName: id, role: 'rep', teamId: '' }),
        storage: browserStorage(),
        multiInstance: true,
        currentUser: { id: () => id },
        password: key,
      });
      return true;
    },
    async close() {
      await db?.close();
      db = null;
    },
    async get(name: CollectionName, id: string) {
      return (await collection(name).findOne(id).exec())?.toJSON() ?? null;
    },
    async patch(name: CollectionName, id: string, patch: Record<string, unknown>) {
      const doc = await collection(name).findOne(id).exec();
      if (!doc) throw new Error(`no ${name}/${id} here`);
      await doc.incrementalPatch(patch);
    },
    async inbox(kind: 'conflict' | 'rejected') {
      const docs = await collection('local').find({ selector: { kind, userId } }).exec();
      return docs.map((d) => d.toJSON()['data']);
    },
    async keepOffline(customerId: string) {
      await setKeptOffline(db!, userId, customerId, true);
    },
    /** Adds a photo as the documents section does: bytes to main's store, metadata here. */
    async attachPhoto(customerId: string, bytes: number[]) {
      const data = new Uint8Array(bytes);
      const { uploadId } = await call<{ uploadId: string }>('attachments:uploadBegin', { name: 'site.jpg', size: data.byteLength });
      for (let at = 0; at < data.byteLength; at += MAX_IPC_CHUNK) {
        await call('attachments:uploadChunk', { uploadId, bytes: data.subarray(at, at + MAX_IPC_CHUNK) });
      }
      const stored = await call<{ sha256: string; mime: string; size: number }>('attachments:uploadFinish', { uploadId });
      const now = Date.now();
      await collection('attachments').insert({
        id: newId(),
        sha256: stored.sha256,
        name: 'site.jpg',
        mime: stored.mime,
        size: stored.size,
        kind: 'photo',
        customerId,
        recordCollection: 'customers',
        recordId: customerId,
        at: now,
        atDesc: atDescOf(now),
        createdAt: now,
        createdBy: userId,
        updatedAt: now,
        updatedBy: userId,
      });
      return stored.sha256;
    },
    async hasBytes(sha256: string) {
      return (await call<unknown>('attachments:info', { sha256 })) !== null;
    },
  },
});
