import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkMigrationList,
  migrate,
  MigrationError,
  schemaVersion,
} from '../../src/server/db/migrate';
import { MIGRATIONS } from '../../src/server/db/migrations/index';
import { startMaintenance } from '../../src/server/db/maintenance';
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

  it('plans a push once per connection, never with a sequential scan', async () => {
    const rows = await t.server.db.query<{ config: string[] | null }>(
      "SELECT proconfig AS config FROM pg_proc WHERE proname = 'dangan_apply_push' AND pronamespace = current_schema()::regnamespace",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.config).toContain('plan_cache_mode=force_generic_plan');
    expect(rows[0]?.config).toContain('enable_seqscan=off');
  });

  it('refuses a database newer than the server', async () => {
    await t.server.db.query(
      "INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')",
    );
    await expect(migrate(t.server.db)).rejects.toThrow(/newer than this server/);
    await t.server.db.query('DELETE FROM schema_migrations WHERE version = 999');
  });
});

describe('maintenance of the embedded database', () => {
  it('vacuums and analyzes PGlite on its timer, so the planner knows the data', async () => {
    const t = await startTestServer({ name: 'pglite' }, { config: { maintenanceMs: 200 } });
    try {
      await t.server.db.query(
        "INSERT INTO docs (collection, id, seq, deleted, doc) SELECT 'reference', 'r' || g, g, false, '{}' FROM generate_series(1, 500) g",
      );
      const analyzed = async () =>
        (
          await t.server.db.query<{ n: number }>(
            "SELECT coalesce(sum(n_live_tup), 0)::int AS n FROM pg_stat_user_tables WHERE relname = 'docs' AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL",
          )
        )[0]?.n ?? 0;
      const deadline = Date.now() + 10_000;
      while ((await analyzed()) < 500 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(await analyzed()).toBeGreaterThanOrEqual(500);
    } finally {
      await t.close();
    }
  });

  it('analyzes a table soon after much of it changed, long before the next vacuum', async () => {
    const t = await startTestServer({ name: 'pglite' }, { config: { maintenanceMs: 3_600_000 } });
    const stop = startMaintenance(t.server.db, 3_600_000, { warn: () => undefined }, 100);
    try {
      await t.server.db.query(
        "INSERT INTO docs (collection, id, seq, deleted, doc) SELECT 'reference', 'r' || g, g, false, '{}' FROM generate_series(1, 500) g",
      );
      const state = async () =>
        (
          await t.server.db.query<{ analyzed: boolean; vacuumed: boolean }>(
            "SELECT last_analyze IS NOT NULL AS analyzed, last_vacuum IS NOT NULL AS vacuumed FROM pg_stat_user_tables WHERE relname = 'docs'",
          )
        )[0];
      const deadline = Date.now() + 10_000;
      while (!(await state())?.analyzed && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(await state()).toEqual({ analyzed: true, vacuumed: false });
    } finally {
      stop();
      await t.close();
    }
  });
});
