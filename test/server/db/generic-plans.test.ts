import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionStatement } from '../../../src/server/auth/tokens';
import { executeArgs } from '../../../src/server/db/inline';
import { REUSED_PLAN_SETTINGS } from '../../../src/server/db/postgres';
import type { Queryable, Statement } from '../../../src/server/db/types';
import { readForPush, type PushReadRequest } from '../../../src/server/sync/store';
import { BACKENDS } from '../helpers/backends';
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
