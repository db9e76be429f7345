import { newId } from '../ids';
import type { VisitDoc } from '../schema/visits';
import { allowedActions, VisitRuleError, type Actor, type VisitPatch } from './lifecycle';

/**
 * Photos, files and the customer's signature on a report. While the report is a draft they
 * come and go freely; once it has been handed in, a file can only be added (or the signature
 * replaced) as an amendment with a reason, and nothing is taken away.
 */

export interface FileRef {
  id: string;
  name: string;
}

type FileVisit = Pick<
  VisitDoc,
  'ownerId' | 'teamId' | 'status' | 'attachmentIds' | 'signatureAttachmentId' | 'amendments'
>;

function amendment(
  field: string,
  before: string,
  after: string,
  reason: string,
  actor: Actor,
  now: number,
) {
  const why = reason.trim();
  if (!why) throw new VisitRuleError('errors.reasonRequired');
  if (why.length > 500) throw new VisitRuleError('errors.tooLong');
  return { id: newId(now), at: now, by: actor.id, field, before, after, reason: why };
}

/** Throws unless files may be attached now; `'amend'` means an amendment with a reason. */
export function attachMode(
  visit: Pick<VisitDoc, 'ownerId' | 'teamId' | 'status'>,
  actor: Actor,
  reason = '',
): 'edit' | 'amend' {
  const actions = allowedActions(visit, actor);
  if (actions.has('edit')) return 'edit';
  if (!actions.has('amend')) throw new VisitRuleError('errors.notAllowed.edit');
  if (!reason.trim()) throw new VisitRuleError('errors.reasonRequired');
  return 'amend';
}

export function addFilesPatch(
  visit: FileVisit,
  files: readonly FileRef[],
  existingNames: readonly string[],
  actor: Actor,
  now: number,
  reason = '',
): VisitPatch {
  const actions = allowedActions(visit, actor);
  const seen = new Set(visit.attachmentIds);
  const fresh: FileRef[] = [];
  for (const file of files) {
    if (seen.has(file.id)) continue;
    seen.add(file.id);
    fresh.push(file);
  }
  if (fresh.length + visit.attachmentIds.length > 100)
    throw new VisitRuleError('errors.tooManyFiles');
  const attachmentIds = [...visit.attachmentIds, ...fresh.map((f) => f.id)];
  if (actions.has('edit')) return { attachmentIds };
  if (!actions.has('amend')) throw new VisitRuleError('errors.notAllowed.edit');
  const after = [...existingNames, ...fresh.map((f) => f.name)];
  return {
    attachmentIds,
    amendments: [
      ...visit.amendments,
      amendment('attachments', existingNames.join('、'), after.join('、'), reason, actor, now),
    ],
  };
}

export function removeFilePatch(visit: FileVisit, fileId: string, actor: Actor): VisitPatch {
  if (!allowedActions(visit, actor).has('edit'))
    throw new VisitRuleError('errors.notAllowed.removeFile');
  if (visit.signatureAttachmentId === fileId) return { signatureAttachmentId: undefined };
  return { attachmentIds: visit.attachmentIds.filter((id) => id !== fileId) };
}

export function signaturePatch(
  visit: FileVisit,
  file: FileRef,
  actor: Actor,
  now: number,
  reason = '',
): VisitPatch {
  const actions = allowedActions(visit, actor);
  if (actions.has('edit')) return { signatureAttachmentId: file.id };
  if (!actions.has('amend')) throw new VisitRuleError('errors.notAllowed.edit');
  const before = visit.signatureAttachmentId ?? '';
  return {
    signatureAttachmentId: file.id,
    amendments: [...visit.amendments, amendment('signature', before, file.id, reason, actor, now)],
  };
}
