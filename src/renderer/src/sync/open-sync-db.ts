import type { RxConflictHandler } from 'rxdb';
import { REPLICATED_COLLECTIONS, schemas, type ReplicatedCollection } from '../../../shared/schema';
import { createConflictHandler, type ConflictSink } from '../../../shared/sync/conflict-handler';
import { openDatabase, type DanganDatabase, type OpenOptions } from '../db/database';
import { InboxStore } from './inbox-store';

/**
 * Opens a user's database the way the sync worker needs it: every replicated collection with
 * the field-level conflict handler, whose losing values land in this database's inbox.
 */
export async function openSyncDatabase(
  options: Omit<OpenOptions, 'conflictHandlers'> & { userId: string },
): Promise<{ db: DanganDatabase; inbox: InboxStore }> {
  let inbox: InboxStore | null = null;
  const sink: ConflictSink = {
    record: (report) => {
      if (!inbox) throw new Error('conflict before the inbox was ready');
      return inbox.record(report);
    },
    wasRefused: (collection, master) => inbox?.wasRefused(collection, master) ?? false,
  };
  const handlers: Partial<Record<ReplicatedCollection, RxConflictHandler<never>>> = {};
  for (const collection of REPLICATED_COLLECTIONS) {
    handlers[collection] = createConflictHandler(collection, schemas[collection].primaryKey as string, sink);
  }
  const db = await openDatabase({ ...options, conflictHandlers: handlers as OpenOptions['conflictHandlers'] });
  inbox = new InboxStore(db, options.userId);
  return { db, inbox };
}
