import { createRxDatabase, type RxCollection, type RxJsonSchema, type RxReplicationPullStreamItem, type WithDeleted } from 'rxdb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { RESYNC, type SyncCheckpoint } from '../../../src/shared/sync/protocol';
import { ResyncGuard } from '../../../src/renderer/src/sync/resync-guard';

interface Item {
  id: string;
  value: string;
}

const itemSchema: RxJsonSchema<Item> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, value: { type: 'string' } },
  required: ['id', 'value'],
};

/**
 * A minimal master for RxDB's replication protocol: a change log ordered by sequence, pulled by
 * checkpoint, pushes written at once. Just enough to drive RxDB's downstream queue the way the
 * real server does; the real server is exercised by the engine and convergence tests.
 */
class Master {
  private seq = 0;
  readonly log: { seq: number; doc: WithDeleted<Item> }[] = [];

  write(doc: Item): StreamEvent {
    const entry = { seq: ++this.seq, doc: { ...doc, _deleted: false } };
    this.log.push(entry);
    return { documents: [entry.doc], checkpoint: { seq: entry.seq, scope: 1 } };
  }

  pull(checkpoint: SyncCheckpoint | undefined, limit: number) {
    const since = checkpoint?.seq ?? 0;
    const latest = new Map<string, { seq: number; doc: WithDeleted<Item> }>();
    for (const entry of this.log) if (entry.seq > since) latest.set(entry.doc.id, entry);
    const page = [...latest.values()].sort((a, b) => a.seq - b.seq).slice(0, limit);
    const last = page.at(-1);
    return { documents: page.map((e) => e.doc), checkpoint: { seq: last ? last.seq : since, scope: 1 } };
  }
}

type StreamEvent = { documents: WithDeleted<Item>[]; checkpoint: SyncCheckpoint };

const dbs: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close();
});

async function replicate(guarded: boolean) {
  const db = await createRxDatabase<{ items: RxCollection<Item> }>({
    name: `guard${Math.random().toString(36).slice(2, 8)}`,
    storage: getRxStorageMemory(),
  });
  dbs.push(db);
  await db.addCollections({ items: { schema: itemSchema } });
  const master = new Master();
  master.write({ id: 'a', value: 'a1' });
  const guard = new ResyncGuard<Item>(60_000);
  const raw = new Subject<RxReplicationPullStreamItem<Item, SyncCheckpoint>>();
  let pullGate: Promise<void> | null = null;
  let openGate: () => void = () => undefined;
  let pullStarted: () => void = () => undefined;
  const state = replicateRxCollection<Item, SyncCheckpoint>({
    collection: db.items,
    replicationIdentifier: 'guard-test',
    live: true,
    retryTime: 50,
    waitForLeadership: false,
    pull: {
      batchSize: 10,
      stream$: guarded ? guard.stream$.asObservable() : raw.asObservable(),
      handler: (checkpoint, batchSize) => {
        const run = async () => {
          // The answer is what the server held when the request arrived; it may come back late.
          const answer = master.pull(checkpoint, batchSize);
          const gate = pullGate;
          pullGate = null;
          if (gate) {
            pullStarted();
            await gate;
          }
          return answer;
        };
        return (guarded ? guard.pull(run, batchSize) : run()) as Promise<{ documents: WithDeleted<Item>[]; checkpoint: SyncCheckpoint }>;
      },
    },
    push: {
      handler: async (rows) => {
        for (const row of rows) master.write(row.newDocumentState);
        return [];
      },
    },
  });
  await state.awaitInitialReplication();
  return {
    db,
    master,
    state,
    /** What the server's SSE connection delivers. */
    emit(message: StreamEvent | typeof RESYNC) {
      if (!guarded) raw.next(message);
      else if (message === RESYNC) guard.resync();
      else guard.change({ collection: 'customers', ...message });
    },
    /** The next pull request hangs (a slow network) until `openPull`. */
    holdNextPull(): Promise<void> {
      pullGate = new Promise<void>((resolve) => (openGate = resolve));
      return new Promise<void>((resolve) => (pullStarted = resolve));
    },
    openPull() {
      openGate();
    },
  };
}

/**
 * The drop: a RESYNC (a reconnect) arrives while a live event waits in RxDB's downstream queue
 * behind a pull that is still running; the next live event then moves the checkpoint past the
 * change only the RESYNC would have fetched.
 */
