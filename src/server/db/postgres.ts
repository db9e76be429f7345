import pg from 'pg';
import { dollarQuote, executeArgs, inlineParams } from './inline';
import {
  queryEach,
  type ChangeFeedHandlers,
  type Database,
  type FinalCall,
  type Queryable,
  type SqlParam,
  type Statement,
} from './types';

export { dollarQuote } from './inline';

const INT8_OID = 20;

/** int8 as a number: sequences and counters stay far below 2^53. */
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresOptions {
  url: string;
  /** A schema of its own (tests, or several deployments in one database); default `public`. */
  schema?: string;
  poolSize: number;
  channel: string;
  onError?: (error: Error) => void;
}

/**
 * The statements prepared with SQL PREPARE on each connection, name by text (Statement.reusePlan).
 * PREPARE outlives a rolled-back transaction, and after an error it is not known which of a
 * message's PREPAREs ran: `unsure` connections forget them all (DEALLOCATE ALL) with ROLLBACK.
 */
interface Prepared {
  names: Map<string, string>;
  unsure: boolean;
}
const preparedOn = new WeakMap<pg.PoolClient, Prepared>();

function preparedFor(client: pg.PoolClient): Prepared {
  let prepared = preparedOn.get(client);
  if (!prepared) {
    prepared = { names: new Map(), unsure: false };
    preparedOn.set(client, prepared);
  }
  return prepared;
}

/**
 * Settings for the EXECUTEs of reused statements only (the transaction's other statements keep
 * the defaults). Left to itself the plan cache goes on planning a statement whenever a generic
 * plan's estimate looks dearer than a custom one's, which for these it mostly does: the generic
 * plan is asked for. And it is made once, with the table sizes of that moment: made on a young,
 * nearly empty table, it could read the whole table for as long as the connection lives. These
 * statements find their rows by key or index: the plan is made without sequential scans.
 */
export const REUSED_PLAN_SETTINGS: readonly (readonly [string, string])[] = [
  ['plan_cache_mode', 'force_generic_plan'],
  ['enable_seqscan', 'off'],
];

/**
 * One simple-protocol text for the statements of a queryMany, and which of its results are theirs:
 * each statement inlined (inline.ts), or for a reusePlan statement `EXECUTE name(…)` after a
 * `PREPARE name AS …` the first time on this connection. Null when one cannot be written.
 */
function messageFor(
  prepared: Prepared,
  statements: readonly Statement[],
  begin: boolean,
): { text: string; wanted: number[]; preparing: Map<string, string> } | null {
  const commands: string[] = begin ? ['BEGIN'] : [];
  const wanted: number[] = [];
  const preparing = new Map<string, string>();
  const reusing = statements.some((s) => s.reusePlan);
  if (reusing)
    for (const [name, value] of REUSED_PLAN_SETTINGS) commands.push(`SET LOCAL ${name} = ${value}`);
  for (const s of statements) {
    const params = s.params ?? [];
    if (s.reusePlan) {
      const args = executeArgs(params);
      if (args === null) return null;
      let name = prepared.names.get(s.sql) ?? preparing.get(s.sql);
      if (!name) {
        name = `dangan_p${prepared.names.size + preparing.size + 1}`;
        preparing.set(s.sql, name);
        commands.push(`PREPARE ${name} AS ${s.sql}`);
      }
      wanted.push(commands.length);
      commands.push(`EXECUTE ${name}${args}`);
    } else {
      const inlined = inlineParams(s.sql, params);
      if (inlined === null) return null;
      wanted.push(commands.length);
      commands.push(inlined);
    }
  }
  if (reusing)
    for (const [name] of REUSED_PLAN_SETTINGS) commands.push(`SET LOCAL ${name} = DEFAULT`);
  return { text: commands.join(';\n'), wanted, preparing };
}

/** The rows of a simple-protocol message's last statement (`pg` returns one result per statement). */
function lastRows<R>(result: pg.QueryResult | pg.QueryResult[]): R[] {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return (last?.rows ?? []) as R[];
}

