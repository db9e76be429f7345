import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineParams } from '../../../src/server/db/inline';
import { openPostgres } from '../../../src/server/db/postgres';
import type { SqlParam } from '../../../src/server/db/types';
import { dropSchema, freshSchemaName, POSTGRES_URL } from '../helpers/backends';

/** Statements whose inlined form must give exactly the rows their parameterized form gives. */
const CASES: { sql: string; params: SqlParam[] }[] = [
  {
    sql: 'SELECT $1::text AS a, $2::text AS b, $3::text AS c, $4::text AS d',
    params: ["it's", 'back\\slash', 'has $q$ and $q0$ inside', '档案 客户\n第二行'],
  },
  { sql: 'SELECT $1::text AS empty, $2::text AS dollar', params: ['', '$'] },
  {
    sql: 'SELECT $1::int + 1 AS n, $2::float8 * 2 AS f, $3::bigint AS big',
    params: [41, -1.25, 2 ** 52],
  },
  { sql: 'SELECT make_interval(secs => $1::float8 / 1000) AS i', params: [1_800_000] },
  {
    sql: 'SELECT $1::boolean AS t, $2::boolean AS f, $3::text IS NULL AS isnull',
    params: [true, false, null],
  },
  {
    sql: 'SELECT $1::text[] AS a, cardinality($2::text[]) AS n',
    params: [['a', 'b,c', 'd"e', 'f\\g', '{h}', 'NULL', ' i ', ''], []],
  },
  { sql: 'SELECT $1::int[] AS a', params: [[1, -2, 3]] },
  {
    sql: 'SELECT x FROM unnest($1::text[]) AS x WHERE x = ANY($2) ORDER BY x',
    params: [
      ['b', 'a', 'c'],
      ['a', 'c'],
    ],
  },
  // Untyped: inferred from the context, as for $n.
  { sql: "SELECT 'x' || $1 AS s, 1 + $2 AS n", params: ['y', 2] },
  // Literals, quoted identifiers and comments keep their text, `$1` included.
  {
    sql: `SELECT '$1 it''s' AS "col $1", $1::text AS v -- not $2
          /* nor $2 */`,
    params: ['value'],
  },
];

function shouldRefuse(): { sql: string; params: SqlParam[] }[] {
  return [
    { sql: 'SELECT $$ body $1 $$', params: ['x'] },
    { sql: "SELECT E'\\'' || $1", params: ['x'] },
    { sql: 'SELECT $2::text', params: ['only one'] },
    { sql: 'SELECT $1::float8', params: [Number.NaN] },
    { sql: "SELECT 'unterminated", params: [] },
  ];
}

describe('inlineParams', () => {
  it('refuses what it cannot rewrite safely', () => {
    for (const { sql, params } of shouldRefuse()) expect(inlineParams(sql, params), sql).toBeNull();
  });

  it('gives PGlite the rows the parameterized statement gives', async () => {
    const db = new PGlite();
    try {
      for (const { sql, params } of CASES) {
        const inlined = inlineParams(sql, params);
        expect(inlined, sql).not.toBeNull();
        const expected = (await db.query(sql, params as unknown[])).rows;
        const results = await db.exec(inlined!);
        expect(results[results.length - 1]!.rows, sql).toEqual(expected);
      }
    } finally {
      await db.close();
    }
  });
});

describe.runIf(POSTGRES_URL)('inlineParams on PostgreSQL', () => {
  it('gives the rows the parameterized statement gives', async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      for (const { sql, params } of CASES) {
        const inlined = inlineParams(sql, params)!;
        const expected = (await client.query(sql, params as unknown[])).rows;
        const result = (await client.query(inlined)) as unknown as
          pg.QueryResult | pg.QueryResult[];
        const rows = Array.isArray(result) ? result[result.length - 1]!.rows : result.rows;
        expect(rows, sql).toEqual(expected);
      }
    } finally {
      await client.end();
    }
  });
});

