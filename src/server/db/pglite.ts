import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import {
  queryEach,
  type ChangeFeedHandlers,
  type Database,
  type FinalCall,
  type Queryable,
  type SqlParam,
  type Statement,
} from './types';

/** Sequences and counters are int8; they stay far below 2^53, so plain numbers are safe. */
const parsers = { [types.INT8]: (value: string) => Number(value) };

function wrap(target: Pick<PGlite, 'query' | 'exec'>): Queryable {
  const queryable: Queryable = {
    async query<T>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
      const result = await target.query<T>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
    queryMany(statements: readonly Statement[]): Promise<Record<string, unknown>[][]> {
      return queryEach(queryable, statements);
    },
  };
  return queryable;
}

/**
 * Embedded PostgreSQL in this process: one connection, so transactions run one after another
 * and LISTEN/NOTIFY stays inside the process. `dataDir` undefined keeps it in memory (tests).
 */
export async function openPglite(dataDir: string | undefined, channel: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir, { parsers });
  const base = wrap(pg);
  let listening = false;
  return {
    kind: 'pglite',
    channel,
    get feedConnected() {
      return listening && !pg.closed;
    },
    query: base.query,
    exec: base.exec,
    queryMany: base.queryMany,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pg.transaction((tx) => fn(wrap(tx)));
    },
    transactionWithFinalCall<T>(
      fn: (tx: Queryable) => Promise<{ result: T; finalCall?: FinalCall }>,
    ): Promise<T> {
      return pg.transaction(async (tx) => {
        const { result, finalCall } = await fn(wrap(tx));
        if (finalCall) await tx.query(`SELECT ${finalCall.fn}($1::json)`, [finalCall.arg]);
        return result;
      });
    },
    async notify(tx: Queryable, payload: string): Promise<void> {
      await tx.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async listen(handlers: ChangeFeedHandlers) {
      const unlisten = await pg.listen(channel, (payload) => handlers.onNotify(payload));
      listening = true;
      return async () => {
        listening = false;
        if (!pg.closed) await unlisten();
      };
    },
    async close() {
      listening = false;
      if (!pg.closed) await pg.close();
    },
  };
}
