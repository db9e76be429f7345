import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getChangedDocumentsSince, getLastCheckpointDoc, type RxStorage, type RxStorageInstance } from 'rxdb';
import { setDeviceRevoked } from '../../../src/server/auth/tokens';
import type { ConflictEntryData, RejectedEntryData } from '../../../src/shared/sync/inbox';
import { customerDoc } from '../../server/helpers/docs';
import { asMaster, login, pullAll, push, pushNew, type Doc } from '../../server/helpers/harness';
import { startClient, testStorage } from './support/client';
import { NetworkProxy } from './support/proxy';
import { startHttpServer, type HttpTestServer } from './support/server';

const CUSTOMERS = ['customers'] as const;

describe('the sync engine against the real server', () => {
  let server: HttpTestServer;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dangan-engine-'));

  beforeAll(async () => {
    server = await startHttpServer({ dataDir });
    await server.addUser('boss', 'manager', 't1');
    await server.addUser('rep1', 'rep', 't1');
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function seed(count: number, overrides: Partial<Doc> = {}): Promise<Doc[]> {
    const boss = await login(server.t, 'boss');
    const rep = await login(server.t, 'rep1');
    const docs = Array.from({ length: count }, () => customerDoc(rep.userId, 't1', overrides));
    for (let i = 0; i < docs.length; i += 500) await pushNew(server.t, boss, 'customers', docs.slice(i, i + 500));
    return docs;
  }

  async function serverDoc(id: string): Promise<Doc> {
    const rep = await login(server.t, 'rep1');
    const all = await pullAll(server.t, rep, 'customers', undefined, 1000);
    const doc = all.documents.find((d) => d.id === id);
    if (!doc) throw new Error(`no ${id} on the server`);
    return doc;
  }

  it('pulls what the server holds, sends local edits, and keeps sensitive fields encrypted at rest only', async () => {
    const [first] = await seed(300);
    const memory = getRxStorageMemory();
    const client = await startClient({
      serverUrl: server.url,
      username: 'rep1',
      name: 'atrest',
      collections: [...CUSTOMERS],
      storage: testStorage(memory as RxStorage<unknown, unknown>),
    });
    try {
      await client.waitFor((s) => s.phase === 'online' && s.lastSyncAt !== null);
      expect(await client.db.collections.customers.count().exec()).toBeGreaterThanOrEqual(300);

      const doc = await client.db.collections.customers.findOne(first!.id).exec();
      await doc!.incrementalPatch({ note: '客户要求周三上午拜访' });
      await client.waitFor((s) => s.phase === 'online' && !s.pending.customers);
      await expect.poll(async () => (await serverDoc(first!.id))['note']).toBe('客户要求周三上午拜访');

      // On the laptop the phone number is ciphertext; the server received it in plain text.
      const raw = [...memory.collectionStates.entries()].find(([key]) => key === 'atrest--memory--customers--memory--0')![1];
      const stored = raw.documents.get(first!.id) as Record<string, unknown>;
      expect(typeof stored['contacts']).toBe('string');
      expect(String(stored['contacts'])).not.toContain('13800000000');
      expect(stored['name']).toBe(first!['name']);
      const onServer = await serverDoc(first!.id);
      expect((onServer['contacts'] as { mobile: string }[])[0]!.mobile).toBe('13800000000');
    } finally {
      await client.close();
    }
  });

  it('counts nothing as waiting to go up after pulling new documents that arrive out of id order', async () => {
    // The server hands them out newest id first: RxDB's upstream checkpoint after storing the
    // batch is its last row, so the others sit past it, and pulled inserts carry no origin mark.
    const boss = await login(server.t, 'boss');
    const rep = await login(server.t, 'rep1');
    const docs = Array.from({ length: 5 }, () => customerDoc(rep.userId, 't1', { note: 'out of order' }));
    docs.sort((a, b) => (a.id < b.id ? 1 : -1));
    for (const doc of docs) await pushNew(server.t, boss, 'customers', [doc]);
    const proxy = new NetworkProxy(server.url);
    await proxy.start();
    const client = await startClient({ serverUrl: proxy.url, username: 'rep1', name: 'order', collections: [...CUSTOMERS] });
    try {
      await client.waitFor((s) => s.phase === 'online' && s.lastSyncAt !== null);
      expect(await client.db.collections.customers.findByIds(docs.map((d) => d.id)).exec()).toHaveProperty('size', docs.length);
      expect(await client.engine.pendingCounts()).toEqual({});
      // Stored in id order, the pulled batch lies entirely behind the upstream checkpoint, so
      // resuming the upstream (reconnecting with edits) does not read it all again.
      const internal = client.engine.replicationStates[0]!.state.internalReplicationState!;
      await expect
        .poll(async () => {
          const checkpoint = await getLastCheckpointDoc(internal, 'up');
          return (await getChangedDocumentsSince(internal.input.forkInstance, 100, checkpoint)).documents.length;
        })
        .toBe(0);
      // A real local edit, made offline, still counts.
      proxy.cut();
      await client.waitFor((s) => s.phase === 'offline');
      const doc = await client.db.collections.customers.findOne(docs[0]!.id).exec();
      await doc!.incrementalPatch({ note: '离线改的' });
      await client.waitFor((s) => s.pending.customers === 1);
      expect(await client.engine.pendingCounts()).toEqual({ customers: 1 });
    } finally {
      await client.close();
      await proxy.close();
    }
  });

  it('merges fields changed on different sides and puts a field both changed in the inbox', async () => {
    const [a, b] = await seed(2);
    const storage = testStorage();
    let client = await startClient({ serverUrl: server.url, username: 'rep1', name: 'merge', collections: [...CUSTOMERS], storage });
    await client.waitFor((s) => s.phase === 'online' && s.lastSyncAt !== null);
    const { user, token } = client;
    await client.engine.stop();
    // offline on the laptop: two edits
    await (await client.db.collections.customers.findOne(a!.id).exec())!.incrementalPatch({ note: 'laptop note' });
    await (await client.db.collections.customers.findOne(b!.id).exec())!.incrementalPatch({ industry: 'laptop industry' });
    await client.db.close();
    // meanwhile on the server: another field of a, the same field of b
    const boss = await login(server.t, 'boss');
    const [serverA, serverB] = [await serverDoc(a!.id), await serverDoc(b!.id)];
    await push(server.t, boss, 'customers', [
      { assumedMasterState: asMaster(serverA), newDocumentState: asMaster({ ...serverA, region: 'north', updatedBy: 'boss' }) },
      { assumedMasterState: asMaster(serverB), newDocumentState: asMaster({ ...serverB, industry: 'server industry', updatedBy: 'boss' }) },
    ]);

    client = await startClient({ serverUrl: server.url, username: 'rep1', name: 'merge', collections: [...CUSTOMERS], storage, user, token });
    try {
      await client.waitFor((s) => s.phase === 'online' && !s.pending.customers);
      await expect.poll(async () => (await serverDoc(a!.id))['note']).toBe('laptop note');
      expect(await serverDoc(a!.id)).toMatchObject({ note: 'laptop note', region: 'north' });
      expect(await serverDoc(b!.id)).toMatchObject({ industry: 'server industry' });
      const localA = (await client.db.collections.customers.findOne(a!.id).exec())!.toJSON();
      expect(localA).toMatchObject({ note: 'laptop note', region: 'north' });

      const inbox = await client.db.collections.local.find({ selector: { kind: 'conflict', userId: user.id } }).exec();
      expect(inbox.map((d) => d.toJSON().data as ConflictEntryData)).toEqual([
        expect.objectContaining({ collection: 'customers', documentId: b!.id, field: 'industry', local: 'laptop industry', server: 'server industry' }),
      ]);
    } finally {
      await client.close();
    }
  });

  it('shows a refused write with its reason and converges to the server', async () => {
    const [doc] = await seed(1);
    const client = await startClient({ serverUrl: server.url, username: 'rep1', name: 'refused', collections: [...CUSTOMERS] });
    try {
      await client.waitFor((s) => s.phase === 'online' && s.lastSyncAt !== null);
      const local = await client.db.collections.customers.findOne(doc!.id).exec();
      // a rep may not reassign a customer (a filing field)
      await local!.incrementalPatch({ ownerId: 'someone-else' });
      await expect
        .poll(async () => (await client.db.collections.local.find({ selector: { kind: 'rejected', userId: client.user.id } }).exec()).length)
        .toBe(1);
      const [entry] = await client.db.collections.local.find({ selector: { kind: 'rejected', userId: client.user.id } }).exec();
      expect(entry!.toJSON().data as RejectedEntryData).toMatchObject({
        collection: 'customers',
        documentId: doc!.id,
        code: 'forbidden',
        attempted: expect.objectContaining({ ownerId: 'someone-else' }),
      });
      await expect.poll(async () => (await client.db.collections.customers.findOne(doc!.id).exec())!.ownerId).toBe(doc!['ownerId']);
      expect((await serverDoc(doc!.id))['ownerId']).toBe(doc!['ownerId']);
    } finally {
      await client.close();
    }
  });

  it('resumes an interrupted initial sync from its checkpoint', async () => {
    await seed(1500, { note: 'bulk' });
    const storage = testStorage();
    let client = await startClient({ serverUrl: server.url, username: 'rep1', name: 'resume', collections: [...CUSTOMERS], storage });
    await client.waitFor((s) => s.received >= 500);
    const { user, token } = client;
    await client.close();
    const kept = await (async () => {
      client = await startClient({ serverUrl: server.url, username: 'rep1', name: 'resume', collections: [...CUSTOMERS], storage, user, token });
      return client;
    })();
    try {
      const done = await kept.waitFor((s) => s.phase === 'online' && s.lastSyncAt !== null, 60_000);
      const total = (await pullAll(server.t, await login(server.t, 'rep1'), 'customers', undefined, 1000)).documents.length;
      expect(await kept.db.collections.customers.count().exec()).toBe(total);
      // the second start only fetched what the first had not stored yet
      const fetchedAgain = Math.max(...kept.statuses.map((s) => s.received), done.received);
      expect(fetchedAgain).toBeLessThanOrEqual(total - 500 + 250);
    } finally {
      await kept.close();
    }
  });

  it('is caught up only once the server said that is all, even when the network drops halfway', async () => {
    await seed(700, { note: 'halfway' });
    const total = (await pullAll(server.t, await login(server.t, 'rep1'), 'customers', undefined, 1000)).documents.length;
    const proxy = new NetworkProxy(server.url);
    await proxy.start();
    // The network drops as the second page of the first sync is asked for.
    let pulls = 0;
    proxy.hooks = {
      onRequest: (req) => {
        if (req.url?.startsWith('/api/sync/customers/pull') && ++pulls === 2) proxy.cut();
        return 'forward';
      },
    };
    const client = await startClient({ serverUrl: proxy.url, username: 'rep1', name: 'halfway', collections: [...CUSTOMERS] });
    try {
      await client.waitFor((s) => s.phase === 'offline');
      // RxDB ends the first round of a replication paused while offline: that is not "caught up".
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(client.statuses.some((s) => s.caughtUp.includes('customers'))).toBe(false);
      expect(await client.db.collections.customers.count().exec()).toBeLessThan(total);
      proxy.hooks = {};
      proxy.restore();
      client.engine.syncNow();
      await client.waitFor((s) => s.caughtUp.includes('customers'), 30_000);
      // Caught up means stored: everything is on the laptop at that moment.
      expect(await client.db.collections.customers.count().exec()).toBe(total);
    } finally {
      await client.close();
      await proxy.close();
    }
  });

  it('stops syncing and says why when the device is revoked, keeping local changes', async () => {
    const [doc] = await seed(1);
    const client = await startClient({ serverUrl: server.url, username: 'rep1', name: 'revoked', collections: [...CUSTOMERS] });
    try {
      await client.waitFor((s) => s.phase === 'online' && s.lastSyncAt !== null);
      expect(await setDeviceRevoked(server.t.server.db, client.deviceId, true)).toBe(true);
      await (await client.db.collections.customers.findOne(doc!.id).exec())!.incrementalPatch({ note: 'typed after revocation' });
      const stopped = await client.waitFor((s) => s.stoppedBy !== null);
      expect(stopped).toMatchObject({ phase: 'error', stoppedBy: 'deviceRevoked' });
      expect((await client.db.collections.customers.findOne(doc!.id).exec())!.note).toBe('typed after revocation');
      await setDeviceRevoked(server.t.server.db, client.deviceId, false);
    } finally {
      await client.close();
    }
  });

  it('sends offline edits as soon as it is told the network is back, before the live stream answers', async () => {
    const [doc] = await seed(1);
    const proxy = new NetworkProxy(server.url);
    await proxy.start();
    const client = await startClient({ serverUrl: proxy.url, username: 'rep1', name: 'backonline', collections: [...CUSTOMERS] });
    try {
      await client.waitFor((s) => s.phase === 'online' && s.lastSyncAt !== null);
      proxy.cut();
      await client.waitFor((s) => s.phase === 'offline');
      await (await client.db.collections.customers.findOne(doc!.id).exec())!.incrementalPatch({ note: 'typed on the train' });
      // Back on a network whose live stream never answers: only the "online" hint can resume.
      proxy.hooks = { onRequest: (req) => (req.url?.includes('/stream') ? 'holdResponse' : 'forward') };
      proxy.restore();
      client.engine.syncNow();
      await expect.poll(async () => (await serverDoc(doc!.id))['note'], { timeout: 10_000 }).toBe('typed on the train');
    } finally {
      await client.close();
      await proxy.close();
    }
  });

  it('reads ahead, while offline, the server states that the push of the offline edits needs', async () => {
    const docs = await seed(30);
    // Memory storage that records which replication states (meta documents) are read by id.
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
    const metaReads: string[] = [];
    const metaInstances: RxStorageInstance<unknown, unknown, unknown>[] = [];
    const counting: RxStorage<unknown, unknown> = {
      ...memory,
      async createStorageInstance(params) {
        const instance = await memory.createStorageInstance(params);
        if (params.collectionName.startsWith('rx-replication-meta-')) {
          // The same object that the read-ahead then wraps (chunked-storage.ts).
          metaInstances.push(instance as RxStorageInstance<unknown, unknown, unknown>);
          const find = instance.findDocumentsById.bind(instance);
          instance.findDocumentsById = (ids, withDeleted) => {
            metaReads.push(...ids);
            return find(ids, withDeleted);
          };
        }
        return instance;
      },
    };
    const proxy = new NetworkProxy(server.url);
    await proxy.start();
    const client = await startClient({
      serverUrl: proxy.url,
      username: 'rep1',
      name: 'readahead',
      collections: [...CUSTOMERS],
      storage: testStorage(counting),
    });
    try {
      await client.waitFor((s) => s.phase === 'online' && s.lastSyncAt !== null);
      proxy.cut();
      await client.waitFor((s) => s.phase === 'offline');
      const edited = docs.slice(0, 20).map((d) => d.id);
      const stateReads = () => metaReads.filter((id) => edited.some((e) => id === `${e}|0`));
      metaReads.length = 0;
      for (const id of edited) {
        await (await client.db.collections.customers.findOne(id).exec())!.incrementalPatch({ note: `offline ${id}` });
      }
      await client.waitFor((s) => s.pending.customers === edited.length);
      // Counting what waits to go up reads the same states: wait for the read-ahead to hold
      // them (a read through one meta instance that reaches no storage), not for any read.
      const held = async () => {
        for (const meta of metaInstances) {
          metaReads.length = 0;
          await meta.findDocumentsById(edited.map((id) => `${id}|0`), true);
          if (stateReads().length === 0) return true;
        }
        return false;
      };
      await expect.poll(held, { timeout: 5_000 }).toBe(true);
      metaReads.length = 0;
      // What was read before the push left (later, pulling its own writes back reads them again).
      let beforePush: string[] | null = null;
      proxy.hooks = {
        onRequest: (req) => {
          if (req.method === 'POST' && req.url?.includes('/push')) beforePush ??= stateReads();
          return 'forward';
        },
      };
      proxy.restore();
      client.engine.syncNow();
      await client.waitFor((s) => s.phase === 'online' && !s.pending.customers);
      const onServer = await pullAll(server.t, await login(server.t, 'rep1'), 'customers', undefined, 1000);
      for (const id of edited) expect(onServer.documents.find((d) => d.id === id)?.['note']).toBe(`offline ${id}`);
      // The push took them from what was read ahead.
      expect(beforePush).toEqual([]);
    } finally {
      await client.close();
      await proxy.close();
    }
  });

  it('does not say it is in sync while the edits made offline are still on their way up', async () => {
    const [doc] = await seed(1);
    const proxy = new NetworkProxy(server.url);
    await proxy.start();
    const client = await startClient({ serverUrl: proxy.url, username: 'rep1', name: 'notyet', collections: [...CUSTOMERS] });
    try {
      await client.waitFor((s) => s.phase === 'online' && s.lastSyncAt !== null);
      proxy.cut();
      await client.waitFor((s) => s.phase === 'offline');
      await (await client.db.collections.customers.findOne(doc!.id).exec())!.incrementalPatch({ note: 'typed in the lift' });
      await client.waitFor((s) => s.pending.customers === 1);
      // The push reaches the server only when the test lets it.
      let pushArrived = false;
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      proxy.hooks = {
        delay: (req) => {
          if (req.method !== 'POST' || !req.url?.includes('/push')) return undefined;
          pushArrived = true;
          return held;
        },
      };
      const since = client.statuses.length;
      proxy.restore();
      client.engine.syncNow();
      await expect.poll(() => pushArrived).toBe(true);
      // The round that sends them began while every replication looked idle for a moment.
      expect(client.statuses.slice(since).filter((s) => s.phase === 'online')).toEqual([]);
      release();
      const synced = await client.waitFor((s) => s.phase === 'online' && !s.pending.customers);
      expect((await serverDoc(doc!.id))['note']).toBe('typed in the lift');
      expect(synced.error).toBeNull();
    } finally {
      await client.close();
      await proxy.close();
    }
  });

  it('back online, pushes what was edited offline before the other collections pull', async () => {
    const [doc] = await seed(1);
    const proxy = new NetworkProxy(server.url);
    await proxy.start();
    const client = await startClient({ serverUrl: proxy.url, username: 'rep1', name: 'pushfirst', collections: ['customers', 'visits'] });
    try {
      await client.waitFor((s) => s.phase === 'online' && s.caughtUp.includes('visits'));
      proxy.cut();
      await client.waitFor((s) => s.phase === 'offline');
      await (await client.db.collections.customers.findOne(doc!.id).exec())!.incrementalPatch({ note: 'typed at the kerb' });
      await client.waitFor((s) => s.pending.customers === 1);
      const requests: string[] = [];
      proxy.hooks = {
        onRequest: (req) => {
          requests.push(`${req.method} ${req.url?.split('?')[0]}`);
          return 'forward';
        },
      };
      proxy.restore();
      client.engine.syncNow();
      await client.waitFor((s) => s.phase === 'online' && !s.pending.customers);
      await expect.poll(() => requests.includes('GET /api/sync/visits/pull')).toBe(true);
      expect(requests.indexOf('POST /api/sync/customers/push')).toBeGreaterThanOrEqual(0);
      expect(requests.indexOf('POST /api/sync/customers/push')).toBeLessThan(requests.indexOf('GET /api/sync/visits/pull'));
      expect((await serverDoc(doc!.id))['note']).toBe('typed at the kerb');
    } finally {
      await client.close();
      await proxy.close();
    }
  });

  it('shows a refused request as an error, and goes back to online by itself once the server answers again', async () => {
    const [doc, changed] = await seed(2);
    const proxy = new NetworkProxy(server.url);
    await proxy.start();
    const client = await startClient({ serverUrl: proxy.url, username: 'rep1', name: 'errorback', collections: [...CUSTOMERS] });
    try {
      await client.waitFor((s) => s.phase === 'online' && s.lastSyncAt !== null);
      // The server refuses the next two pushes (a request it calls malformed), then accepts.
      let refusals = 2;
      proxy.hooks = {
        onRequest: (req) =>
          req.method === 'POST' && req.url?.includes('/push') && refusals-- > 0
            ? { status: 400, body: { error: 'badRequest', message: 'refused for the test' } }
            : 'forward',
      };
      await (await client.db.collections.customers.findOne(doc!.id).exec())!.incrementalPatch({ note: 'sent after a refusal' });
      const failed = await client.waitFor((s) => s.phase === 'error');
      expect(failed).toMatchObject({ stoppedBy: null, error: { code: 'badRequest' } });
      const back = await client.waitFor((s) => s.phase === 'online' && !s.pending.customers, 30_000);
      expect(back.error).toBeNull();
      expect(refusals).toBeLessThan(0);
      expect((await serverDoc(doc!.id))['note']).toBe('sent after a refusal');

      // The same for pulls: a change on the server, whose pull is refused twice.
      refusals = 2;
      proxy.hooks = {
        onRequest: (req) =>
          req.method === 'GET' && req.url?.includes('/pull') && refusals-- > 0
            ? { status: 400, body: { error: 'badRequest', message: 'refused for the test' } }
            : 'forward',
      };
      const boss = await login(server.t, 'boss');
      await push(server.t, boss, 'customers', [{ assumedMasterState: asMaster(changed!), newDocumentState: asMaster({ ...changed!, note: 'changed on the server' }) }]);
      // "Sync now" pulls (a RESYNC), whether or not the live stream brought the change already.
      client.engine.syncNow();
      await client.waitFor((s) => s.phase === 'error');
      await client.waitFor((s) => s.phase === 'online' && s.error === null, 30_000);
      expect(refusals).toBeLessThan(0);
      await expect.poll(async () => (await client.db.collections.customers.findOne(changed!.id).exec())?.note, { timeout: 10_000 }).toBe('changed on the server');
    } finally {
      await client.close();
      await proxy.close();
    }
  });

  it('goes offline when the server stops, keeps working, and catches up by itself when it is back', async () => {
    const [doc] = await seed(1);
    const client = await startClient({ serverUrl: server.url, username: 'rep1', name: 'offline', collections: [...CUSTOMERS] });
    try {
      await client.waitFor((s) => s.phase === 'online' && s.lastSyncAt !== null);
      const port = server.port;
      await server.close({ keep: true });
      await (await client.db.collections.customers.findOne(doc!.id).exec())!.incrementalPatch({ note: 'typed while the server was down' });
      const offline = await client.waitFor((s) => s.phase === 'offline');
      expect(offline.error?.code).toMatch(/network|timeout|unavailable/);
      expect(offline.retryAt).toBeGreaterThan(Date.now() - 1000);
      server = await startHttpServer({ dataDir, port });
      await client.waitFor((s) => s.phase === 'online' && !s.pending.customers, 30_000);
      await expect.poll(async () => (await serverDoc(doc!.id))['note'], { timeout: 10_000 }).toBe('typed while the server was down');
    } finally {
      await client.close();
    }
  });
});
