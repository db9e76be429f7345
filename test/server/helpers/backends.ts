import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Every database-touching suite runs on PGlite always and on PostgreSQL when
 * DANGAN_TEST_DATABASE_URL is set (`.ci/run` starts a throwaway cluster; locally:
 * `export DANGAN_TEST_DATABASE_URL=$(scripts/pg-test-cluster.sh start | tail -n 1)`).
 * On PostgreSQL each server gets a fresh schema, dropped afterwards, so runs never collide.
 */
export interface Backend {
  name: 'pglite' | 'postgres';
  url?: string;
}

export const POSTGRES_URL = process.env['DANGAN_TEST_DATABASE_URL'] || undefined;

export const BACKENDS: Backend[] = [
  { name: 'pglite' },
  ...(POSTGRES_URL ? [{ name: 'postgres' as const, url: POSTGRES_URL }] : []),
];

export function freshSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
