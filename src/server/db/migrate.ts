import { REPLICATED_COLLECTIONS } from '../../shared/schema';
import { MIGRATIONS } from './migrations/index';
import type { Database } from './types';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Numbered 1, 2, 3… with no gap or repeat: the order is the version. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MigrationError(`migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
    }
  });
}

/**
 * Brings the database up to the newest migration, in one transaction, under an advisory lock so
 * that instances starting together do not race. Refuses a database newer than this server.
 * Returns the schema version.
 */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  checkMigrationList(migrations);
  const newest = migrations.length;
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':dangan:migrate'))`);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number }>(
      'SELECT coalesce(max(version), 0)::int AS version FROM schema_migrations',
    );
    const current = rows[0]?.version ?? 0;
    if (current > newest) {
      throw new MigrationError(
        `the database is at schema version ${current}, newer than this server (${newest}): upgrade the server`,
      );
    }
    for (const m of migrations.slice(current)) {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
    }
    // A collection added to the shared schema gets its counter without a migration of its own.
    await tx.query(
      'INSERT INTO seq_counters (collection) SELECT unnest($1::text[]) ON CONFLICT (collection) DO NOTHING',
      [REPLICATED_COLLECTIONS],
    );
    return newest;
  });
}

export async function schemaVersion(db: Database): Promise<number> {
  const rows = await db.query<{ version: number }>(
    'SELECT coalesce(max(version), 0)::int AS version FROM schema_migrations',
  );
  return rows[0]?.version ?? 0;
}
