import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReplicatedCollection } from '../../../src/shared/schema';
import { jsonEqual } from '../../../src/shared/access/equal';
import { documentsEqual } from '../../../src/shared/sync/merge';
import type { HistoryEntry } from '../../../src/shared/sync/protocol';
import { login, pullAll, type Doc } from '../../server/helpers/harness';
import { Laptop } from './convergence/laptop';
import { newExpectations, nextOp, prng, type Expectations, type World } from './convergence/model';
import { NetworkProxy } from './support/proxy';
import { startHttpServer, TEST_PASSWORD, type HttpTestServer } from './support/server';

/**
 * Several laptops, each its own process on durable storage, edit the same team's records
 * while their networks come and go; one is killed in the middle of a push, the server is
 * restarted, one laptop's clock is days ahead, one only polls (it cannot lose a stream event,
 * so it would disagree with the others if the live stream dropped a change). After the
 * network heals: every laptop holds exactly what the server holds for its user, no record or
 * entry is duplicated, and every value typed is on the server, in its history, or in the
 * typing laptop's inbox.
 *
 * DANGAN_CONVERGENCE_ROUNDS (default 3) and DANGAN_CONVERGENCE_SEED set the run; CI runs the
 * default, a longer soak sets more rounds.
 */
const ROUNDS = Number(process.env['DANGAN_CONVERGENCE_ROUNDS'] ?? 3);
const SEED = Number(process.env['DANGAN_CONVERGENCE_SEED'] ?? 20260601);
const STEPS = 24;
const COLLECTIONS: ReplicatedCollection[] = ['customers', 'cases', 'visits'];
const DAY = 86_400_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 90_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < end) {
    try {
      const value = await probe();
      if (value !== null) return value;
    } catch (error) {
      last = error;
    }
    await sleep(300);
  }
  throw new Error(`${what} did not happen in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}

describe('convergence of several laptops', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'dangan-converge-'));
  let server: HttpTestServer;
  const laptops: Laptop[] = [];

  afterAll(async () => {
    await Promise.all(laptops.map((l) => l.stop()));
    for (const l of laptops) await l.proxy.close();
    await server?.close();
    if (!process.env['DANGAN_SYNC_TRACE']) rmSync(root, { recursive: true, force: true });
  });

  async function startLaptop(name: string, username: string, extra: { clockOffsetMs?: number; pollIntervalMs?: number } = {}) {
    const proxy = new NetworkProxy(server.url);
    await proxy.start();
    const laptop = new Laptop(
      name,
      {
        dir: path.join(root, name),
        serverUrl: proxy.url,
        username,
        password: TEST_PASSWORD,
        seed: SEED,
        collections: COLLECTIONS,
        clockOffsetMs: extra.clockOffsetMs ?? 0,
        ...(extra.pollIntervalMs ? { pollIntervalMs: extra.pollIntervalMs } : {}),
      },
      proxy,
    );
    await laptop.start();
    laptops.push(laptop);
    return laptop;
  }

  /** Kills `laptop` the moment a push of its has been committed by the server, then restarts it. */
  async function killMidPush(laptop: Laptop, world: World, expectations: Expectations, repIds: string[]) {
    let killed!: () => void;
    const done = new Promise<void>((resolve) => (killed = resolve));
    laptop.proxy.hooks = {
      onRequest: (req) => (req.method === 'POST' && req.url?.includes('/push') ? 'holdResponse' : 'forward'),
      onHeld: () => {
        laptop.proxy.hooks = {};
        void laptop.kill().then(killed);
      },
    };
    laptop.proxy.restore();
    // Edits until one is on its way up (the push is held, the laptop dies waiting for it).
    for (let i = 0; i < 20 && laptop.proxy.hooks.onHeld; i++) {
      const planned = nextOp(world, { name: laptop.name, userId: laptop.userId, isRep: true }, repIds);
      if (await laptop.apply(planned.op).catch(() => false)) planned.expect?.(expectations, laptop.name);
      await Promise.race([done, sleep(300)]);
    }
    await done;
    await laptop.start();
  }

  async function serverDocs(username: string, collection: ReplicatedCollection): Promise<Doc[]> {
    const session = await login(server.t, username);
    return (await pullAll(server.t, session, collection, undefined, 1000)).documents.filter((d) => !d._deleted);
  }

  async function history(collection: string, id: string): Promise<HistoryEntry[]> {
    const boss = await login(server.t, 'boss');
    const response = await server.t.server.app.inject({
      method: 'GET',
      url: `/api/history/${collection}/${encodeURIComponent(id)}`,
      headers: { authorization: `Bearer ${boss.token}` },
    });
    return response.statusCode === 200 ? response.json<{ entries: HistoryEntry[] }>().entries : [];
  }

  /** Every laptop has exactly the server's documents for its user (retried while they settle). */
  async function converged(usernames: Map<Laptop, string>) {
    for (const laptop of laptops) await laptop.syncNow().catch(() => undefined);
    let reason = '';
    const not = (why: string) => {
      reason = why;
      return null;
    };
    return until('every laptop equal to the server', async () => {
      for (const laptop of laptops) {
        const { status, pending } = await laptop.status();
        if (status?.phase !== 'online') return not(`${laptop.name} is ${JSON.stringify(status)}`);
        if (Object.keys(pending).length > 0) return not(`${laptop.name} has pending ${JSON.stringify(pending)}`);
        const dump = await laptop.dump();
        for (const collection of COLLECTIONS) {
          const truth = await serverDocs(usernames.get(laptop)!, collection);
          const mine = (dump.docs[collection] ?? []).filter((d) => d['_deleted'] !== true);
          const byId = new Map(mine.map((d) => [d['id'] as string, d]));
          for (const doc of truth) {
            const local = byId.get(doc.id);
            if (!local) return not(`${laptop.name} lacks ${collection}/${doc.id}`);
            if (!documentsEqual(local, { ...doc, _deleted: false })) {
              const seq = await server.t.server.db.query('SELECT seq FROM docs WHERE collection = $1 AND id = $2', [collection, doc.id]);
              return not(`checkpoints ${JSON.stringify(await laptop.checkpoints())}, server seq ${JSON.stringify(seq)}; ` +`${laptop.name} differs on ${collection}/${doc.id}: ${JSON.stringify(local)} vs ${JSON.stringify(doc)}`);
            }
          }
          if (mine.length !== truth.length) return not(`${laptop.name} has ${mine.length} ${collection}, the server ${truth.length}`);
        }
      }
      return true;
    }, 120_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; last: ${reason.slice(0, 2000)}`);
    });
  }

  it(`converges after ${ROUNDS} seeded rounds of offline edits, a kill mid-push and a server restart`, { timeout: 900_000 }, async () => {
    const dataDir = path.join(root, 'server');
    server = await startHttpServer({ dataDir });
    await server.addUser('boss', 'manager', 't1');
    await server.addUser('rep1', 'rep', 't1');
    await server.addUser('rep2', 'rep', 't1');
    await server.addUser('rep3', 'rep', 't1');
    const usernames = new Map<Laptop, string>();
    const rep1 = await startLaptop('rep1', 'rep1');
    const rep2 = await startLaptop('rep2', 'rep2');
    const boss = await startLaptop('boss', 'boss', { clockOffsetMs: 3 * DAY });
    const watcher = await startLaptop('rep3', 'rep3', { pollIntervalMs: 400 });
    for (const [l, u] of [[rep1, 'rep1'], [rep2, 'rep2'], [boss, 'boss'], [watcher, 'rep3']] as const) usernames.set(l, u);
    const editors = [rep1, rep2, boss];
    const repIds = [rep1.userId, rep2.userId, watcher.userId];
    const world: World = { random: prng(SEED), customers: [], cases: [], counter: 0 };
    const expectations = newExpectations();

    for (let round = 0; round < ROUNDS; round++) {
      for (let step = 0; step < STEPS; step++) {
        const laptop = editors[Math.floor(world.random() * editors.length)]!;
        if (world.random() < 0.25) {
          const target = laptops[Math.floor(world.random() * laptops.length)]!;
          if (target.proxy.isOnline) target.proxy.cut();
          else target.proxy.restore();
        }
        if (step === 8) await killMidPush(editors[round % 2]!, world, expectations, repIds);
        if (step === 16) {
          const port = server.port;
          await server.close({ keep: true });
          await sleep(500);
          server = await startHttpServer({ dataDir, port });
        }
        const planned = nextOp(world, { name: laptop.name, userId: laptop.userId, isRep: laptop !== boss }, repIds);
        if (await laptop.apply(planned.op)) planned.expect?.(expectations, laptop.name);
        await sleep(world.random() * 250);
      }

      for (const laptop of laptops) laptop.proxy.restore();
      await converged(usernames);
      await checkNothingLost(expectations);
    }
    expect(rep1.restarts + rep2.restarts).toBe(ROUNDS);
  });

  async function checkNothingLost(expectations: Expectations) {
    const final = new Map<string, Doc>();
    for (const collection of COLLECTIONS) for (const doc of await serverDocs('boss', collection)) final.set(`${collection}/${doc.id}`, doc);
    const inboxes = new Map<string, Awaited<ReturnType<Laptop['dump']>>>();
    for (const laptop of laptops) inboxes.set(laptop.name, await laptop.dump());

    const lost: string[] = [];
    for (const t of expectations.typed.values()) {
      const doc = final.get(`${t.collection}/${t.id}`);
      if (doc && jsonEqual(doc[t.field], t.value)) continue;
      const dump = inboxes.get(t.laptop)!;
      if (dump.conflicts.some((c) => c['documentId'] === t.id && c['field'] === t.field && jsonEqual(c['local'], t.value))) continue;
      if (dump.rejected.some((r) => r['documentId'] === t.id && jsonEqual((r['attempted'] as Doc)[t.field], t.value))) continue;
      if ((await history(t.collection, t.id)).some((h) => jsonEqual(h.after[t.field], t.value))) continue;
      lost.push(`${t.laptop} typed ${t.collection}/${t.id}.${t.field} = ${JSON.stringify(t.value)}`);
    }
    for (const e of expectations.entries) {
      const doc = final.get(`${e.collection}/${e.id}`);
      const entries = (doc?.[e.field] as { id: string }[] | undefined) ?? [];
      if (!entries.some((x) => x.id === e.entryId)) lost.push(`${e.collection}/${e.id}.${e.field} lost entry ${e.entryId}`);
    }
    for (const { id, tag } of expectations.tags) {
      if (!((final.get(`customers/${id}`)?.['tags'] as string[] | undefined) ?? []).includes(tag)) lost.push(`customers/${id} lost tag ${tag}`);
    }
    for (const { laptop, id } of expectations.refused) {
      if (!inboxes.get(laptop)!.rejected.some((r) => r['documentId'] === id)) lost.push(`${laptop}: refusal of customers/${id} not shown`);
    }
    expect(lost).toEqual([]);

    const codes = [...final.values()].map((d) => d['code']).filter((c) => c !== undefined);
    expect(new Set(codes).size).toBe(codes.length);
    for (const doc of final.values()) {
      for (const field of ['contacts', 'timeline']) {
        const ids = ((doc[field] as { id: string }[] | undefined) ?? []).map((e) => e.id);
        expect(new Set(ids).size, `${field} of ${doc.id}`).toBe(ids.length);
      }
    }
  }
});
