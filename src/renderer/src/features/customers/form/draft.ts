import { localEntry } from '../../../../../shared/schema';
import type { CustomerFormValues } from '../../../../../shared/customers';
import type { DanganDatabase } from '../../../db/database';

/** cyrb53: a short, stable hash so a draft's id fits the 40-character id field. */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export function draftKey(customerId: string | undefined): string {
  return customerId ? `customer:${customerId}` : 'customer:new';
}

function draftId(userId: string, key: string): string {
  return `draft:${hash(`${userId}\u0000${key}`)}`;
}

export interface Draft {
  values: CustomerFormValues;
  at: number;
}

/**
 * Form drafts live in the never-replicated `local` collection (kind 'draft', encrypted at
 * rest like the rest of `data`). Each save is a durable IndexedDB write, so a draft survives
 * a crash or a closed window.
 */
export async function saveDraft(db: DanganDatabase, userId: string, key: string, values: CustomerFormValues): Promise<void> {
  await db.collections.local.upsert(
    localEntry({ id: draftId(userId, key), kind: 'draft', userId, key, data: { values } }, Date.now()),
  );
}

export async function loadDraft(db: DanganDatabase, userId: string, key: string): Promise<Draft | null> {
  const doc = await db.collections.local.findOne(draftId(userId, key)).exec();
  if (!doc) return null;
  const json = doc.toJSON();
  const values = json.data['values'];
  return values && typeof values === 'object' ? { values: values as CustomerFormValues, at: json.at } : null;
}

export async function deleteDraft(db: DanganDatabase, userId: string, key: string): Promise<void> {
  const doc = await db.collections.local.findOne(draftId(userId, key)).exec();
  // Incremental: removes the newest revision, even if another write landed since the read.
  await doc?.incrementalRemove();
}
