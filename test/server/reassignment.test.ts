import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncCheckpoint } from '../../src/shared/sync/protocol';
import { updateUser } from '../../src/server/auth/users';
import { BACKENDS } from './helpers/backends';
import { creditDoc, customerDoc, transactionDoc, visitDoc } from './helpers/docs';
import {
  addUser,
  login,
  pullAll,
  pullRaw,
  push,
  pushNew,
  startTestServer,
  type Doc,
  type Session,
  type TestServer,
} from './helpers/harness';

/** A laptop: its documents per collection and its checkpoints, kept up to date by pulling. */
class Laptop {
  readonly docs = new Map<string, Map<string, Doc>>();
  readonly checkpoints = new Map<string, SyncCheckpoint>();
  constructor(
    private readonly t: TestServer,
    public session: Session,
  ) {}

  async sync(...collections: string[]): Promise<void> {
    for (const collection of collections) {
      const { documents, checkpoint } = await pullAll(
        this.t,
        this.session,
        collection,
        this.checkpoints.get(collection),
      );
      const store = this.docs.get(collection) ?? new Map<string, Doc>();
      for (const doc of documents) {
        if (doc._deleted) store.delete(doc.id);
        else store.set(doc.id, doc);
      }
      this.docs.set(collection, store);
      this.checkpoints.set(collection, checkpoint);
    }
  }

  ids(collection: string): string[] {
    return [...(this.docs.get(collection)?.keys() ?? [])].sort();
  }

  has(collection: string, id: string): boolean {
    return this.docs.get(collection)?.has(id) ?? false;
  }
}

const RECORDS = ['customers', 'visits', 'transactions'];

