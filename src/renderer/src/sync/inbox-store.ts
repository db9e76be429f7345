import { localEntry, type LocalDoc, type ReplicatedCollection } from '../../../shared/schema';
import type { ConflictReport, ConflictSink } from '../../../shared/sync/conflict-handler';
import { inboxEntryId, labelOf, type ConflictEntryData, type RejectedEntryData } from '../../../shared/sync/inbox';
import { documentsEqual, type MergeDoc } from '../../../shared/sync/merge';
import type { Rejection } from '../../../shared/sync/protocol';
import type { DanganDatabase } from '../db/database';

function entry(id: string, kind: 'conflict' | 'rejected', userId: string, key: string, data: Record<string, unknown>, now: number): LocalDoc {
  return localEntry({ id, kind, userId, key: key.slice(0, 200), data }, now);
}


/**
 * The conflict inbox and the record of refused writes, kept in the `local` collection of the
 * signed-in user's database. Used by the sync worker's conflict handler and push handler.
 */
export class InboxStore implements ConflictSink {
  /** Server answers to refused writes, until the conflict handler has converged to them. */
  private readonly refused = new Map<string, MergeDoc>();

  constructor(
    private readonly db: DanganDatabase,
    private readonly userId: string,
    private readonly primaryKey = 'id',
  ) {}

  async record(report: ConflictReport): Promise<void> {
    const now = Date.now();
    const label = labelOf(report.server, labelOf(report.local, report.documentId));
    const docs: LocalDoc[] = [];
    for (const conflict of report.conflicts) {
      const data: ConflictEntryData = {
        collection: report.collection,
        documentId: report.documentId,
        field: conflict.field,
        ...(conflict.entryId !== undefined ? { entryId: conflict.entryId } : {}),
        ...(conflict.local !== undefined ? { local: conflict.local } : {}),
        ...(conflict.server !== undefined ? { server: conflict.server } : {}),
        ...(conflict.base !== undefined ? { base: conflict.base } : {}),
        ...(typeof report.server['updatedBy'] === 'string' ? { serverBy: report.server['updatedBy'] } : {}),
        ...(typeof report.server['updatedAt'] === 'number' ? { serverAt: report.server['updatedAt'] } : {}),
        hasLocal: conflict.local !== undefined,
        hasServer: conflict.server !== undefined,
        label,
      };
      const id = await inboxEntryId('c', [report.collection, report.documentId, conflict.field, conflict.entryId, conflict.local, conflict.server]);
      docs.push(entry(id, 'conflict', this.userId, `${report.collection}/${report.documentId}`, data, now));
    }
    if (docs.length > 0) await this.db.collections.local.bulkUpsert(docs);
  }

  wasRefused(collection: ReplicatedCollection, master: MergeDoc): boolean {
    const key = `${collection}/${String(master[this.primaryKey])}`;
    const answer = this.refused.get(key);
    if (!answer || !documentsEqual(answer, master)) return false;
    this.refused.delete(key);
    return true;
  }

  /** Notes the refusals of one push: shown in the inbox, and converged to by the handler. */
  async recordRejections(
    collection: ReplicatedCollection,
    rejections: readonly { rejection: Rejection; master: MergeDoc }[],
    attempted: readonly MergeDoc[],
  ): Promise<void> {
    const now = Date.now();
    const docs: LocalDoc[] = [];
    for (const { rejection, master } of rejections) {
      this.refused.set(`${collection}/${rejection.documentId}`, master);
      const sent = attempted.find((doc) => doc[this.primaryKey] === rejection.documentId) ?? master;
      const data: RejectedEntryData = {
        collection,
        documentId: rejection.documentId,
        code: rejection.code,
        ...(rejection.field !== undefined ? { field: rejection.field } : {}),
        message: rejection.message,
        attempted: sent,
        label: labelOf(sent, rejection.documentId),
      };
      const id = await inboxEntryId('r', [collection, rejection.documentId, sent]);
      docs.push(entry(id, 'rejected', this.userId, `${collection}/${rejection.documentId}`, data, now));
    }
    if (docs.length > 0) await this.db.collections.local.bulkUpsert(docs);
  }
}