async function resyncBehindAnEvent(guarded: boolean, firstPull: 'stream' | 'rxdb' = 'stream'): Promise<string[]> {
  const r = await replicate(guarded);
  await r.db.items.insert({ id: 'local', value: 'typed here' });
  await r.state.awaitInSync();
  const started = r.holdNextPull();
  // a first reconnect (or RxDB resuming by itself, past the guard): its pull hangs
  if (firstPull === 'stream') r.emit(RESYNC);
  else r.state.reSync();
  await started;
  r.emit(r.master.write({ id: 'b', value: 'b1' })); // a live change, queued behind that pull
  await new Promise((resolve) => setTimeout(resolve, 30));
  r.master.write({ id: 'c', value: 'c1' }); // committed while the connection dropped again
  r.emit(RESYNC); // the second reconnect, queued behind the live change
  r.openPull();
  await new Promise((resolve) => setTimeout(resolve, 150));
  r.emit(r.master.write({ id: 'd', value: 'd1' })); // the next live change
  await new Promise((resolve) => setTimeout(resolve, 300));
  await r.state.awaitInSync();
  const docs = await r.db.items.find().exec();
  return docs.map((d) => d.id).sort();
}

describe('the RESYNC guard', () => {
  it('reproduces RxDB 17.6 dropping a RESYNC queued behind stream events (unguarded)', async () => {
    // If this starts failing after an RxDB upgrade, the drop is fixed upstream: keep the guard
    // (harmless) and turn this into a plain convergence check.
    expect(await resyncBehindAnEvent(false)).toEqual(['a', 'b', 'd', 'local']);
  });

  it('loses nothing with the guard in the same sequence', async () => {
    expect(await resyncBehindAnEvent(true)).toEqual(['a', 'b', 'c', 'd', 'local']);
  });

  it('loses nothing when the event was already passed on and sits in RxDB\'s queue', async () => {
    expect(await resyncBehindAnEvent(true, 'rxdb')).toEqual(['a', 'b', 'c', 'd', 'local']);
  });

  it('holds live events after a RESYNC until a pull that started after it has finished', async () => {
    const guard = new ResyncGuard<Item>(60_000);
    const seen: unknown[] = [];
    guard.stream$.subscribe((m) => seen.push(m === RESYNC ? 'RESYNC' : (m as StreamEvent).checkpoint.seq));
    const event = (seq: number, scope = 1) => ({ collection: 'customers' as const, documents: [], checkpoint: { seq, scope } });
    await guard.pull(async () => ({ documents: [], checkpoint: { seq: 5, scope: 1 } }), 10);
    guard.change(event(6));
    expect(seen).toEqual([6]);

    guard.resync();
    guard.change(event(7));
    guard.change(event(9));
    expect(seen).toEqual([6, 'RESYNC', 'RESYNC']);
    expect(guard.isHolding).toBe(true);
    // a full page does not end the pull; the last page, started after the RESYNC, does
    await guard.pull(async () => ({ documents: Array.from({ length: 10 }, () => ({}) as Item), checkpoint: { seq: 7, scope: 1 } }), 10);
    expect(guard.isHolding).toBe(true);
    await guard.pull(async () => ({ documents: [], checkpoint: { seq: 8, scope: 1 } }), 10);
    // event 7 was covered by the pull; 9 was not
    expect(seen).toEqual([6, 'RESYNC', 'RESYNC', 9]);
    expect(guard.isHolding).toBe(false);

    // an event of another access scope means "pull now"
    guard.change(event(10, 2));
    expect(seen.slice(-2)).toEqual(['RESYNC', 'RESYNC']);
    guard.close();
  });

  it('does not release on a pull that started before the latest RESYNC', async () => {
    const guard = new ResyncGuard<Item>(60_000);
    let finish: (v: { documents: Item[]; checkpoint: SyncCheckpoint }) => void = () => undefined;
    const slow = guard.pull(() => new Promise((resolve) => (finish = resolve)), 10);
    guard.resync();
    finish({ documents: [], checkpoint: { seq: 1, scope: 1 } });
    await slow;
    expect(guard.isHolding).toBe(true);
    guard.close();
  });

  it('sends the RESYNC again when no pull followed it', async () => {
    const guard = new ResyncGuard<Item>(30);
    const seen: unknown[] = [];
    guard.stream$.subscribe((m) => seen.push(m));
    guard.resync();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(seen.filter((m) => m === RESYNC).length).toBeGreaterThanOrEqual(4);
    guard.close();
  });
});