describe.each(BACKENDS)('reassignment and lost visibility on $name', (backend) => {
  let t: TestServer;
  let alice: Session;
  let bob: Session;
  let carol: Session;
  let clerk: Session;

  beforeAll(async () => {
    t = await startTestServer(backend);
    alice = await addUser(t, 'alice', 'rep', 'north');
    bob = await addUser(t, 'bob', 'rep', 'north');
    carol = await addUser(t, 'carol', 'rep', 'south');
    clerk = await addUser(t, 'clerk', 'clerk');
  });
  afterAll(() => t.close());

  async function customerWithRecords(owner: Session, team: string) {
    const customer = customerDoc(owner.userId, team);
    const visit = visitDoc(customer.id, owner.userId, team);
    const sale = transactionDoc(customer.id, owner.userId);
    expect(await pushNew(t, owner, 'customers', [customer])).toEqual([]);
    expect(await pushNew(t, owner, 'visits', [visit])).toEqual([]);
    expect(await pushNew(t, owner, 'transactions', [sale])).toEqual([]);
    return { customer, visit, sale };
  }

  async function reassign(customer: Doc, owner: Session, team: string): Promise<Doc> {
    const current = (await pullAll(t, clerk, 'customers')).documents.find(
      (d) => d.id === customer.id,
    ) as Doc;
    const moved = { ...current, ownerId: owner.userId, teamId: team };
    expect(
      await push(t, clerk, 'customers', [{ assumedMasterState: current, newDocumentState: moved }]),
    ).toEqual([]);
    return moved;
  }

  it("a customer reassigned away leaves the former owner's laptop with its records, and reaches the new one", async () => {
    const { customer, visit, sale } = await customerWithRecords(alice, 'north');
    const aliceLaptop = new Laptop(t, alice);
    const bobLaptop = new Laptop(t, bob);
    const carolLaptop = new Laptop(t, carol);
    await Promise.all([aliceLaptop, bobLaptop, carolLaptop].map((l) => l.sync(...RECORDS)));
    expect(aliceLaptop.has('customers', customer.id)).toBe(true);
    expect(bobLaptop.has('visits', visit.id)).toBe(true);
    expect(carolLaptop.has('customers', customer.id)).toBe(false);

    await reassign(customer, carol, 'south');
    await Promise.all([aliceLaptop, bobLaptop, carolLaptop].map((l) => l.sync(...RECORDS)));
    for (const laptop of [aliceLaptop, bobLaptop]) {
      expect(laptop.has('customers', customer.id)).toBe(false);
      expect(laptop.has('visits', visit.id)).toBe(false);
      expect(laptop.has('transactions', sale.id)).toBe(false);
    }
    expect(carolLaptop.has('customers', customer.id)).toBe(true);
    expect(carolLaptop.has('visits', visit.id)).toBe(true);
    expect(carolLaptop.has('transactions', sale.id)).toBe(true);
  });

  it('the tombstone reaches a laptop that was offline while the new owner kept editing, without their edits', async () => {
    const { customer, visit } = await customerWithRecords(alice, 'north');
    const aliceLaptop = new Laptop(t, alice);
    await aliceLaptop.sync(...RECORDS);
    const moved = await reassign(customer, carol, 'south');
    let current = moved;
    for (let i = 0; i < 3; i++) {
      const next = { ...current, name: `carol's edit ${i}` };
      expect(
        await push(t, carol, 'customers', [
          { assumedMasterState: current, newDocumentState: next },
        ]),
      ).toEqual([]);
      current = next;
    }
    const { documents } = await pullAll(
      t,
      alice,
      'customers',
      aliceLaptop.checkpoints.get('customers'),
    );
    const tombstone = documents.find((d) => d.id === customer.id);
    expect(tombstone).toEqual({ ...customer, _deleted: true });
    await aliceLaptop.sync(...RECORDS);
    expect(aliceLaptop.has('visits', visit.id)).toBe(false);
  });

  it("a move within the team keeps the customer on the teammate's laptop; a move back returns it", async () => {
    const { customer } = await customerWithRecords(alice, 'north');
    const aliceLaptop = new Laptop(t, alice);
    await aliceLaptop.sync(...RECORDS);
    const toBob = await reassign(customer, bob, 'north');
    await aliceLaptop.sync(...RECORDS);
    expect(aliceLaptop.docs.get('customers')?.get(customer.id)).toEqual(toBob);
    await reassign(customer, carol, 'south');
    await aliceLaptop.sync(...RECORDS);
    expect(aliceLaptop.has('customers', customer.id)).toBe(false);
    await reassign(customer, alice, 'north');
    await aliceLaptop.sync(...RECORDS);
    expect(aliceLaptop.has('customers', customer.id)).toBe(true);
    expect(aliceLaptop.ids('visits').length).toBeGreaterThan(0);
  });

  it('a record that reaches the server before its customer follows the customer once it arrives', async () => {
    // Alice logs a visit offline for a customer the clerk is creating for carol's team.
    const customer = customerDoc(carol.userId, 'south');
    const visit = visitDoc(customer.id, alice.userId, 'north');
    expect(await pushNew(t, alice, 'visits', [visit])).toEqual([]);
    const aliceLaptop = new Laptop(t, alice);
    await aliceLaptop.sync('visits');
    expect(aliceLaptop.has('visits', visit.id)).toBe(true);
    expect(await pushNew(t, clerk, 'customers', [customer])).toEqual([]);
    await aliceLaptop.sync('visits');
    expect(aliceLaptop.has('visits', visit.id)).toBe(false);
    const carolLaptop = new Laptop(t, carol);
    await carolLaptop.sync('visits');
    expect(carolLaptop.has('visits', visit.id)).toBe(true);
  });

  it("a user moved to another team loses the old team's customers and gains the new team's", async () => {
    const dave = await addUser(t, 'dave', 'rep', 'north');
    const north = await customerWithRecords(alice, 'north');
    const south = await customerWithRecords(carol, 'south');
    const laptop = new Laptop(t, dave);
    await laptop.sync(...RECORDS);
    expect(laptop.has('customers', north.customer.id)).toBe(true);
    expect(laptop.has('customers', south.customer.id)).toBe(false);
    await updateUser(t.server.db, 'dave', { teamId: 'south' });
    // Small pages: the reconciliation spans several pulls and must not stop half way.
    for (const collection of RECORDS) {
      let cp = laptop.checkpoints.get(collection);
      for (;;) {
        const response = await pullRaw(t, dave, collection, cp, 2);
        const page = response.json<{ documents: Doc[]; checkpoint: SyncCheckpoint }>();
        const store = laptop.docs.get(collection) as Map<string, Doc>;
        for (const doc of page.documents) {
          if (doc._deleted) store.delete(doc.id);
          else store.set(doc.id, doc);
        }
        cp = page.checkpoint;
        if (page.documents.length === 0) break;
      }
      expect(cp?.prior).toBeUndefined();
    }
    expect(laptop.has('customers', north.customer.id)).toBe(false);
    expect(laptop.has('visits', north.visit.id)).toBe(false);
    expect(laptop.has('customers', south.customer.id)).toBe(true);
    expect(laptop.has('transactions', south.sale.id)).toBe(true);
  });

  it('a clerk who becomes a rep has the credit collection taken back', async () => {
    const erin = await addUser(t, 'erin', 'clerk');
    const credit = creditDoc(customerDoc('x', 'y').id, erin.userId);
    expect(await pushNew(t, erin, 'credit', [credit])).toEqual([]);
    const laptop = new Laptop(t, erin);
    await laptop.sync('credit');
    expect(laptop.has('credit', credit.id)).toBe(true);
    await updateUser(t.server.db, 'erin', { role: 'rep', teamId: 'north' });
    const again = await login(t, 'erin');
    laptop.session = again;
    await laptop.sync('credit');
    expect(laptop.has('credit', credit.id)).toBe(false);
    // Done reconciling, the laptop's further pulls of credit bring nothing; a first pull is refused.
    const after = await pullRaw(t, again, 'credit', laptop.checkpoints.get('credit'));
    expect(after.json()).toMatchObject({ documents: [] });
    expect((await pullRaw(t, again, 'credit')).statusCode).toBe(403);
  });

  it("a checkpoint naming another user's scope gains nothing", async () => {
    const { customer } = await customerWithRecords(carol, 'south');
    const carolScope = (await pullAll(t, carol, 'customers')).checkpoint.scope;
    const forged: SyncCheckpoint = { seq: 0, scope: carolScope, prior: [carolScope] };
    const { documents } = await pullAll(t, alice, 'customers', forged);
    expect(documents.map((d) => d.id)).not.toContain(customer.id);
    expect((await pullAll(t, carol, 'customers', forged)).documents.map((d) => d.id)).toContain(
      customer.id,
    );
  });
});