describe.runIf(POSTGRES_URL)(
  'a PostgreSQL transaction whose BEGIN travels with its first statement',
  () => {
    const schema = freshSchemaName();
    let db: Awaited<ReturnType<typeof openPostgres>>;

    beforeAll(async () => {
      db = await openPostgres({ url: POSTGRES_URL!, schema, poolSize: 2, channel: 'inline_test' });
      await db.exec('CREATE TABLE t (id text PRIMARY KEY)');
    });
    afterAll(async () => {
      await db.close();
      await dropSchema(POSTGRES_URL!, schema);
    });

    it('is one transaction: the first statement is undone when a later step fails', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO t (id) VALUES ($1)', ['undone']);
          await tx.query('SELECT 1/0');
        }),
      ).rejects.toThrow(/division by zero/);
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO t (id) VALUES ($1)', ['undone too']);
          throw new Error('the caller gave up');
        }),
      ).rejects.toThrow('the caller gave up');
      expect(await db.query('SELECT id FROM t')).toEqual([]);
    });

    it('keeps settings and locks of the first statement for the next ones, and commits', async () => {
      const seen = await db.transaction(async (tx) => {
        await tx.exec('SET LOCAL enable_bitmapscan = off');
        await tx.query('INSERT INTO t (id) VALUES ($1)', ['kept']);
        return tx.query<{ enable_bitmapscan: string }>('SHOW enable_bitmapscan');
      });
      expect(seen).toEqual([{ enable_bitmapscan: 'off' }]);
      expect(await db.query<{ enable_bitmapscan: string }>('SHOW enable_bitmapscan')).not.toEqual(
        seen,
      );
      expect(await db.query('SELECT id FROM t')).toEqual([{ id: 'kept' }]);
    });

    it('is one transaction too when the first statement cannot be inlined', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO t (id) VALUES ($$dollar$$ || $1::text)', ['-quoted']);
          expect(await tx.query('SELECT id FROM t WHERE id = $1', ['dollar-quoted'])).toHaveLength(
            1,
          );
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await db.query('SELECT id FROM t WHERE id = $1', ['dollar-quoted'])).toEqual([]);
    });
  },
);

describe.runIf(POSTGRES_URL)('statements whose plan is reused (reusePlan) on PostgreSQL', () => {
  const schema = freshSchemaName();
  let db: Awaited<ReturnType<typeof openPostgres>>;
  // One connection: what one transaction prepared, the next one finds.
  beforeAll(async () => {
    db = await openPostgres({ url: POSTGRES_URL!, schema, poolSize: 1, channel: 'reuse_test' });
  });
  afterAll(async () => {
    await db.close();
    await dropSchema(POSTGRES_URL!, schema);
  });

  const echo = { sql: 'SELECT $1::text AS s, $2::text[] AS a, $3::int + 1 AS n', reusePlan: true };
  const prepared = (tx: Parameters<Parameters<typeof db.transaction>[0]>[0]) =>
    tx.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements');

  it('prepares a text once per connection and gives the rows an inlined statement gives', async () => {
    for (const [s, a, n] of [
      ["it's $q$ 档案", ['b,c', 'd"e', 'NULL'], 41],
      ['second call', [], -1],
    ] as const) {
      const [rows, count] = await db.transaction(async (tx) => {
        const [result] = await tx.queryMany([{ ...echo, params: [s, a, n] }]);
        return [result, await prepared(tx)] as const;
      });
      expect(rows).toEqual([{ s, a, n: n + 1 }]);
      expect(count).toEqual([{ n: 1 }]);
    }
  });

  it('mixes reused and inlined statements in one message, each with its own rows', async () => {
    const results = await db.transaction((tx) =>
      tx.queryMany([
        { sql: 'SELECT $1::text AS x', params: ['inlined'] },
        { ...echo, params: ['reused', ['x'], 1] },
        { sql: 'SELECT $1::int AS y', params: [7], reusePlan: true },
      ]),
    );
    expect(results).toEqual([[{ x: 'inlined' }], [{ s: 'reused', a: ['x'], n: 2 }], [{ y: 7 }]]);
  });

  it('after a failing message, forgets what it prepared and prepares again', async () => {
    const fresh = { sql: 'SELECT 10 / $1::int AS q', reusePlan: true };
    await expect(
      db.transaction((tx) =>
        tx.queryMany([
          { ...fresh, params: [5] },
          { sql: 'SELECT 1 / 0', params: [] },
        ]),
      ),
    ).rejects.toThrow(/division by zero/);
    await expect(
      db.transaction((tx) => tx.queryMany([{ ...fresh, params: [0] }])),
    ).rejects.toThrow(/division by zero/);
    const [rows, count] = await db.transaction(async (tx) => {
      const [result] = await tx.queryMany([{ ...fresh, params: [2] }]);
      return [result, await prepared(tx)] as const;
    });
    expect(rows).toEqual([{ q: 5 }]);
    expect(count).toEqual([{ n: 1 }]);
  });
});
