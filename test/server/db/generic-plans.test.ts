import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionStatement } from '../../../src/server/auth/tokens';
import { executeArgs } from '../../../src/server/db/inline';
import { REUSED_PLAN_SETTINGS } from '../../../src/server/db/postgres';
import type { Queryable, Statement } from '../../../src/server/db/types';
import { readForPush, type PushReadRequest } from '../../../src/server/sync/store';
import { BACKENDS, POSTGRES_URL } from '../helpers/backends';
import { startTestServer, type TestServer } from '../helpers/harness';

/**
 * The statements a push sends with `reusePlan` run on a generic plan made once per connection,
 * without the values and with the table sizes of that moment (postgres.ts REUSED_PLAN_SETTINGS).
 * Each must find its rows through an index, never by reading a whole table.
 */

const CUSTOMERS = 20_000;
const ids = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => `c-${String(from + i).padStart(6, '0')}`);

/** The statements readForPush sends for `request`, without running them. */
async function pushReadStatements(request: PushReadRequest): Promise<Statement[]> {
  let sent: Statement[] = [];
  const capture = {
    queryMany: (statements: readonly Statement[]) => {
      sent = [...statements];
      return Promise.resolve(statements.map(() => []));
    },
  } as unknown as Queryable;
  await readForPush(capture, request);
  return sent;
}

const SHAPES: { name: string; request: PushReadRequest }[] = [
  {
    name: 'customers (new and edited: exclusive locks, their records)',
    request: {
      session: 'a'.repeat(64),
      collection: 'customers',
      ids: ids(100, 20),
      customers: { lock: ids(100, 20), exclusive: true, keys: [], dependentsOfNew: ids(100, 20) },
    },
  },
  {
    name: 'visits (shared locks and keys of their customers)',
    request: {
      session: 'b'.repeat(64),
      collection: 'visits',
      ids: ids(500, 20).map((id) => `v-${id}`),
      customers: { lock: ids(500, 5), exclusive: false, keys: ids(500, 5), dependentsOfNew: [] },
    },
  },
  {
    name: 'a collection without customers',
    request: {
      session: 'c'.repeat(64),
      collection: 'reference',
      ids: ['r-1', 'r-2'],
      customers: { lock: [], exclusive: false, keys: [], dependentsOfNew: [] },
    },
  },
];

