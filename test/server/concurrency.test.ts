import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncCheckpoint } from '../../src/shared/sync/protocol';
import { BACKENDS } from './helpers/backends';
import { customerDoc } from './helpers/docs';
import {
  addUser,
  pull,
  pullAll,
  push,
  startTestServer,
  type Doc,
  type Session,
  type TestServer,
} from './helpers/harness';

/** Deterministic pseudo-random numbers (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const WRITERS = 8;
const ROUNDS_PER_WRITER = 20;
const READERS = 4;
const SCENARIOS = 3;

/**
 * Many laptops push at once (new documents and edits, batches of varying size, so their
 * transactions overlap and commit in any order) while other laptops pull in small pages the
 * whole time. A pull that moved its checkpoint past a change still in flight would never see
 * that change: at the end every reader must hold exactly the server's final state.
 */
describe.each(BACKENDS)('no change is skipped by a concurrent pull on $name', (backend) => {
  let t: TestServer;
  let writers: Session[];
  let readers: Session[];

  beforeAll(async () => {
    t = await startTestServer(backend, { config: { poolSize: 12, pushConcurrency: 12 } });
    writers = [];
    for (let i = 0; i < WRITERS; i++) writers.push(await addUser(t, `writer${i}`, 'clerk'));
    readers = [];
    for (let i = 0; i < READERS; i++) readers.push(await addUser(t, `reader${i}`, 'manager'));
  });
  afterAll(() => t.close());

  async function writer(session: Session, rand: () => number): Promise<number> {
    const mine: Doc[] = [];
    let written = 0;
    for (let round = 0; round < ROUNDS_PER_WRITER; round++) {
      const rows: { assumedMasterState?: Doc; newDocumentState: Doc }[] = [];
      const fresh = 1 + Math.floor(rand() * 8);
      for (let i = 0; i < fresh; i++) {
        const doc = {
          ...customerDoc('rep', 'team', { note: 'x'.repeat(Math.floor(rand() * 4000)) }),
          _deleted: false,
        };
        rows.push({ newDocumentState: doc });
      }
      const edits = Math.min(mine.length, Math.floor(rand() * 4));
      const picked = new Set<number>();
      while (picked.size < edits) picked.add(Math.floor(rand() * mine.length));
      for (const index of picked) {
        const current = mine[index] as Doc;
        rows.push({
          assumedMasterState: current,
          newDocumentState: { ...current, points: (current.points as number) + 1 },
        });
      }
      const conflicts = await push(t, session, 'customers', rows);
      expect(conflicts).toEqual([]);
      for (const row of rows) {
        const index = mine.findIndex((d) => d.id === row.newDocumentState.id);
        if (index >= 0) mine[index] = row.newDocumentState;
        else mine.push(row.newDocumentState);
      }
      written += rows.length;
    }
    return written;
  }

  /** Half the readers trail in small pages; half keep up, so their checkpoints jump to the head. */
  async function reader(
    session: Session,
    stop: () => boolean,
    rand: () => number,
    maxPage: number,
  ) {
    const seen = new Map<string, Doc>();
    let checkpoint: SyncCheckpoint | undefined;
    let pulls = 0;
    while (!stop()) {
      const page = await pull(
        t,
        session,
        'customers',
        checkpoint,
        1 + Math.floor(rand() * maxPage),
      );
      for (const doc of page.documents) seen.set(doc.id, doc);
      if (checkpoint) expect(page.checkpoint.seq).toBeGreaterThanOrEqual(checkpoint.seq);
      checkpoint = page.checkpoint;
      pulls++;
      // inject() never touches the network: yield as a socket would, or writers' bodies starve.
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Writers are done: catch up, then compare with the truth.
    const rest = await pullAll(t, session, 'customers', checkpoint);
    for (const doc of rest.documents) seen.set(doc.id, doc);
    return { seen, pulls };
  }

  for (let scenario = 1; scenario <= SCENARIOS; scenario++) {
    it(`scenario ${scenario}: ${WRITERS} writers × ${ROUNDS_PER_WRITER} rounds against ${READERS} polling readers`, async () => {
      const rand = random(1000 + scenario);
      let done = false;
      const readerRuns = readers.map((r, i) =>
        reader(r, () => done, random(scenario * 100 + i), i % 2 ? 9 : 500),
      );
      const writes = await Promise.all(
        writers.map((w, i) => writer(w, random(scenario * 10 + i + Math.floor(rand() * 1000)))),
      ).finally(() => {
        done = true;
      });
      const results = await Promise.all(readerRuns);
      const truth = new Map(
        (await pullAll(t, readers[0] as Session, 'customers', undefined, 1000)).documents.map(
          (d) => [d.id, d],
        ),
      );
      expect(writes.reduce((a, b) => a + b, 0)).toBeGreaterThan(WRITERS * ROUNDS_PER_WRITER);
      for (const { seen, pulls } of results) {
        expect(pulls).toBeGreaterThan(1);
        expect(seen.size).toBe(truth.size);
        for (const [id, doc] of truth) expect(seen.get(id)).toEqual(doc);
      }
    });
  }
});
