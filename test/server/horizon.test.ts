import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL } from './helpers/backends';
import { customerDoc } from './helpers/docs';
import {
  addUser,
  pullAll,
  pushNew,
  startTestServer,
  type Doc,
  type Session,
  type TestServer,
} from './helpers/harness';

/**
 * Changes are positioned by their transaction's id (migration 0005), so two overlapping
 * pushes can commit in the opposite order of their positions. Here the order is forced: a
 * transaction that took its position first is held open while a later one commits, and a
 * reader pulls in between. A pull that moved its checkpoint past the later change would never
 * see the earlier one. PostgreSQL only: PGlite has one connection, so pushes never overlap.
 */
describe.skipIf(!POSTGRES_URL)('a change committed after a later one is not skipped', () => {
  let t: TestServer;
  let writer: Session;
  let reader: Session;
  let held: pg.Client;

  beforeAll(async () => {
    t = await startTestServer({ name: 'postgres', url: POSTGRES_URL });
    writer = await addUser(t, 'writer', 'clerk');
    reader = await addUser(t, 'reader', 'manager');
    held = new pg.Client({
      connectionString: POSTGRES_URL,
      options: `-c search_path=${t.config.databaseSchema ?? 'public'}`,
    });
    await held.connect();
  });
  afterAll(async () => {
    await held.end();
    await t.close();
  });

  /** Writes `doc` as a push does (same function), in a transaction left open. */
  async function beginHeldPush(doc: Doc): Promise<void> {
    await held.query('BEGIN');
    const plan = {
      channel: t.server.db.channel,
      collection: 'customers',
      user_id: writer.userId,
      device_id: writer.deviceId,
      counts: { customers: 1 },
      revocations: [],
      writes: [
        {
          off: 1,
          id: doc.id,
          is_insert: true,
          deleted: false,
          doc,
          owner_id: doc['ownerId'],
          team_id: doc['teamId'],
          customer_id: null,
        },
      ],
      rekeys: [],
    };
    await held.query('SELECT dangan_apply_push($1::json)', [JSON.stringify(plan)]);
  }

  it('a pull between the two commits still gets the earlier-positioned change', async () => {
    const early = customerDoc('rep-a', 'team-a');
    const late = customerDoc('rep-b', 'team-b');
    const seen = new Set<string>();

    await beginHeldPush(early);
    // The later push commits while the earlier transaction is still open (its answer waits
    // for the horizon a while, then comes anyway).
    await pushNew(t, writer, 'customers', [late]);
    const between = await pullAll(t, reader, 'customers');
    for (const d of between.documents) seen.add(d.id);
    expect(seen.has(early.id)).toBe(false);

    await held.query('COMMIT');
    const after = await pullAll(t, reader, 'customers', between.checkpoint);
    for (const d of after.documents) seen.add(d.id);

    expect(seen.has(early.id)).toBe(true);
    expect(seen.has(late.id)).toBe(true);
  });
});
