import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './helpers/backends';
import { customerDoc } from './helpers/docs';
import {
  addUser,
  asMaster,
  pull,
  pullAll,
  push,
  pushNew,
  startTestServer,
  type Session,
  type TestServer,
} from './helpers/harness';

const DAY = 24 * 60 * 60 * 1000;

describe.each(BACKENDS)('replication basics on $name', (backend) => {
  let t: TestServer;
  let clerk: Session;
  let other: Session;

  beforeAll(async () => {
    t = await startTestServer(backend);
    clerk = await addUser(t, 'clerk1', 'clerk');
    other = await addUser(t, 'clerk2', 'clerk');
  });
  afterAll(() => t.close());

  it('stores the document as written and serves it with _deleted', async () => {
    const doc = customerDoc('rep-x', 'team-x', {
      note: '备注：第一行\n第二行',
      tags: ['vip', '重点'],
    });
    expect(await pushNew(t, clerk, 'customers', [doc])).toEqual([]);
    const { documents } = await pullAll(t, other, 'customers');
    const got = documents.find((d) => d.id === doc.id);
    expect(got).toEqual({ ...doc, _deleted: false });
  });

  it('pages through changes in sequence order and stops at the end', async () => {
    const docs = Array.from({ length: 25 }, () => customerDoc('rep-x', 'team-x'));
    await pushNew(t, clerk, 'customers', docs);
    const seen: string[] = [];
    let cp = (await pullAll(t, other, 'customers')).checkpoint;
    const more = Array.from({ length: 7 }, () => customerDoc('rep-x', 'team-x'));
    await pushNew(t, clerk, 'customers', more);
    let previous = cp.seq;
    for (;;) {
      const page = await pull(t, other, 'customers', cp, 3);
      if (page.documents.length === 0) break;
      expect(page.documents.length).toBeLessThanOrEqual(3);
      expect(page.checkpoint.seq).toBeGreaterThan(previous);
      previous = page.checkpoint.seq;
      seen.push(...page.documents.map((d) => d.id));
      cp = page.checkpoint;
    }
    expect(seen).toEqual(more.map((d) => d.id));
  });

  it('orders by the server sequence: a client clock days off hides nothing', async () => {
    const start = (await pullAll(t, other, 'customers')).checkpoint;
    const ahead = customerDoc('rep-x', 'team-x', {
      updatedAt: Date.now() + 3 * DAY,
      createdAt: Date.now() + 3 * DAY,
    });
    await pushNew(t, clerk, 'customers', [ahead]);
    const afterAhead = await pullAll(t, other, 'customers', start);
    expect(afterAhead.documents.map((d) => d.id)).toEqual([ahead.id]);
    // A laptop whose clock is days behind writes after: its change still comes after the checkpoint.
    const behind = customerDoc('rep-x', 'team-x', {
      updatedAt: Date.now() - 5 * DAY,
      createdAt: Date.now() - 5 * DAY,
    });
    await pushNew(t, clerk, 'customers', [behind]);
    const edit = { ...ahead, name: '改名', updatedAt: 1 };
    await push(t, clerk, 'customers', [
      { assumedMasterState: asMaster(ahead), newDocumentState: asMaster(edit) },
    ]);
    const later = await pullAll(t, other, 'customers', afterAhead.checkpoint);
    expect(later.documents.map((d) => d.id)).toEqual([behind.id, ahead.id]);
    expect(later.documents[1]?.name).toBe('改名');
  });

  it('reports a conflict with the server state and leaves it unchanged', async () => {
    const doc = customerDoc('rep-x', 'team-x');
    await pushNew(t, clerk, 'customers', [doc]);
    const first = { ...doc, name: 'first edit' };
    expect(
      await push(t, clerk, 'customers', [
        { assumedMasterState: asMaster(doc), newDocumentState: asMaster(first) },
      ]),
    ).toEqual([]);
    // The other clerk still assumes the original.
    const second = { ...doc, name: 'second edit' };
    const conflicts = await push(t, other, 'customers', [
      { assumedMasterState: asMaster(doc), newDocumentState: asMaster(second) },
    ]);
    expect(conflicts).toEqual([asMaster(first)]);
    const { documents } = await pullAll(t, other, 'customers');
    expect(documents.find((d) => d.id === doc.id)?.name).toBe('first edit');
    // A new document pushed over an existing one (no assumed state) is a conflict too.
    const blind = await pushNew(t, other, 'customers', [{ ...doc, name: 'blind' }]);
    expect(blind).toEqual([asMaster(first)]);
  });

  it('treats a retried push that already committed as done, not as a conflict', async () => {
    const doc = customerDoc('rep-x', 'team-x');
    await pushNew(t, clerk, 'customers', [doc]);
    const edit = { ...doc, name: 'edited once' };
    const row = { assumedMasterState: asMaster(doc), newDocumentState: asMaster(edit) };
    expect(await push(t, clerk, 'customers', [row])).toEqual([]);
    const before = await pullAll(t, other, 'customers');
    expect(await push(t, clerk, 'customers', [row])).toEqual([]);
    expect(await pushNew(t, clerk, 'customers', [doc])).toEqual([asMaster(edit)]);
    const after = await pullAll(t, other, 'customers', before.checkpoint);
    expect(after.documents).toEqual([]);
  });

  it('replicates soft deletes', async () => {
    const doc = customerDoc('rep-x', 'team-x');
    await pushNew(t, clerk, 'customers', [doc]);
    const cp = (await pullAll(t, other, 'customers')).checkpoint;
    await push(t, clerk, 'customers', [
      { assumedMasterState: asMaster(doc), newDocumentState: { ...doc, _deleted: true } },
    ]);
    const { documents } = await pullAll(t, other, 'customers', cp);
    expect(documents).toEqual([{ ...doc, _deleted: true }]);
  });

  it('writes each document on its own: one conflict does not hold back the rest', async () => {
    const a = customerDoc('rep-x', 'team-x');
    const b = customerDoc('rep-x', 'team-x');
    await pushNew(t, clerk, 'customers', [a]);
    await push(t, clerk, 'customers', [
      { assumedMasterState: asMaster(a), newDocumentState: asMaster({ ...a, name: 'A2' }) },
    ]);
    const result = await push(t, other, 'customers', [
      { assumedMasterState: asMaster(a), newDocumentState: asMaster({ ...a, name: 'A3' }) },
      { newDocumentState: asMaster(b) },
    ]);
    expect(result.map((d) => d.id)).toEqual([a.id]);
    const { documents } = await pullAll(t, clerk, 'customers');
    expect(documents.find((d) => d.id === b.id)).toEqual(asMaster(b));
    expect(documents.find((d) => d.id === a.id)?.name).toBe('A2');
  });
});
