import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../../src/shared/users';
import type { LoginResponse, Rejection, SyncCheckpoint } from '../../../src/shared/sync/protocol';
import { configFromEnv, type ServerConfig } from '../../../src/server/config';
import { createServer, type DanganServer } from '../../../src/server/server';
import { createUser } from '../../../src/server/auth/users';
import { dropSchema, freshSchemaName, type Backend } from './backends';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestServer {
  server: DanganServer;
  config: ServerConfig;
  backend: Backend;
  /** Closes the server; drops the schema and temporary folders unless `keep`. */
  close(options?: { keep?: boolean }): Promise<void>;
}

export interface TestServerOptions {
  /** Reuse a PostgreSQL schema (a second instance on the same database). */
  schema?: string;
  /** PGlite on disk in this folder instead of memory (restart tests). */
  dataDir?: string;
  config?: Partial<ServerConfig>;
}

export function testConfig(backend: Backend, options: TestServerOptions = {}): ServerConfig {
  const base = configFromEnv({});
  const scratch = mkdtempSync(path.join(tmpdir(), 'dangan-server-test-'));
  return {
    ...base,
    port: 0,
    dataDir: options.dataDir ?? scratch,
    inMemory: backend.name === 'pglite' && !options.dataDir,
    databaseUrl: backend.url,
    databaseSchema: backend.url ? (options.schema ?? freshSchemaName()) : undefined,
    blobDir: path.join(options.dataDir ?? scratch, 'blobs'),
    adminPassword: 'admin password for tests',
    // Cheap hashes keep tests fast; the code path is the one production runs.
    scryptCost: 10,
    logLevel: 'silent',
    poolSize: 10,
    ...options.config,
  };
}

export async function startTestServer(
  backend: Backend,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const config = testConfig(backend, options);
  const server = await createServer(config);
  return {
    server,
    config,
    backend,
    async close({ keep = false } = {}) {
      await server.close();
      if (keep) return;
      if (backend.url && config.databaseSchema && !options.schema)
        await dropSchema(backend.url, config.databaseSchema);
      if (!options.dataDir) rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  token: string;
  userId: string;
  username: string;
  deviceId: string;
}

let deviceCounter = 0;

export function newDeviceId(): string {
  deviceCounter += 1;
  return `device-${process.pid}-${deviceCounter}-${Date.now().toString(36)}`;
}

export async function login(
  t: TestServer,
  username: string,
  password = TEST_PASSWORD,
  deviceId = newDeviceId(),
): Promise<Session> {
  const response = await t.server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password, deviceId, deviceName: 'test laptop' },
  });
  if (response.statusCode !== 200)
    throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  const body = response.json<LoginResponse>();
  return { token: body.token, userId: body.user.id, username, deviceId };
}

export async function addUser(
  t: TestServer,
  username: string,
  role: Role,
  teamId = '',
): Promise<Session> {
  await createUser(
    t.server.db,
    { username, role, teamId, password: TEST_PASSWORD },
    t.config.scryptCost,
  );
  return login(t, username);
}

export function auth(session: Session): Record<string, string> {
  return { authorization: `Bearer ${session.token}` };
}

export async function pullRaw(
  t: TestServer,
  session: Session,
  collection: string,
  checkpoint?: SyncCheckpoint,
  limit = 100,
): Promise<LightMyRequestResponse> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
  return t.server.app.inject({
    method: 'GET',
    url: `/api/sync/${collection}/pull?${query}`,
    headers: auth(session),
  });
}

export type Doc = Record<string, unknown> & {
  id: string;
  _deleted?: boolean;
  _rejected?: Rejection;
};

export interface PullResult {
  documents: Doc[];
  checkpoint: SyncCheckpoint;
}

export async function pull(
  t: TestServer,
  session: Session,
  collection: string,
  checkpoint?: SyncCheckpoint,
  limit = 100,
): Promise<PullResult> {
  const response = await pullRaw(t, session, collection, checkpoint, limit);
  if (response.statusCode !== 200)
    throw new Error(`pull ${collection}: ${response.statusCode} ${response.body}`);
  return response.json<PullResult>();
}

/** Pulls until the server has nothing more; returns every document received and the end checkpoint. */
export async function pullAll(
  t: TestServer,
  session: Session,
  collection: string,
  checkpoint?: SyncCheckpoint,
  limit = 100,
): Promise<PullResult> {
  const documents: Doc[] = [];
  let cp = checkpoint;
  for (;;) {
    const page = await pull(t, session, collection, cp, limit);
    documents.push(...page.documents);
    cp = page.checkpoint;
    if (page.documents.length === 0) return { documents, checkpoint: page.checkpoint };
  }
}

export interface PushRowInput {
  assumedMasterState?: Doc | null;
  newDocumentState: Doc;
}

export async function pushRaw(
  t: TestServer,
  session: Session,
  collection: string,
  rows: unknown,
): Promise<LightMyRequestResponse> {
  return t.server.app.inject({
    method: 'POST',
    url: `/api/sync/${collection}/push`,
    headers: auth(session),
    payload: rows as object,
  });
}

export async function push(
  t: TestServer,
  session: Session,
  collection: string,
  rows: PushRowInput[],
): Promise<Doc[]> {
  const response = await pushRaw(t, session, collection, rows);
  if (response.statusCode !== 200)
    throw new Error(`push ${collection}: ${response.statusCode} ${response.body}`);
  return response.json<Doc[]>();
}

/** Pushes documents new to the client (no assumed master). */
export function pushNew(
  t: TestServer,
  session: Session,
  collection: string,
  docs: Doc[],
): Promise<Doc[]> {
  return push(
    t,
    session,
    collection,
    docs.map((d) => ({ newDocumentState: { ...d, _deleted: d._deleted ?? false } })),
  );
}

/** A state as the server stores it, for use as an assumed master state. */
export function asMaster(doc: Doc): Doc {
  return { ...doc, _deleted: doc._deleted ?? false };
}
