/**
 * The one database interface the server is written against. Two implementations speak the same
 * SQL: embedded PGlite (single connection, in-process) and PostgreSQL through `pg` (a pool).
 */

export type SqlParam = string | number | boolean | null | readonly string[] | readonly number[];

export interface Statement {
  sql: string;
  params?: readonly SqlParam[];
  /**
   * Planned once per connection and the plan reused (PostgreSQL's plan cache: a generic plan
   * after five calls), instead of with every call. Only for a text that recurs and whose
   * generic plan is as good as a custom one: lookups by key or index, whatever the values.
   * Inside a PostgreSQL transaction's queryMany; elsewhere it changes nothing.
   */
  reusePlan?: boolean;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /**
   * Statements run one after the other, in one round trip where the driver allows it (inside a
   * PostgreSQL transaction); the rows of each. A failing statement stops the ones after it.
   */
  queryMany(statements: readonly Statement[]): Promise<Record<string, unknown>[][]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** queryMany one statement after the other, for a connection that cannot send them together. */
export async function queryEach(
  q: Pick<Queryable, 'query'>,
  statements: readonly Statement[],
): Promise<Record<string, unknown>[][]> {
  const out: Record<string, unknown>[][] = [];
  for (const s of statements) out.push(await q.query(s.sql, s.params));
  return out;
}

export type DatabaseKind = 'pglite' | 'postgres';

export interface ChangeFeedHandlers {
  onNotify(payload: string): void;
  /** The feed was lost and is back: notifications in between may be missing. */
  onReconnect(): void;
}

/** A call of a SQL function taking one json argument, e.g. dangan_apply_push(plan). */
export interface FinalCall {
  fn: 'dangan_apply_push';
  arg: string;
}

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** The NOTIFY channel of this deployment (see channelName). */
  readonly channel: string;
  /** Whether the LISTEN connection is up (always true for PGlite once listening). */
  readonly feedConnected: boolean;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Like `transaction`, but `fn` may end with a function call that is sent together with
   * COMMIT in one round trip: locks it takes are held only while the database works.
   */
  transactionWithFinalCall<T>(
    fn: (tx: Queryable) => Promise<{ result: T; finalCall?: FinalCall }>,
  ): Promise<T>;
  /** NOTIFY from inside a transaction: delivered to every listener when it commits. */
  notify(tx: Queryable, payload: string): Promise<void>;
  listen(handlers: ChangeFeedHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** PostgreSQL error codes after which a transaction is worth running again. */
const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryable(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    RETRYABLE.has(error.code)
  );
}

/** Runs a transaction again after a deadlock or serialization failure (another writer won). */
export async function withRetry<T>(run: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/** The NOTIFY channel, one per database schema so that schemas sharing a database stay apart. */
export function channelName(schema: string | undefined): string {
  return schema ? `dangan_changes_${schema}` : 'dangan_changes';
}
