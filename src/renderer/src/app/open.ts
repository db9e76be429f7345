import type { SessionUser } from '../../../shared/users';
import { openDatabase, type DanganDatabase } from '../db/database';
import { browserStorage } from '../db/storage';

/** One database per user profile on this laptop, shared with the sync worker. */
export function databaseNameFor(user: SessionUser): string {
  return `dangan-${user.id.replace(/[^a-z0-9_-]/gi, '_').toLowerCase()}`;
}

/** `password`: the user's key for the encrypted fields, from main's safeStorage. */
export function openAppDatabase(user: SessionUser, password: string): Promise<DanganDatabase> {
  return openDatabase({
    name: databaseNameFor(user),
    storage: browserStorage(),
    multiInstance: true,
    currentUser: { id: () => user.id },
    password,
  });
}