describe.each(BACKENDS)('generic plans of reused push statements on $name', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.close());

  // The worst case: the plans are made when the server is new and its tables nearly empty, then
  // the tables grow (here without ANALYZE, which would have them made again).
  it('stays on indexes for every shape when made on empty tables that then grow', async () => {
    const statements = [sessionStatement('d'.repeat(64))];
    for (const { request } of SHAPES) statements.push(...(await pushReadStatements(request)));
    expect(statements.every((s) => s.reusePlan)).toBe(true);
    const plans = await t.server.db.transaction(async (tx) => {
      for (const [name, value] of REUSED_PLAN_SETTINGS)
        await tx.exec(`SET LOCAL ${name} = ${value}`);
      for (const [i, statement] of statements.entries()) {
        await tx.exec(`PREPARE generic_test_${i} AS ${statement.sql}`);
        await tx.query(`EXECUTE generic_test_${i}${executeArgs(statement.params ?? [])}`);
      }
      await tx.exec(`
        INSERT INTO docs (collection, id, seq, deleted, doc, owner_id, team_id, customer_id)
        SELECT 'customers', 'c-' || lpad(i::text, 6, '0'), i, false, '{}', 'rep-1', 'team-1', NULL
          FROM generate_series(1, ${CUSTOMERS}) AS i;
        INSERT INTO docs (collection, id, seq, deleted, doc, owner_id, team_id, customer_id)
        SELECT 'visits', 'v-c-' || lpad(i::text, 6, '0'), i, false, '{}', 'rep-1', 'team-1',
               'c-' || lpad(i::text, 6, '0')
          FROM generate_series(1, ${CUSTOMERS}) AS i;`);
      const out: string[] = [];
      for (const [i, statement] of statements.entries()) {
        const rows = await tx.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (COSTS OFF) EXECUTE generic_test_${i}${executeArgs(statement.params ?? [])}`,
        );
        out.push(rows.map((row) => row['QUERY PLAN']).join('\n'));
        await tx.exec(`DEALLOCATE generic_test_${i}`);
      }
      return out;
    });
    expect(plans[0]).toMatch(/tokens_pkey/);
    for (const plan of plans) {
      expect(plan, plan).not.toMatch(/Seq Scan/);
      // Generic: the values are parameters, not written into the plan.
      expect(plan, plan).toMatch(/\$\d/);
    }
  });
});

describe.runIf(POSTGRES_URL)('dangan_apply_push plans on PostgreSQL', () => {
  let t: TestServer;
  let client: pg.Client;
  const notices: string[] = [];
  beforeAll(async () => {
    t = await startTestServer({ name: 'postgres', url: POSTGRES_URL });
    client = new pg.Client({
      connectionString: POSTGRES_URL,
      options: `-c search_path=${t.config.databaseSchema}`,
    });
    await client.connect();
    client.on('notice', (notice) => notices.push(notice.message ?? ''));
    // Every plan the function's statements run on, sent to this client.
    await client.query(`LOAD 'auto_explain'`);
    await client.query(`SET auto_explain.log_min_duration = 0;
      SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = notice`);
    // No ANALYZE while the test runs: it would have the plans made again, with the new sizes.
    await client.query('ALTER TABLE docs SET (autovacuum_enabled = false)');
  });
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  const write = (id: string, isInsert: boolean, customerId: string | null, off: number) => ({
    off,
    id,
    is_insert: isInsert,
    deleted: false,
    doc: { id },
    owner_id: 'rep-2',
    team_id: 'team-2',
    customer_id: customerId,
  });
  const apply = (plan: Record<string, unknown>) =>
    client.query('SELECT dangan_apply_push($1::json)', [
      JSON.stringify({
        channel: 'plans_test',
        user_id: 'admin',
        device_id: 'test-device',
        ...plan,
      }),
    ]);
  /** A push that runs every statement: an insert, an update, a revocation and a re-key. */
  const everyStatement = (customer: string, visit: string, fresh: string) =>
    apply({
      collection: 'customers',
      counts: { customers: 3, visits: 1 },
      revocations: [
        { collection: 'customers', doc_id: customer, owner_id: 'rep-1', team_id: 'team-1', off: 1 },
      ],
      writes: [write(customer, false, null, 2), write(fresh, true, null, 3)],
      rekeys: [{ collection: 'visits', id: visit, owner_id: 'rep-2', team_id: 'team-2', off: 1 }],
    });

  it('stays on indexes when its plans were made on empty tables that then grew', async () => {
    // Made on nearly empty tables: the first pushes of a new server.
    await apply({
      collection: 'visits',
      counts: { visits: 1 },
      revocations: [],
      writes: [write('v-first', true, 'c-first', 1)],
      rekeys: [],
    });
    await apply({
      collection: 'customers',
      counts: { customers: 1 },
      revocations: [],
      writes: [write('c-first', true, null, 1)],
      rekeys: [],
    });
    await everyStatement('c-first', 'v-first', 'c-second');
    await client.query(`
      INSERT INTO docs (collection, id, seq, deleted, doc, owner_id, team_id, customer_id)
      SELECT 'customers', 'c-' || lpad(i::text, 6, '0'), 1000 + i, false, '{}', 'rep-1', 'team-1', NULL
        FROM generate_series(1, ${CUSTOMERS}) AS i;
      INSERT INTO docs (collection, id, seq, deleted, doc, owner_id, team_id, customer_id)
      SELECT 'visits', 'v-c-' || lpad(i::text, 6, '0'), 1000 + i, false, '{}', 'rep-1', 'team-1',
             'c-' || lpad(i::text, 6, '0')
        FROM generate_series(1, ${CUSTOMERS}) AS i;
      UPDATE seq_counters SET value = value + 1000000`);
    notices.length = 0;
    await everyStatement('c-000500', 'v-c-000500', 'c-new');
    const plans = notices.filter((n) => /plan:/.test(n));
    for (const statement of [/Update on docs/, /Insert on docs/, /Insert on revocations/]) {
      expect(
        plans.some((p) => statement.test(p)),
        String(statement),
      ).toBe(true);
    }
    for (const plan of plans) expect(plan, plan).not.toMatch(/Seq Scan/);
    const stored = await client.query<{ id: string; owner_id: string }>(
      `SELECT id, owner_id FROM docs WHERE id IN ('c-000500', 'v-c-000500', 'c-new') ORDER BY id`,
    );
    expect(stored.rows).toEqual([
      { id: 'c-000500', owner_id: 'rep-2' },
      { id: 'c-new', owner_id: 'rep-2' },
      { id: 'v-c-000500', owner_id: 'rep-2' },
    ]);
  });
});
