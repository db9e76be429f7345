import { localEntry } from '../../../../../shared/schema';
import { reportDraftSchema, type ReportFields } from '../../../../../shared/visits';
import type { DanganDatabase } from '../../../db/database';

/**
 * Edits to a report that was already handed in are not written into it as they are typed:
 * they wait here, on this laptop only (`local` never syncs), until the rep saves them as a
 * correction with a reason. Then they become amendments.
 */

export function bufferId(visitId: string): string {
  return `vc:${visitId}`;
}

export async function saveCorrectionBuffer(db: DanganDatabase, userId: string, visitId: string, fields: ReportFields): Promise<void> {
  await db.collections.local.upsert(
    localEntry({ id: bufferId(visitId), kind: 'draft', userId, key: `visit/${visitId}`, data: { fields } }, Date.now()),
  );
}

export async function loadCorrectionBuffer(db: DanganDatabase, visitId: string): Promise<{ fields: ReportFields; at: number } | null> {
  const doc = await db.collections.local.findOne(bufferId(visitId)).exec();
  if (!doc) return null;
  const data = doc.toMutableJSON();
  const parsed = reportDraftSchema.safeParse(data.data['fields']);
  return parsed.success ? { fields: parsed.data, at: data.updatedAt } : null;
}

export async function clearCorrectionBuffer(db: DanganDatabase, visitId: string): Promise<void> {
  const doc = await db.collections.local.findOne(bufferId(visitId)).exec();
  await doc?.incrementalRemove();
}
