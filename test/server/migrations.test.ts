import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkMigrationList,
  migrate,
  MigrationError,
  schemaVersion,
} from '../../src/server/db/migrate';
import { MIGRATIONS } from '../../src/server/db/migrations/index';
import { REPLICATED_COLLECTIONS } from '../../src/shared/schema';
import { BACKENDS } from './helpers/backends';
import { startTestServer, type TestServer } from './helpers/harness';

describe('the migration list', () => {
  it('is numbered 1, 2, 3… without gaps', () => {
    expect(() => checkMigrationList(MIGRATIONS)).not.toThrow();
    expect(() =>
      checkMigrationList([...MIGRATIONS, { version: MIGRATIONS.length + 2, name: 'gap', sql: '' }]),
    ).toThrow(MigrationError);
  });
});

describe.each(BACKENDS)('migrations on $name', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.close());

  it('brings a new database to the newest version with a counter per replicated collection', async () => {
    expect(t.server.schemaVersion).toBe(MIGRATIONS.length);
    expect(await schemaVersion(t.server.db)).toBe(MIGRATIONS.length);
    const counters = await t.server.db.query<{ collection: string }>(
      'SELECT collection FROM seq_counters ORDER BY collection',
    );
    expect(counters.map((c) => c.collection)).toEqual([...REPLICATED_COLLECTIONS].sort());
  });

  it('runs again without changing anything', async () => {
    expect(await migrate(t.server.db)).toBe(MIGRATIONS.length);
    const rows = await t.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM schema_migrations',
    );
    expect(rows[0]?.n).toBe(MIGRATIONS.length);
  });

  it('refuses a database newer than the server', async () => {
    await t.server.db.query(
      "INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')",
    );
    await expect(migrate(t.server.db)).rejects.toThrow(/newer than this server/);
    await t.server.db.query('DELETE FROM schema_migrations WHERE version = 999');
  });
});
