import {
  createRxDatabase,
  type RxCollection,
  type RxConflictHandler,
  type RxDatabase,
  type RxStorage,
} from 'rxdb';
import {
  COLLECTION_NAMES,
  migrationStrategies,
  schemas,
  type CollectionName,
  type DocTypes,
} from '../../../shared/schema';
import { installStamping, type CurrentUser } from './stamp';

export type DanganCollections = { [K in CollectionName]: RxCollection<DocTypes[K]> };
export type DanganDatabase = RxDatabase<DanganCollections>;

export interface OpenOptions {
  /** One database per signed-in user profile. */
  name: string;
  storage: RxStorage<unknown, unknown>;
  /** Window and sync worker share the database (BroadcastChannel); off in Node tests. */
  multiInstance: boolean;
  /** Who is writing: stamped as `updatedBy` on every write. */
  currentUser: CurrentUser;
  /** Stops RxDB from keeping its own leader-election when only one context uses the db. */
  ignoreDuplicate?: boolean;
  /**
   * The key for the fields schemas list as `encrypted` (kept by main in safeStorage). The
   * storage must include the encryption wrapper (browserStorage does).
   */
  password?: string;
  /** Replication's field-level merge; only the sync worker, which replicates, sets it. */
  conflictHandlers?: Partial<{ [K in CollectionName]: RxConflictHandler<DocTypes[K]> }>;
}

/**
 * Opens the database with all twelve collections. Schema versions and their migration
 * strategies come from src/shared/schema; versions only move forward.
 */
export async function openDatabase(options: OpenOptions): Promise<DanganDatabase> {
  const db = await createRxDatabase<DanganCollections>({
    name: options.name,
    storage: options.storage,
    multiInstance: options.multiInstance,
    eventReduce: true,
    closeDuplicates: true,
    ...(options.ignoreDuplicate ? { ignoreDuplicate: true } : {}),
    ...(options.password !== undefined ? { password: options.password } : {}),
  });
  const collections = Object.fromEntries(
    COLLECTION_NAMES.map((name) => [
      name,
      {
        schema: schemas[name],
        migrationStrategies: migrationStrategies[name] ?? {},
        ...(options.conflictHandlers?.[name] ? { conflictHandler: options.conflictHandlers[name] } : {}),
      },
    ]),
  );
  await db.addCollections(collections);
  installStamping(db.collections as unknown as Record<string, RxCollection>, options.currentUser);
  return db;
}
