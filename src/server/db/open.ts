import path from 'node:path';
import type { ServerConfig } from '../config';
import { lockDataDir } from './lock';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import { channelName, type Database } from './types';

export interface OpenedDatabase {
  db: Database;
  schemaVersion: number;
  /** Closes the database and releases the data folder. */
  close(): Promise<void>;
}

type DbConfig = Pick<
  ServerConfig,
  'databaseUrl' | 'databaseSchema' | 'dataDir' | 'inMemory' | 'poolSize'
>;

/** PostgreSQL when a URL is configured, else embedded PGlite; migrated to the newest schema. */
export async function openDatabase(
  config: DbConfig,
  onError?: (error: Error) => void,
): Promise<OpenedDatabase> {
  const channel = channelName(config.databaseSchema);
  let db: Database;
  let release = () => {};
  if (config.databaseUrl) {
    db = await openPostgres({
      url: config.databaseUrl,
      schema: config.databaseSchema,
      poolSize: config.poolSize,
      channel,
      onError,
    });
  } else if (config.inMemory) {
    db = await openPglite(undefined, channel);
  } else {
    release = lockDataDir(config.dataDir);
    try {
      db = await openPglite(path.join(config.dataDir, 'pglite'), channel);
    } catch (error) {
      release();
      throw error;
    }
  }
  try {
    const schemaVersion = await migrate(db);
    return {
      db,
      schemaVersion,
      async close() {
        try {
          await db.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    release();
    throw error;
  }
}
