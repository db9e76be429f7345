import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/server/db/migrate';
import type { SyncCheckpoint } from '../../src/shared/sync/protocol';
import { BACKENDS } from './helpers/backends';
import { customerDoc } from './helpers/docs';
import {
  addUser,
  pullAll,
  pushNew,
  startTestServer,
  type Session,
  type TestServer,
} from './helpers/harness';

/** Far beyond any horizon here: positions a cluster with many more transactions made. */
const OLD_CLUSTER = 2 ** 52;

/**
 * Positions are made of transaction ids (migration 0005). A dump restored into a new cluster,
 * whose transaction ids start low again, carries positions beyond the new horizon: pulls would
 * never reach them and new changes would sort below them. The server renumbers them at start.
 */
describe.each(BACKENDS)('a database restored into a new cluster on $name', (backend) => {
  let t: TestServer;
  let clerk: Session;
  let reader: Session;

  beforeAll(async () => {
    t = await startTestServer(backend);
    clerk = await addUser(t, 'clerk', 'clerk');
    reader = await addUser(t, 'reader', 'manager');
  });
  afterAll(() => t.close());

  it('is renumbered at start: old checkpoints start over, nothing is lost, new changes follow', async () => {
    const before = [customerDoc('rep-a', 'team-a'), customerDoc('rep-b', 'team-b')];
    await pushNew(t, clerk, 'customers', before);
    const order = async () =>
      (
        await t.server.db.query<{ id: string }>(
          "SELECT id FROM docs WHERE collection = 'customers' ORDER BY seq",
        )
      ).map((r) => r.id);
    const orderBefore = await order();
    const seen = await pullAll(t, reader, 'customers');

    // What a restore of the other cluster's dump looks like here.
    await t.server.db.query(`UPDATE docs SET seq = seq + ${OLD_CLUSTER}`);
    const oldCheckpoint: SyncCheckpoint = {
      ...seen.checkpoint,
      seq: seen.checkpoint.seq + OLD_CLUSTER,
    };
    await migrate(t.server.db);

    const horizon = await t.server.db.query<{ ok: boolean }>(
      'SELECT max(seq) < pg_snapshot_xmin(pg_current_snapshot())::text::bigint * 1048576 AS ok FROM docs',
    );
    expect(horizon[0]?.ok).toBe(true);
    expect(await order()).toEqual(orderBefore);

    const after = customerDoc('rep-c', 'team-c');
    await pushNew(t, clerk, 'customers', [after]);
    const again = await pullAll(t, reader, 'customers', oldCheckpoint);
    expect(again.documents.map((d) => d.id).sort()).toEqual(
      [...before.map((d) => d.id), after.id].sort(),
    );
  });
});
