import { getChangedDocumentsSince } from 'rxdb';
import { newId } from '../../../../shared/ids';
import type { StoredFile } from '../../../../shared/ipc';
import {
  atDescOf,
  ATTACHMENT_KINDS,
  type AttachmentDoc,
  type AttachmentKind,
  type RECORD_COLLECTIONS,
} from '../../../../shared/schema';
import type { DanganDatabase } from '../../db/database';
import { runListQuery } from '../../db/list-query';
import { attachmentsOfCustomer } from './documents.queries';

export type RecordRef = { collection: (typeof RECORD_COLLECTIONS)[number]; id: string };

/** A sensible kind for a new file; the user can change it. */
export function defaultKind(file: Pick<StoredFile, 'category'>): AttachmentKind {
  return file.category === 'image' ? 'photo' : 'other';
}

/** Writes the metadata documents for files main has stored; returns them. */
export async function addAttachmentDocs(
  db: DanganDatabase,
  files: StoredFile[],
  target: {
    customerId: string;
    record: RecordRef;
    kind?: AttachmentKind;
    note?: string;
    userId: string;
  },
): Promise<AttachmentDoc[]> {
  const now = Date.now();
  const docs: AttachmentDoc[] = files.map((file, i) => ({
    id: newId(now + i),
    sha256: file.sha256,
    name: file.name.slice(0, 255),
    mime: file.mime.slice(0, 100),
    size: file.size,
    kind: target.kind ?? defaultKind(file),
    customerId: target.customerId,
    recordCollection: target.record.collection,
    recordId: target.record.id,
    ...(target.note ? { note: target.note.slice(0, 2000) } : {}),
    at: now + i,
    atDesc: atDescOf(now + i),
    createdAt: now,
    createdBy: target.userId,
    updatedAt: now,
    updatedBy: target.userId,
  }));
  if (docs.length > 0) await db.attachments.bulkInsert(docs);
  return docs;
}

export async function updateAttachment(
  db: DanganDatabase,
  id: string,
  patch: { kind?: AttachmentKind; note?: string },
): Promise<void> {
  const doc = await db.attachments.findOne(id).exec();
  if (!doc) return;
  await doc.incrementalPatch({
    ...(patch.kind ? { kind: patch.kind } : {}),
    ...(patch.note !== undefined ? { note: patch.note.slice(0, 2000) } : {}),
  });
}

/** Removes the record of a file; its bytes go when no record refers to them (GC, after a grace period). */
export async function removeAttachment(db: DanganDatabase, id: string): Promise<void> {
  await (await db.attachments.findOne(id).exec())?.incrementalRemove();
}

/** Newest first (ascending `atDesc` uses the customerId+atDesc index). */
export function customerAttachmentsQuery(db: DanganDatabase, customerId: string) {
  return runListQuery(db, attachmentsOfCustomer, { customerId });
}

/** Files grouped by kind, in the schema's order of kinds, each group newest first. */
export function groupByKind(
  docs: readonly AttachmentDoc[],
): { kind: AttachmentKind; docs: AttachmentDoc[] }[] {
  return ATTACHMENT_KINDS.map((kind) => ({
    kind,
    docs: docs.filter((d) => d.kind === kind),
  })).filter((g) => g.docs.length > 0);
}

/**
 * Tells main which bytes are still referenced so it can remove the rest after the grace
 * period. Reads the file records page by page (as replication does, by write time) so a
 * large archive never loads at once.
 */
export async function collectAttachmentGarbage(
  db: DanganDatabase,
  send: {
    begin(): Promise<string>;
    referenced(gcId: string, sha256s: string[]): Promise<void>;
    finish(gcId: string): Promise<unknown>;
  },
): Promise<unknown> {
  const gcId = await send.begin();
  let checkpoint: unknown;
  for (;;) {
    const { documents, checkpoint: next } = await getChangedDocumentsSince(
      db.attachments.storageInstance,
      2000,
      checkpoint,
    );
    if (documents.length === 0) break;
    checkpoint = next;
    const live = documents.filter((d) => !d._deleted).map((d) => d.sha256);
    if (live.length > 0) await send.referenced(gcId, [...new Set(live)]);
  }
  return send.finish(gcId);
}
