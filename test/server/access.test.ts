import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './helpers/backends';
import {
  creditDoc,
  customerDoc,
  referenceDoc,
  requestDoc,
  transactionDoc,
  visitDoc,
} from './helpers/docs';
import {
  addUser,
  asMaster,
  pullAll,
  pullRaw,
  push,
  pushNew,
  startTestServer,
  type Doc,
  type Session,
  type TestServer,
} from './helpers/harness';

describe.each(BACKENDS)('access policy enforced on $name', (backend) => {
  let t: TestServer;
  let alice: Session; // rep, team north
  let bob: Session; // rep, team north
  let carol: Session; // rep, team south
  let clerk: Session;
  let manager: Session;
  let service: Session;
  let admin: Session;
  let aliceCustomer: Doc;
  let carolCustomer: Doc;

  beforeAll(async () => {
    t = await startTestServer(backend);
    alice = await addUser(t, 'alice', 'rep', 'north');
    bob = await addUser(t, 'bob', 'rep', 'north');
    carol = await addUser(t, 'carol', 'rep', 'south');
    clerk = await addUser(t, 'clerk', 'clerk');
    manager = await addUser(t, 'manager', 'manager');
    service = await addUser(t, 'service', 'service');
    admin = await addUser(t, 'admin2', 'admin');
    aliceCustomer = customerDoc(alice.userId, 'north');
    carolCustomer = customerDoc(carol.userId, 'south');
    expect(await pushNew(t, alice, 'customers', [aliceCustomer])).toEqual([]);
    expect(await pushNew(t, carol, 'customers', [carolCustomer])).toEqual([]);
    expect(
      await pushNew(t, alice, 'visits', [visitDoc(aliceCustomer.id, alice.userId, 'north')]),
    ).toEqual([]);
    expect(
      await pushNew(t, carol, 'transactions', [transactionDoc(carolCustomer.id, carol.userId)]),
    ).toEqual([]);
  });
  afterAll(() => t.close());

  const ids = (docs: Doc[]) => docs.map((d) => d.id).sort();

  it("a rep pulls their own and their team's customers and records, nobody else's", async () => {
    expect(ids((await pullAll(t, alice, 'customers')).documents)).toEqual([aliceCustomer.id]);
    expect(ids((await pullAll(t, bob, 'customers')).documents)).toEqual([aliceCustomer.id]);
    expect(ids((await pullAll(t, carol, 'customers')).documents)).toEqual([carolCustomer.id]);
    expect((await pullAll(t, bob, 'visits')).documents).toHaveLength(1);
    expect((await pullAll(t, carol, 'visits')).documents).toHaveLength(0);
    expect((await pullAll(t, alice, 'transactions')).documents).toHaveLength(0);
    expect((await pullAll(t, carol, 'transactions')).documents).toHaveLength(1);
  });

  it('clerks, managers and service agents read every customer', async () => {
    for (const session of [clerk, manager, service]) {
      expect(ids((await pullAll(t, session, 'customers')).documents)).toEqual(
        ids([aliceCustomer, carolCustomer]),
      );
    }
  });

  it('credit is for managers and clerks only', async () => {
    const credit = creditDoc(aliceCustomer.id, clerk.userId);
    expect(await pushNew(t, clerk, 'credit', [credit])).toEqual([]);
    expect((await pullAll(t, manager, 'credit')).documents).toEqual([asMaster(credit)]);
    for (const session of [alice, service, admin]) {
      const response = await pullRaw(t, session, 'credit');
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: 'forbidden' });
    }
    // A rep writing credit is refused, and told so; nothing of the stored credit comes back.
    const attempt = { ...credit, limit: 1_000_000 };
    const [refused] = await push(t, alice, 'credit', [
      { assumedMasterState: asMaster(credit), newDocumentState: asMaster(attempt) },
    ]);
    expect(refused?._rejected).toMatchObject({ code: 'forbidden', documentId: credit.id });
    expect(refused).toMatchObject({ _deleted: true, limit: 1_000_000 });
    expect((await pullAll(t, manager, 'credit')).documents[0]?.limit).toBe(50000);
  });

  it('reference data is read by all and written by admins only', async () => {
    const ref = referenceDoc(admin.userId);
    expect(await pushNew(t, admin, 'reference', [ref])).toEqual([]);
    expect((await pullAll(t, carol, 'reference')).documents.map((d) => d.id)).toContain(ref.id);
    const [refused] = await push(t, manager, 'reference', [
      {
        assumedMasterState: asMaster(ref),
        newDocumentState: asMaster({ ...ref, label: 'changed' }),
      },
    ]);
    expect(refused).toMatchObject({
      label: 'Team',
      _deleted: false,
      _rejected: { code: 'forbidden' },
    });
  });

  it("a rep cannot write another team's customer and learns nothing of it", async () => {
    const forged = { ...carolCustomer, name: 'taken over', ownerId: alice.userId, teamId: 'north' };
    const [refused] = await push(t, alice, 'customers', [{ newDocumentState: asMaster(forged) }]);
    expect(refused).toEqual({
      ...forged,
      _deleted: true,
      _rejected: expect.objectContaining({ code: 'forbidden' }),
    });
    const stored = (await pullAll(t, clerk, 'customers')).documents.find(
      (d) => d.id === carolCustomer.id,
    );
    expect(stored?.name).toBe(carolCustomer.name);
  });

  it("a rep cannot create a customer for another team, nor a record for another team's customer", async () => {
    const foreign = customerDoc(carol.userId, 'south');
    const [refused] = await pushNew(t, alice, 'customers', [foreign]);
    expect(refused?._rejected).toMatchObject({ code: 'forbidden', field: 'ownerId' });
    const visit = visitDoc(carolCustomer.id, alice.userId, 'north');
    const [refusedVisit] = await pushNew(t, alice, 'visits', [visit]);
    expect(refusedVisit?._rejected).toMatchObject({ code: 'forbidden', field: 'customerId' });
    expect((await pullAll(t, carol, 'visits')).documents).toEqual([]);
  });

  it('controlled fields and reserved values are refused with the field named, the master returned', async () => {
    const moved = { ...aliceCustomer, ownerId: bob.userId };
    const [refused] = await push(t, alice, 'customers', [
      { assumedMasterState: asMaster(aliceCustomer), newDocumentState: asMaster(moved) },
    ]);
    expect(refused).toEqual({
      ...asMaster(aliceCustomer),
      _rejected: {
        code: 'forbidden',
        field: 'ownerId',
        documentId: aliceCustomer.id,
        message: expect.any(String),
      },
    });
    const retired = { ...aliceCustomer, archiveStatus: 'retired' };
    const [refusedRetire] = await push(t, alice, 'customers', [
      { assumedMasterState: asMaster(aliceCustomer), newDocumentState: asMaster(retired) },
    ]);
    expect(refusedRetire?._rejected).toMatchObject({ field: 'archiveStatus' });
    // The same changes by a clerk go through.
    expect(
      await push(t, clerk, 'customers', [
        { assumedMasterState: asMaster(aliceCustomer), newDocumentState: asMaster(retired) },
      ]),
    ).toEqual([]);
    expect(
      await push(t, clerk, 'customers', [
        { assumedMasterState: asMaster(retired), newDocumentState: asMaster(aliceCustomer) },
      ]),
    ).toEqual([]);
  });

  it('a rep may not approve their own request nor delete a customer', async () => {
    const request = requestDoc(aliceCustomer.id, alice.userId, { status: 'approved' });
    const [refused] = await pushNew(t, alice, 'requests', [request]);
    expect(refused?._rejected).toMatchObject({ code: 'forbidden', field: 'status' });
    const pending = { ...request, status: 'pending' };
    expect(await pushNew(t, alice, 'requests', [pending])).toEqual([]);
    const [refusedDelete] = await push(t, bob, 'customers', [
      {
        assumedMasterState: asMaster(aliceCustomer),
        newDocumentState: { ...aliceCustomer, _deleted: true },
      },
    ]);
    expect(refusedDelete?._rejected?.message).toMatch(/delete/);
    expect(refusedDelete?._deleted).toBe(false);
  });

  it('a clerk reads visits but cannot write them: refused with the master state', async () => {
    const visits = (await pullAll(t, clerk, 'visits')).documents;
    const visit = visits[0] as Doc;
    const [refused] = await push(t, clerk, 'visits', [
      { assumedMasterState: visit, newDocumentState: { ...visit, outcomes: 'edited by clerk' } },
    ]);
    expect(refused).toMatchObject({ id: visit.id, _rejected: { code: 'forbidden' } });
    expect(refused?.outcomes).toBeUndefined();
  });

  it('a refused row does not stop the others in the same push', async () => {
    const mine = customerDoc(alice.userId, 'north');
    const foreign = customerDoc(carol.userId, 'south');
    const result = await pushNew(t, alice, 'customers', [foreign, mine]);
    expect(result.map((d) => d.id)).toEqual([foreign.id]);
    expect(ids((await pullAll(t, bob, 'customers')).documents)).toContain(mine.id);
  });
});
