import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionStatement } from '../../../src/server/auth/tokens';
import { executeArgs } from '../../../src/server/db/inline';
import type { Queryable, Statement } from '../../../src/server/db/types';
import { readForPush, type PushReadRequest } from '../../../src/server/sync/store';
import { BACKENDS } from '../helpers/backends';
import { startTestServer, type TestServer } from '../helpers/harness';

/**
 * The statements a push sends with `reusePlan` run on a plan made once per connection, which
 * after five calls is a generic one: planned without the values. Each must then still find its
 * rows through an index, never by reading the whole documents table.
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
    await t.server.db.exec(`
      INSERT INTO docs (collection, id, seq, deleted, doc, owner_id, team_id, customer_id)
      SELECT 'customers', 'c-' || lpad(i::text, 6, '0'), i, false, '{}', 'rep-1', 'team-1', NULL
        FROM generate_series(1, ${CUSTOMERS}) AS i;
      INSERT INTO docs (collection, id, seq, deleted, doc, owner_id, team_id, customer_id)
      SELECT 'visits', 'v-c-' || lpad(i::text, 6, '0'), i, false, '{}', 'rep-1', 'team-1',
             'c-' || lpad(i::text, 6, '0')
        FROM generate_series(1, ${CUSTOMERS}) AS i;
      ANALYZE docs;`);
  });
  afterAll(() => t.close());

  const generic = async (statement: Statement, name: string): Promise<string> =>
    t.server.db.transaction(async (tx) => {
      await tx.exec(`PREPARE ${name} AS ${statement.sql}`);
      try {
        await tx.exec('SET LOCAL plan_cache_mode = force_generic_plan');
        const plan = await tx.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (COSTS OFF) EXECUTE ${name}${executeArgs(statement.params ?? [])}`,
        );
        return plan.map((row) => row['QUERY PLAN']).join('\n');
      } finally {
        await tx.exec(`DEALLOCATE ${name}`);
      }
    });

  it.each(SHAPES)('reads by index for a push of $name', async ({ request }) => {
    const statements = await pushReadStatements(request);
    expect(statements.every((s) => s.reusePlan)).toBe(true);
    for (const [i, statement] of statements.entries()) {
      const plan = await generic(statement, `generic_test_${i}`);
      expect(plan).toMatch(/Index Scan|Index Only Scan|Result/);
      expect(plan, plan).not.toMatch(/Seq Scan on docs/);
    }
  });

  it('checks a session by its token hash', async () => {
    const plan = await generic(sessionStatement('d'.repeat(64)), 'generic_test_session');
    expect(plan, plan).toMatch(/tokens_pkey/);
  });
});
