import type { ReplicatedCollection } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/users';
import type { SyncStatus } from './status';

/** What the window tells the sync worker. */
export type ToWorker =
  | {
      type: 'start';
      dbName: string;
      /** The key of the user's locally encrypted fields (from main's safeStorage). */
      password: string;
      user: SessionUser;
      serverUrl: string;
      token: string | null;
    }
  | { type: 'token'; token: string }
  | { type: 'syncNow' }
  | { type: 'pending'; requestId: number }
  | { type: 'stop'; requestId: number };

/** What the sync worker tells the window. */
export type FromWorker =
  | { type: 'status'; status: SyncStatus }
  | { type: 'pending'; requestId: number; pending: Partial<Record<ReplicatedCollection, number>> | null }
  | { type: 'stopped'; requestId: number }
  | { type: 'fatal'; message: string };
