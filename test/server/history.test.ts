import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/server/db/migrate';
import { MIGRATIONS } from '../../src/server/db/migrations/index';
import { openPglite } from '../../src/server/db/pglite';
import { openPostgres } from '../../src/server/db/postgres';
import { channelName } from '../../src/server/db/types';
import type { HistoryEntry } from '../../src/shared/sync/protocol';
import { BACKENDS, dropSchema, freshSchemaName } from './helpers/backends';
import { customerDoc } from './helpers/docs';
import {
  addUser,
  asMaster,
  auth,
  push,
  pushNew,
  startTestServer,
  type Session,
  type TestServer,
} from './helpers/harness';

describe.each(BACKENDS)('audit trail and history on $name', (backend) => {
  let t: TestServer;
  let alice: Session;
  let carol: Session;
  let clerk: Session;

  beforeAll(async () => {
    t = await startTestServer(backend);
    alice = await addUser(t, 'alice', 'rep', 'north');
    carol = await addUser(t, 'carol', 'rep', 'south');
    clerk = await addUser(t, 'clerk', 'clerk');
  });
  afterAll(() => t.close());

  const history = (session: Session, collection: string, id: string) =>
    t.server.app.inject({
      method: 'GET',
      url: `/api/history/${collection}/${id}`,
      headers: auth(session),
    });

  it('records every accepted write with who, which device, when, before and after', async () => {
    const doc = customerDoc(alice.userId, 'north');
    await pushNew(t, alice, 'customers', [doc]);
    const edited = { ...doc, name: '改过的名字' };
    await push(t, clerk, 'customers', [
      { assumedMasterState: asMaster(doc), newDocumentState: asMaster(edited) },
    ]);
    // Neither a conflict nor a refusal is a write.
    await push(t, clerk, 'customers', [
      { assumedMasterState: asMaster(doc), newDocumentState: asMaster({ ...doc, name: 'stale' }) },
    ]);
    await push(t, alice, 'customers', [
      {
        assumedMasterState: asMaster(edited),
        newDocumentState: asMaster({ ...edited, ownerId: carol.userId }),
      },
    ]);
    // Nor is a retry of what is already stored.
    await push(t, clerk, 'customers', [
      { assumedMasterState: asMaster(doc), newDocumentState: asMaster(edited) },
    ]);

    const response = await history(alice, 'customers', doc.id);
    expect(response.statusCode).toBe(200);
    const entries = response.json<{ entries: HistoryEntry[] }>().entries;
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      userId: alice.userId,
      username: 'alice',
      deviceId: alice.deviceId,
      before: null,
      after: asMaster(doc),
    });
    expect(entries[1]).toMatchObject({
      username: 'clerk',
      deviceId: clerk.deviceId,
      before: asMaster(doc),
      after: asMaster(edited),
    });
    expect(entries[1]!.at).toBeGreaterThanOrEqual(entries[0]!.at);
    expect(Math.abs(entries[1]!.at - Date.now())).toBeLessThan(60_000);
  });

  it("shows a record's history only to users who may read the record", async () => {
    const doc = customerDoc(alice.userId, 'north');
    await pushNew(t, alice, 'customers', [doc]);
    expect((await history(clerk, 'customers', doc.id)).statusCode).toBe(200);
    const refused = await history(carol, 'customers', doc.id);
    expect(refused.statusCode).toBe(404);
    expect((await history(alice, 'customers', 'no-such-id')).statusCode).toBe(404);
    expect((await history(alice, 'local', doc.id)).statusCode).toBe(404);
  });

  it("keeps the trail append-only, even against the server's own connection", async () => {
    await expect(t.server.db.query('UPDATE audit SET user_id = $1', ['forged'])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.server.db.query('DELETE FROM audit')).rejects.toThrow(/append-only/);
    await expect(t.server.db.query('TRUNCATE audit')).rejects.toThrow(/append-only/);
    const rows = await t.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit');
    expect(rows[0]?.n).toBeGreaterThan(0);
  });
});

/**
 * A database whose audit entries were written before migration 0005 (before and after as
 * jsonb): after the upgrade, the next entry's `before` is the old entry's `after`.
 */
describe.each(BACKENDS)('history across the audit upgrade on $name', (backend) => {
  it("takes an upgraded record's before from the entry written by the old schema", async () => {
    const schema = freshSchemaName();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'dangan-audit-upgrade-'));
    const channel = channelName(backend.url ? schema : undefined);
    const old = backend.url
      ? await openPostgres({ url: backend.url, schema, poolSize: 1, channel })
      : await openPglite(path.join(dataDir, 'pglite'), channel);
    const doc = customerDoc('legacy-owner', 'north');
    try {
      expect(await migrate(old, MIGRATIONS.slice(0, 4))).toBe(4);
      const plan = {
        channel,
        collection: 'customers',
        user_id: 'legacy-user',
        device_id: 'legacy-device',
        counts: { customers: 1 },
        writes: [
          {
            off: 1,
            id: doc.id,
            is_insert: true,
            deleted: false,
            doc,
            owner_id: 'legacy-owner',
            team_id: 'north',
            customer_id: null,
          },
        ],
        rekeys: [],
        revocations: [],
      };
      await old.transaction((tx) =>
        tx.query('SELECT dangan_apply_push($1::json)', [JSON.stringify(plan)]),
      );
    } finally {
      await old.close();
    }

    const t = await startTestServer(backend, { schema, dataDir });
    try {
      const clerk = await addUser(t, 'clerk', 'clerk');
      const edited = { ...doc, name: '升级后改的' };
      await push(t, clerk, 'customers', [
        { assumedMasterState: asMaster(doc), newDocumentState: asMaster(edited) },
      ]);
      const response = await t.server.app.inject({
        method: 'GET',
        url: `/api/history/customers/${doc.id}`,
        headers: auth(clerk),
      });
      const entries = response.json<{ entries: HistoryEntry[] }>().entries;
      expect(entries).toHaveLength(2);
      expect(entries[0]).toMatchObject({
        userId: 'legacy-user',
        deviceId: 'legacy-device',
        before: null,
        after: asMaster(doc),
      });
      expect(entries[1]).toMatchObject({
        username: 'clerk',
        before: asMaster(doc),
        after: asMaster(edited),
      });
    } finally {
      await t.close();
      if (backend.url) await dropSchema(backend.url, schema);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
