import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerDoc, visitDoc } from '../../server/helpers/docs';
import { login, pushNew, type Doc } from '../../server/helpers/harness';
import { startClient, type TestClient } from './support/client';
import { NetworkProxy } from './support/proxy';
import { startHttpServer, type HttpTestServer } from './support/server';

const COLLECTIONS = ['customers', 'visits'] as const;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const isPull = (req: IncomingMessage, collection: string) => !!req.url?.startsWith(`/api/sync/${collection}/pull`);

describe("customers' first turn on a fresh laptop", () => {
  let server: HttpTestServer;
  let customers: Doc[] = [];
  let visits: Doc[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dangan-first-turn-'));

  beforeAll(async () => {
    server = await startHttpServer({ dataDir });
    await server.addUser('boss', 'manager', 't1');
    await server.addUser('rep1', 'rep', 't1');
    const boss = await login(server.t, 'boss');
    const rep = await login(server.t, 'rep1');
    customers = Array.from({ length: 3000 }, () => customerDoc(rep.userId, 't1'));
    for (let i = 0; i < customers.length; i += 500) await pushNew(server.t, boss, 'customers', customers.slice(i, i + 500));
    visits = customers.slice(0, 300).map((c) => visitDoc(c.id, rep.userId, 't1'));
    await pushNew(server.t, boss, 'visits', visits);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the other collections waiting while customers make progress, longer than the stall window and across going offline', async () => {
    const proxy = new NetworkProxy(server.url);
    await proxy.start();
    let client: TestClient | null = null;
    // Customers stored when each visits pull reached the server.
    const customersAtVisitPulls: number[] = [];
    proxy.hooks = {
      // Every page of customers takes a while (a slow network): their first round (12 pages)
      // lasts longer than the stall window, but a page arrives well within it each time.
      delay: (req) => {
        if (isPull(req, 'customers')) return sleep(600);
        if (isPull(req, 'visits'))
          return (async () => {
            customersAtVisitPulls.push(client ? await client.db.collections.customers.count().exec().catch(() => -1) : -1);
          })();
        return undefined;
      },
    };
    client = await startClient({
      serverUrl: proxy.url,
      username: 'rep1',
      name: 'turn-progress',
      collections: [...COLLECTIONS],
      firstTurnStallMs: 4_000,
    });
    try {
      // Offline halfway through the customers: coming back, they still have the worker alone.
      await client.waitFor((s) => s.received >= 1000, 30_000);
      proxy.cut();
      await client.waitFor((s) => s.phase === 'offline');
      proxy.restore();
      client.engine.syncNow();
      await client.waitFor((s) => s.phase === 'online' && s.lastSyncAt !== null, 100_000);
      expect(await client.db.collections.customers.count().exec()).toBe(customers.length);
      expect(await client.db.collections.visits.count().exec()).toBe(visits.length);
      expect(customersAtVisitPulls.length).toBeGreaterThan(0);
      expect(customersAtVisitPulls.filter((n) => n !== customers.length)).toEqual([]);
    } finally {
      await client.close();
      await proxy.close();
    }
  }, 120_000);

  it('lets the other collections start when customers make no progress', async () => {
    const proxy = new NetworkProxy(server.url);
    await proxy.start();
    // The server never answers a customers pull.
    proxy.hooks = { onRequest: (req) => (isPull(req, 'customers') ? 'holdResponse' : 'forward') };
    const client = await startClient({
      serverUrl: proxy.url,
      username: 'rep1',
      name: 'turn-stalled',
      collections: [...COLLECTIONS],
      firstTurnStallMs: 500,
    });
    try {
      await expect.poll(() => client.db.collections.visits.count().exec(), { timeout: 20_000 }).toBe(visits.length);
      expect(await client.db.collections.customers.count().exec()).toBe(0);
    } finally {
      await client.close();
      await proxy.close();
    }
  });
});
