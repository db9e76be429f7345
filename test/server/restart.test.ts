import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryEntry, LoginResponse } from '../../src/shared/sync/protocol';
import { BACKENDS, dropSchema, freshSchemaName } from './helpers/backends';
import { exited, startChildServer, type ChildServer } from './helpers/child';
import { customerDoc } from './helpers/docs';
import type { Doc } from './helpers/harness';

const ADMIN_PASSWORD = 'restart test password';
const PUSHES = 12;
const DOCS_PER_PUSH = 20;

interface Client {
  url: string;
  token: string;
}

async function signIn(server: ChildServer): Promise<Client> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: 'admin',
      password: ADMIN_PASSWORD,
      deviceId: 'restart-test-device',
      deviceName: 'test',
    }),
  });
  expect(response.status).toBe(200);
  return { url: server.url, token: ((await response.json()) as LoginResponse).token };
}

function pushRows(client: Client, docs: Doc[]): Promise<Response> {
  return fetch(`${client.url}/api/sync/customers/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}` },
    body: JSON.stringify(docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } }))),
  });
}

async function pullEverything(client: Client): Promise<Map<string, Doc>> {
  const docs = new Map<string, Doc>();
  let checkpoint: unknown;
  for (;;) {
    const query = new URLSearchParams({
      limit: '500',
      ...(checkpoint ? { checkpoint: JSON.stringify(checkpoint) } : {}),
    });
    const response = await fetch(`${client.url}/api/sync/customers/pull?${query}`, {
      headers: { authorization: `Bearer ${client.token}` },
    });
    const page = (await response.json()) as { documents: Doc[]; checkpoint: unknown };
    for (const doc of page.documents) docs.set(doc.id, doc);
    checkpoint = page.checkpoint;
    if (page.documents.length === 0) return docs;
  }
}

async function historyOf(client: Client, id: string): Promise<HistoryEntry[]> {
  const response = await fetch(`${client.url}/api/history/customers/${id}`, {
    headers: { authorization: `Bearer ${client.token}` },
  });
  if (response.status === 404) return [];
  return ((await response.json()) as { entries: HistoryEntry[] }).entries;
}

/**
 * The server process is killed outright (SIGKILL, no shutdown) while pushes are in flight, then
 * started again on the same database. Every document must be either wholly there, with its
 * audit entry, or not at all; every push the server acknowledged must have survived; and a
 * client retrying everything it was not sure of must converge without conflicts.
 */
describe.each(BACKENDS)('a server killed in the middle of pushes on $name', (backend) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dangan-restart-'));
  const schema = freshSchemaName();
  const env: Record<string, string> = {
    DANGAN_DATA_DIR: dataDir,
    DANGAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
    DANGAN_SCRYPT_COST: '10',
    ...(backend.url ? { DANGAN_DATABASE_URL: backend.url, DANGAN_DATABASE_SCHEMA: schema } : {}),
  };
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (backend.url) await dropSchema(backend.url, schema);
  });

  it('loses no acknowledged write, keeps no half write, and converges on retry', async () => {
    const sent = new Map<string, Doc>();
    const acknowledged = new Set<string>();
    for (let round = 0; round < 2; round++) {
      const server = await startChildServer(env);
      const client = await signIn(server);
      const batches = Array.from({ length: PUSHES }, () =>
        Array.from({ length: DOCS_PER_PUSH }, () =>
          customerDoc('rep', 'team', { note: '档'.repeat(3000) }),
        ),
      );
      for (const doc of batches.flat()) sent.set(doc.id, doc);
      const inFlight = batches.map(async (batch) => {
        const response = await pushRows(client, batch).catch(() => undefined);
        if (
          response?.status === 200 &&
          ((await response.json().catch(() => null)) as unknown[] | null)?.length === 0
        ) {
          for (const doc of batch) acknowledged.add(doc.id);
        }
      });
      // Kill once the first push was answered: others are still being written.
      await Promise.race(inFlight);
      server.process.kill('SIGKILL');
      await exited(server.process);
      await Promise.allSettled(inFlight);
    }

    const server = await startChildServer(env);
    try {
      const client = await signIn(server);
      const stored = await pullEverything(client);
      for (const id of acknowledged) expect(stored.has(id)).toBe(true);
      expect(acknowledged.size).toBeGreaterThan(0);
      expect(acknowledged.size).toBeLessThan(sent.size);
      for (const [id, doc] of stored) {
        expect(doc).toEqual({ ...sent.get(id), _deleted: false });
        const history = await historyOf(client, id);
        expect(history).toHaveLength(1);
        expect(history[0]?.after).toEqual(doc);
      }

      // The laptop retries every document it has no acknowledgement for.
      const unsure = [...sent.values()].filter((d) => !acknowledged.has(d.id));
      for (let i = 0; i < unsure.length; i += 100) {
        const response = await pushRows(client, unsure.slice(i, i + 100));
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual([]);
      }
      const final = await pullEverything(client);
      expect(final.size).toBe(sent.size);
      for (const [id, doc] of sent) expect(final.get(id)).toEqual({ ...doc, _deleted: false });
    } finally {
      server.process.kill('SIGTERM');
      await exited(server.process);
    }
  }, 180_000);
});
