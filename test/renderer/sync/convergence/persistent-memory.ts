import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BulkWriteRow, RxDocumentData, RxStorage, RxStorageInstance } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';

interface MemoryInternals {
  internals: { documents: Map<string, RxDocumentData<unknown>> };
  /** The memory storage applies a write to its maps lazily; this applies it now. */
  ensurePersistence(): void;
}

/**
 * RxDB's memory storage, made durable the way IndexedDB is: every storage instance is written
 * to its own file after each bulk write, atomically (temp file + rename), before the write
 * resolves. A laptop process killed at any instant restarts from the last completed write of
 * each store — never from half of one — as a browser does after a crash.
 */
export function persistentMemoryStorage(dir: string): RxStorage<unknown, unknown> {
  mkdirSync(dir, { recursive: true });
  const memory = getRxStorageMemory() as unknown as RxStorage<unknown, unknown>;
  return {
    ...memory,
    async createStorageInstance<T>(params: Parameters<RxStorage<unknown, unknown>['createStorageInstance']>[0]) {
      const instance = (await memory.createStorageInstance<T>(params as never)) as RxStorageInstance<T, unknown, unknown>;
      const name = `${params.databaseName}--${params.collectionName}--${params.schema.version}`.replace(/[^a-z0-9_.-]/gi, '_');
      const file = path.join(dir, `${name}.json`);
      const memoryInstance = instance as unknown as MemoryInternals;
      const documents = memoryInstance.internals.documents;
      const write = instance.bulkWrite.bind(instance);
      if (existsSync(file) && documents.size === 0) {
        const saved = JSON.parse(readFileSync(file, 'utf8')) as RxDocumentData<T>[];
        if (saved.length > 0) await write(saved.map((document) => ({ document }) as BulkWriteRow<T>), 'restore-after-restart');
      }
      const persist = () => {
        memoryInstance.ensurePersistence();
        const temp = `${file}.tmp`;
        writeFileSync(temp, JSON.stringify([...documents.values()]));
        renameSync(temp, file);
      };
      const traceFile = process.env['DANGAN_SYNC_TRACE'] ? path.join(dir, 'storage-trace.log') : null;
      instance.bulkWrite = async (rows, context) => {
        const result = await write(rows, context);
        persist();
        if (traceFile) {
          const line = {
            t: Date.now(),
            store: params.collectionName.slice(0, 30),
            context,
            rows: rows.map((r) => {
              const d = r.document as Record<string, unknown>;
              return { id: d['id'] ?? d['itemId'], prev: r.previous?._rev, rev: d['_rev'], o: (d['_meta'] as Record<string, unknown>)?.['o'], lwt: (d['_meta'] as Record<string, unknown>)?.['lwt'] };
            }),
            errors: result.error.map((e) => ({ id: e.documentId, status: e.status })),
          };
          appendFileSync(traceFile, `${JSON.stringify(line)}\n`);
        }
        return result;
      };
      return instance;
    },
  } as RxStorage<unknown, unknown>;
}