export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const { schema, channel } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(
      `invalid database schema name "${schema}": use lower-case letters, digits and _`,
    );
  }
  const clientConfig: pg.ClientConfig = {
    connectionString: options.url,
    types: typeParsers,
    keepAlive: true,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  if (schema) {
    const setup = new pg.Client({ connectionString: options.url });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({ ...clientConfig, max: options.poolSize });
  // An idle client's error (server restart, network) must not crash the process.
  pool.on('error', (error) => options.onError?.(error));
  await pool.query('SELECT 1');

  let listener: pg.Client | null = null;
  let feedConnected = false;
  let wantFeed = false;
  let poolClosed = false;

  const base: Queryable = {
    async query<T>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
      const result = await pool.query(sql, params as unknown[]);
      return result.rows as T[];
    },
    async exec(sql: string): Promise<void> {
      await pool.query(sql);
    },
    queryMany(statements: readonly Statement[]): Promise<Record<string, unknown>[][]> {
      return queryEach(base, statements);
    },
  };

  async function connectListener(
    handlers: ChangeFeedHandlers,
    isReconnect: boolean,
  ): Promise<void> {
    const client = new pg.Client(clientConfig);
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined)
        handlers.onNotify(message.payload);
    });
    client.on('error', (error) => {
      options.onError?.(error);
      feedConnected = false;
      void client.end().catch(() => undefined);
      if (listener === client) listener = null;
      if (wantFeed) scheduleReconnect(handlers, 1);
    });
    await client.connect();
    if (!wantFeed) {
      await client.end();
      return;
    }
    await client.query(`LISTEN ${channel}`);
    listener = client;
    feedConnected = true;
    if (isReconnect) handlers.onReconnect();
  }

  function scheduleReconnect(handlers: ChangeFeedHandlers, attempt: number): void {
    const delay = Math.min(5000, 100 * 2 ** attempt);
    setTimeout(() => {
      if (!wantFeed || listener) return;
      connectListener(handlers, true).catch((error: Error) => {
        options.onError?.(error);
        scheduleReconnect(handlers, attempt + 1);
      });
    }, delay).unref();
  }

  async function runTransaction<T>(
    fn: (tx: Queryable) => Promise<{ result: T; finalCall?: FinalCall }>,
  ): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    // BEGIN travels with the transaction's first statement, in one simple-protocol message: a
    // round trip less for every transaction. Until then nothing has run: no ROLLBACK needed.
    let begun = false;
    const tx: Queryable = {
      async query<R>(sql: string, params: readonly SqlParam[] = []): Promise<R[]> {
        if (begun) return (await client.query(sql, params as unknown[])).rows as R[];
        const inlined = inlineParams(sql, params);
        begun = true;
        if (inlined === null) {
          await client.query('BEGIN');
          return (await client.query(sql, params as unknown[])).rows as R[];
        }
        return lastRows<R>(await client.query(`BEGIN; ${inlined}`));
      },
      async exec(sql: string): Promise<void> {
        const first = !begun;
        begun = true;
        await client.query(first ? `BEGIN; ${sql}` : sql);
      },
      async queryMany(statements: readonly Statement[]): Promise<Record<string, unknown>[][]> {
        if (statements.length === 0) return [];
        const prepared = preparedFor(client);
        const message = messageFor(prepared, statements, !begun);
        if (message === null) return queryEach(tx, statements);
        begun = true;
        let result: pg.QueryResult | pg.QueryResult[];
        try {
          result = (await client.query(message.text)) as pg.QueryResult | pg.QueryResult[];
        } catch (error) {
          if (message.preparing.size > 0) prepared.unsure = true;
          throw error;
        }
        for (const [sql, name] of message.preparing) prepared.names.set(sql, name);
        const results = Array.isArray(result) ? result : [result];
        return message.wanted.map((i) => (results[i]?.rows ?? []) as Record<string, unknown>[]);
      },
    };
    try {
      const { result, finalCall } = await fn(tx);
      if (finalCall) {
        // One simple-protocol message: the call and COMMIT travel and run together. The argument
        // is dollar-quoted under a tag it does not contain, so it is taken verbatim; the
        // function name is one of FinalCall's constants.
        const call = `SELECT ${finalCall.fn}(${dollarQuote(finalCall.arg)}::json); COMMIT`;
        await client.query(begun ? call : `BEGIN; ${call}`);
        begun = true;
      } else if (begun) {
        await client.query('COMMIT');
      }
      return result;
    } catch (error) {
      if (begun) {
        const prepared = preparedFor(client);
        try {
          await client.query(prepared.unsure ? 'ROLLBACK; DEALLOCATE ALL' : 'ROLLBACK');
          if (prepared.unsure) preparedOn.delete(client);
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  return {
    kind: 'postgres',
    channel,
    get feedConnected() {
      return feedConnected;
    },
    query: base.query,
    exec: base.exec,
    queryMany: base.queryMany,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return runTransaction(async (tx) => ({ result: await fn(tx) }));
    },
    transactionWithFinalCall<T>(
      fn: (tx: Queryable) => Promise<{ result: T; finalCall?: FinalCall }>,
    ): Promise<T> {
      return runTransaction(fn);
    },
    async notify(tx: Queryable, payload: string): Promise<void> {
      await tx.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async listen(handlers: ChangeFeedHandlers) {
      wantFeed = true;
      await connectListener(handlers, false);
      return async () => {
        wantFeed = false;
        const client = listener;
        listener = null;
        feedConnected = false;
        if (client) await client.end().catch(() => undefined);
      };
    },
    async close() {
      wantFeed = false;
      feedConnected = false;
      const client = listener;
      listener = null;
      if (client) await client.end().catch(() => undefined);
      if (poolClosed) return;
      poolClosed = true;
      await pool.end();
    },
  };
}
