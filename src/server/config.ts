import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The project folder: `data/server` lives under it unless DANGAN_DATA_DIR says otherwise. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerConfig {
  host: string;
  port: number;
  /** PGlite's files (`<dataDir>/pglite`) and, by default, blobs (`<dataDir>/blobs`). */
  dataDir: string;
  /** Set: PostgreSQL at this URL instead of the embedded PGlite. */
  databaseUrl?: string;
  databaseSchema?: string;
  /** PGlite in memory (tests). */
  inMemory: boolean;
  blobDir: string;
  adminPassword?: string;
  tokenTtlMs: number;
  pushBodyLimit: number;
  pushMaxRows: number;
  pullMaxLimit: number;
  blobMaxBytes: number;
  loginWindowMs: number;
  loginMaxPerUser: number;
  loginMaxPerAddress: number;
  /** log2 of scrypt's N for new password hashes (stored hashes keep their own). */
  scryptCost: number;
  poolSize: number;
  /** Push transactions per collection running at once in this instance; the rest queue. */
  pushConcurrency: number;
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Comment line on idle streams, so proxies keep them open and dead peers are noticed. */
  heartbeatMs: number;
  /** How often the embedded database is vacuumed and analyzed (PostgreSQL does it itself). */
  maintenanceMs: number;
  /** PEM files: set both to serve HTTPS directly instead of behind a TLS proxy. */
  tlsCertFile?: string;
  tlsKeyFile?: string;
}

const MB = 1024 * 1024;
const DAY = 24 * 60 * 60 * 1000;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  DANGAN_HOST: z.string().min(1).default('127.0.0.1'),
  DANGAN_PORT: int(0, 65535).default(8787),
  DANGAN_DATA_DIR: z.string().min(1).optional(),
  DANGAN_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DANGAN_DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _')
    .optional(),
  DANGAN_BLOB_DIR: z.string().min(1).optional(),
  DANGAN_ADMIN_PASSWORD: z.string().min(8, 'at least 8 characters').max(1024).optional(),
  DANGAN_TOKEN_TTL_DAYS: int(1, 3650).default(30),
  DANGAN_PUSH_BODY_LIMIT_MB: int(1, 1024).default(16),
  DANGAN_PUSH_MAX_ROWS: int(1, 100_000).default(1000),
  DANGAN_PULL_MAX_LIMIT: int(1, 100_000).default(5000),
  DANGAN_BLOB_MAX_MB: int(1, 100_000).default(100),
  DANGAN_LOGIN_WINDOW_MINUTES: int(1, 24 * 60).default(15),
  DANGAN_LOGIN_MAX_PER_USER: int(1, 10_000).default(5),
  DANGAN_LOGIN_MAX_PER_ADDRESS: int(1, 100_000).default(50),
  DANGAN_SCRYPT_COST: int(10, 20).default(17),
  DANGAN_PG_POOL_SIZE: int(1, 1000).default(20),
  DANGAN_PUSH_CONCURRENCY: int(1, 1000).default(4),
  DANGAN_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('false'),
  DANGAN_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  DANGAN_HEARTBEAT_SECONDS: int(1, 3600).default(20),
  DANGAN_PGLITE_VACUUM_MINUTES: int(1, 7 * 24 * 60).default(30),
  DANGAN_TLS_CERT_FILE: z.string().min(1).optional(),
  DANGAN_TLS_KEY_FILE: z.string().min(1).optional(),
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment; a bad value stops the server with the variable's name. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('DANGAN_') && v !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if ((e.DANGAN_TLS_CERT_FILE === undefined) !== (e.DANGAN_TLS_KEY_FILE === undefined)) {
    throw new ConfigError(
      'invalid configuration:\n  DANGAN_TLS_CERT_FILE and DANGAN_TLS_KEY_FILE go together',
    );
  }
  const dataDir = path.resolve(e.DANGAN_DATA_DIR ?? path.join(PROJECT_ROOT, 'data', 'server'));
  return {
    host: e.DANGAN_HOST,
    port: e.DANGAN_PORT,
    dataDir,
    databaseUrl: e.DANGAN_DATABASE_URL,
    databaseSchema: e.DANGAN_DATABASE_SCHEMA,
    inMemory: false,
    blobDir: path.resolve(e.DANGAN_BLOB_DIR ?? path.join(dataDir, 'blobs')),
    adminPassword: e.DANGAN_ADMIN_PASSWORD,
    tokenTtlMs: e.DANGAN_TOKEN_TTL_DAYS * DAY,
    pushBodyLimit: e.DANGAN_PUSH_BODY_LIMIT_MB * MB,
    pushMaxRows: e.DANGAN_PUSH_MAX_ROWS,
    pullMaxLimit: e.DANGAN_PULL_MAX_LIMIT,
    blobMaxBytes: e.DANGAN_BLOB_MAX_MB * MB,
    loginWindowMs: e.DANGAN_LOGIN_WINDOW_MINUTES * 60_000,
    loginMaxPerUser: e.DANGAN_LOGIN_MAX_PER_USER,
    loginMaxPerAddress: e.DANGAN_LOGIN_MAX_PER_ADDRESS,
    scryptCost: e.DANGAN_SCRYPT_COST,
    poolSize: e.DANGAN_PG_POOL_SIZE,
    pushConcurrency: e.DANGAN_PUSH_CONCURRENCY,
    trustProxy: e.DANGAN_TRUST_PROXY === '1' || e.DANGAN_TRUST_PROXY === 'true',
    logLevel: e.DANGAN_LOG_LEVEL,
    heartbeatMs: e.DANGAN_HEARTBEAT_SECONDS * 1000,
    maintenanceMs: e.DANGAN_PGLITE_VACUUM_MINUTES * 60_000,
    tlsCertFile: e.DANGAN_TLS_CERT_FILE,
    tlsKeyFile: e.DANGAN_TLS_KEY_FILE,
  };
}
