import type { RxCollection } from 'rxdb';
import { atDescOf, COLLECTION_NAMES, ORDERED_COLLECTIONS } from '../../../shared/schema';

export interface CurrentUser {
  /** The user id stamped on writes. */
  id(): string;
}

interface Stampable {
  createdAt?: number;
  createdBy?: string;
  updatedAt?: number;
  updatedBy?: string;
  at?: number;
  atDesc?: number;
}

/**
 * The one place where `updatedAt`/`updatedBy` (and `atDesc`) are set: collection hooks that
 * run for every local insert and save, whatever screen made it. Replication writes bypass
 * collection hooks, so documents arriving from the server keep the stamps they were made with.
 */
export function stampDocument(doc: Stampable, userId: string, now: number, isInsert: boolean): void {
  if (isInsert || doc.createdAt === undefined) {
    doc.createdAt = doc.createdAt && doc.createdAt > 0 ? doc.createdAt : now;
    doc.createdBy = doc.createdBy || userId;
  }
  doc.updatedAt = now;
  doc.updatedBy = userId;
  if (typeof doc.at === 'number') doc.atDesc = atDescOf(doc.at);
}

export function installStamping(
  collections: Partial<Record<string, RxCollection>>,
  user: CurrentUser,
): void {
  for (const name of COLLECTION_NAMES) {
    const collection = collections[name];
    if (!collection) continue;
    const ordered = ORDERED_COLLECTIONS.includes(name);
    collection.preInsert((data: Stampable) => {
      stampDocument(data, user.id(), Date.now(), true);
      if (ordered && typeof data.at !== 'number') data.at = data.createdAt ?? Date.now();
      if (ordered && typeof data.at === 'number') data.atDesc = atDescOf(data.at);
    }, false);
    collection.preSave((data: Stampable) => {
      stampDocument(data, user.id(), Date.now(), false);
    }, false);
  }
}
