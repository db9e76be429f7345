import {
  createRevision,
  getChangedDocumentsSince,
  getDefaultRxDocumentMeta,
  type RxCollection,
} from 'rxdb';
import type { BackupSummary, DanganApi } from '../../../../shared/ipc';
import { BACKUP_CHUNK_DOCS } from '../../../../shared/ipc/backup';
import { COLLECTION_NAMES, type CollectionName } from '../../../../shared/schema';
import type { DanganDatabase } from '../../db/database';
import { IpcCallError, unwrap } from './ipc';

/** Documents read from the database per query while streaming a collection out. */
const PAGE = 500;

export type BackupPhase = 'documents' | 'attachments' | 'finishing' | 'verifying' | 'restoring';
export type OnProgress = (phase: BackupPhase, done: number, total: number) => void;

type AnyCollection = RxCollection<Record<string, unknown>>;

function collectionOf(db: DanganDatabase, name: CollectionName): AnyCollection {
  // Every collection is handled alike here: as JSON documents keyed by their primary key.
  return db.collections[name] as unknown as AnyCollection;
}

/**
 * A collection a page at a time (never all in memory), in the order RxDB's own replication
 * reads it: by last write time and id, through the index every collection has. A document
 * written again while the backup runs comes round a second time; the first copy is kept so
 * no id appears twice in the file. Deleted documents are left out.
 */
export async function* pagesOf(
  db: DanganDatabase,
  name: CollectionName,
  pageSize = PAGE,
): AsyncGenerator<Record<string, unknown>[]> {
  const storage = collectionOf(db, name).storageInstance;
  const seen = new Set<string>();
  let checkpoint: unknown;
  for (;;) {
    const { documents, checkpoint: next } = await getChangedDocumentsSince(
      storage,
      pageSize,
      checkpoint,
    );
    if (documents.length === 0) return;
    checkpoint = next;
    const page: Record<string, unknown>[] = [];
    for (const raw of documents) {
      const { _meta, _rev, _attachments, _deleted, ...doc } = raw;
      const id = String(doc['id']);
      if (_deleted || seen.has(id)) continue;
      seen.add(id);
      page.push(doc);
    }
    if (page.length > 0) yield page;
  }
}

async function countAll(db: DanganDatabase): Promise<number> {
  const counts = await Promise.all(
    COLLECTION_NAMES.map((name) => collectionOf(db, name).count().exec()),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}

/**
 * Streams every collection to main, which writes the backup file and adds the attachments'
 * bytes. Returns null when the user cancelled the folder dialog.
 */
export async function backupDatabase(
  db: DanganDatabase,
  api: DanganApi,
  options: {
    destination: 'auto' | 'choose';
    passphrase?: string;
    onProgress?: OnProgress;
    /** Awaited before each page is read: the automatic backup steps aside while a sync runs. */
    beforePage?: () => Promise<void>;
  },
): Promise<BackupSummary | null> {
  const total = await countAll(db);
  const begun = unwrap(
    await api.invoke('backup:begin', {
      destination: options.destination,
      ...(options.passphrase ? { passphrase: options.passphrase } : {}),
    }),
  );
  if ('cancelled' in begun) return null;
  const { backupId } = begun;
  const off = api.on('backup:progress', (p) => {
    if (p.id === backupId) options.onProgress?.(p.phase, p.done, p.total);
  });
  try {
    let done = 0;
    options.onProgress?.('documents', 0, total);
    for (const name of COLLECTION_NAMES) {
      await options.beforePage?.();
      for await (const page of pagesOf(db, name)) {
        await options.beforePage?.();
        for (let i = 0; i < page.length; i += BACKUP_CHUNK_DOCS) {
          const docs = page.slice(i, i + BACKUP_CHUNK_DOCS);
          unwrap(await api.invoke('backup:chunk', { backupId, collection: name, docs }));
          done += docs.length;
          options.onProgress?.('documents', done, total);
        }
      }
    }
    options.onProgress?.('finishing', 0, 1);
    return unwrap(await api.invoke('backup:finish', { backupId }));
  } catch (error) {
    await api.invoke('backup:abort', { backupId });
    throw error;
  } finally {
    off();
  }
}

/** True when no collection holds a document: restores go only into an empty profile. */
export async function isProfileEmpty(db: DanganDatabase): Promise<boolean> {
  return (await countAll(db)) === 0;
}

/**
 * Restores a backup into this (empty) profile. Main verifies the whole file first; only then
 * do documents arrive here. They are written below the collection hooks, as replication
 * writes are, so every document keeps its own `updatedAt`/`updatedBy`.
 */
export async function restoreDatabase(
  db: DanganDatabase,
  api: DanganApi,
  options: {
    source: { kind: 'local'; fileName: string } | { kind: 'dialog' };
    passphrase?: string;
    onProgress?: OnProgress;
  },
): Promise<{ documents: number; blobs: number } | null> {
  if (!(await isProfileEmpty(db))) {
    throw new IpcCallError({
      code: 'refused',
      message: 'a backup is restored only into an empty profile',
      messageKey: 'backup.errors.profileNotEmpty',
    });
  }
  const off = api.on('backup:progress', (p) => {
    if (p.id === 'restore') options.onProgress?.(p.phase, p.done, p.total);
  });
  try {
    const begun = unwrap(
      await api.invoke('backup:restoreBegin', {
        source: options.source,
        ...(options.passphrase ? { passphrase: options.passphrase } : {}),
      }),
    );
    if ('cancelled' in begun) return null;
    const total = Object.values(begun.documents).reduce((sum, n) => sum + (n ?? 0), 0);
    let done = 0;
    try {
      for (;;) {
        const next = unwrap(await api.invoke('backup:restoreNext', { restoreId: begun.restoreId }));
        if (next.done) break;
        await writeRaw(db, collectionOf(db, next.collection), next.docs);
        done += next.docs.length;
        options.onProgress?.('restoring', done, total);
      }
    } finally {
      await api.invoke('backup:restoreEnd', { restoreId: begun.restoreId });
    }
    return { documents: done, blobs: begun.blobs };
  } finally {
    off();
  }
}

async function writeRaw(
  db: DanganDatabase,
  collection: AnyCollection,
  docs: Record<string, unknown>[],
): Promise<void> {
  const rows = docs.map((doc) => ({
    document: {
      ...doc,
      _deleted: false,
      _attachments: {},
      _meta: getDefaultRxDocumentMeta(),
      _rev: createRevision(db.token),
    },
  }));
  const { error } = await collection.storageInstance.bulkWrite(rows, 'dangan-restore');
  if (error.length > 0) {
    throw new IpcCallError({
      code: 'failed',
      message: `${error.length} document(s) of ${collection.name} could not be written (first: ${error[0]?.status})`,
      messageKey: 'backup.errors.writeFailed',
    });
  }
}
