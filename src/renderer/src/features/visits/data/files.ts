import type { StoredFile } from '../../../../../shared/ipc';
import type { VisitDoc } from '../../../../../shared/schema';
import {
  addFilesPatch,
  applyVisitPatch,
  attachMode,
  removeFilePatch,
  signaturePatch,
  VisitRuleError,
  type Actor,
} from '../../../../../shared/visits';
import type { DanganDatabase } from '../../../db/database';
import { addAttachmentDocs, storeThumbnail, uploadBlob } from '../../documents';

/**
 * Photos, files and the signature of a report. Bytes go to main's content-addressed store
 * through the documents feature (upload, thumbnails); this side keeps the report's
 * references to the metadata documents, under the report's rules.
 */

function attachmentDocs(db: DanganDatabase, visit: VisitDoc, files: StoredFile[], actor: Actor, kind?: 'signature') {
  return addAttachmentDocs(db, files, {
    customerId: visit.customerId,
    record: { collection: 'visits', id: visit.id },
    ...(kind ? { kind } : {}),
    userId: actor.id,
  });
}

async function visitOf(db: DanganDatabase, visitId: string) {
  const doc = await db.collections.visits.findOne(visitId).exec();
  if (!doc) throw new VisitRuleError('errors.notFound');
  return doc;
}

/** Attaches stored files to a report (an amendment with `reason` once it was handed in). */
export async function attachFiles(db: DanganDatabase, visitId: string, files: readonly StoredFile[], actor: Actor, reason = '') {
  const doc = await visitOf(db, visitId);
  const current = doc.toMutableJSON();
  // Judge the rule before writing anything, so a refused add leaves no stray records.
  attachMode(current, actor, reason);
  const existing = current.attachmentIds.length ? await db.collections.attachments.findByIds(current.attachmentIds).exec() : new Map();
  const names = current.attachmentIds.map((id) => existing.get(id)?.name ?? id);
  const docs = await attachmentDocs(db, current, [...files], actor);
  await doc.incrementalModify((data: VisitDoc) =>
    applyVisitPatch(data, addFilesPatch(data, docs.map((d) => ({ id: d.id, name: d.name })), names, actor, Date.now(), reason)),
  );
}

export async function setSignature(db: DanganDatabase, visitId: string, png: Blob, actor: Actor, reason = '') {
  const doc = await visitOf(db, visitId);
  attachMode(doc.toMutableJSON(), actor, reason);
  const stored = await uploadBlob(png, 'signature.png');
  await storeThumbnail(stored, png);
  const [record] = await attachmentDocs(db, doc.toMutableJSON(), [stored], actor, 'signature');
  if (!record) return;
  await doc.incrementalModify((data: VisitDoc) =>
    applyVisitPatch(data, signaturePatch(data, { id: record.id, name: record.name }, actor, Date.now(), reason)),
  );
}

/** Removes a file from a draft; its record is soft-deleted, its bytes left to main's GC. */
export async function removeFile(db: DanganDatabase, visitId: string, attachmentId: string, actor: Actor) {
  const doc = await visitOf(db, visitId);
  await doc.incrementalModify((data: VisitDoc) => applyVisitPatch(data, removeFilePatch(data, attachmentId, actor)));
  await (await db.collections.attachments.findOne(attachmentId).exec())?.incrementalRemove();
}
