import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESYNC } from '../../src/shared/sync/protocol';
import { updateUser } from '../../src/server/auth/users';
import { BACKENDS } from './helpers/backends';
import { customerDoc, visitDoc } from './helpers/docs';
import {
  addUser,
  asMaster,
  auth,
  login,
  pull,
  push,
  pushNew,
  startTestServer,
  type Session,
  type TestServer,
} from './helpers/harness';
import { isChange, SseClient, type ChangeMessage } from './helpers/sse';

describe.each(BACKENDS)('live stream over HTTP on $name', (backend) => {
  let t: TestServer;
  let base: string;
  let alice: Session;
  let bob: Session;
  let carol: Session;
  let clerk: Session;
  const clients: SseClient[] = [];

  async function connect(session: Session, query = ''): Promise<SseClient> {
    const client = await SseClient.connect(base, session.token, query);
    clients.push(client);
    expect(await client.next()).toBe(RESYNC);
    return client;
  }

  beforeAll(async () => {
    t = await startTestServer(backend);
    base = await t.server.app.listen({ host: '127.0.0.1', port: 0 });
    alice = await addUser(t, 'alice', 'rep', 'north');
    bob = await addUser(t, 'bob', 'rep', 'north');
    carol = await addUser(t, 'carol', 'rep', 'south');
    clerk = await addUser(t, 'clerk', 'clerk');
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await t.close();
  });

  it('refuses a stream without a valid session', async () => {
    expect(await SseClient.status(base, undefined)).toBe(401);
    expect(await SseClient.status(base, 'dgn_nonsense')).toBe(401);
    expect(await SseClient.status(base, alice.token, '?collections=credit')).toBe(403);
    expect(await SseClient.status(base, alice.token, '?collections=nope')).toBe(404);
  });

  it('carries a change to the users who may see it, with a checkpoint to pull from', async () => {
    const bobStream = await connect(bob);
    const carolStream = await connect(carol);
    const mine = customerDoc(alice.userId, 'north');
    expect(await pushNew(t, alice, 'customers', [mine])).toEqual([]);
    const event = await bobStream.next<ChangeMessage>(isChange('customers', mine.id));
    expect(event.documents).toEqual([asMaster(mine)]);
    const rest = await pull(t, bob, 'customers', event.checkpoint);
    expect(rest.documents).toEqual([]);

    const theirs = customerDoc(carol.userId, 'south');
    expect(await pushNew(t, carol, 'customers', [theirs])).toEqual([]);
    const carolEvent = await carolStream.next<ChangeMessage>(isChange('customers'));
    expect(carolEvent.documents.map((d) => d.id)).toEqual([theirs.id]);
    expect(carolStream.messages.some((m) => isChange('customers', mine.id)(m))).toBe(false);
  });

  it('filters by the collections asked for', async () => {
    const visitsOnly = await connect(bob, '?collections=visits');
    const customer = customerDoc(alice.userId, 'north');
    const visit = visitDoc(customer.id, alice.userId, 'north');
    await pushNew(t, alice, 'customers', [customer]);
    await pushNew(t, alice, 'visits', [visit]);
    const event = await visitsOnly.next<ChangeMessage>(isChange('visits', visit.id));
    expect(event.documents[0]?.id).toBe(visit.id);
    expect(visitsOnly.messages.some(isChange('customers'))).toBe(false);
  });

  it('sends the former owner a deletion when a customer is reassigned away', async () => {
    const customer = customerDoc(alice.userId, 'north');
    await pushNew(t, alice, 'customers', [customer]);
    const aliceStream = await connect(alice);
    const carolStream = await connect(carol);
    const moved = { ...customer, ownerId: carol.userId, teamId: 'south' };
    expect(
      await push(t, clerk, 'customers', [
        { assumedMasterState: asMaster(customer), newDocumentState: asMaster(moved) },
      ]),
    ).toEqual([]);
    // The event of alice's own push may still arrive after she connected: wait for the change.
    const deletion = (m: unknown) =>
      isChange('customers', customer.id)(m) &&
      (m as ChangeMessage).documents.some((d) => d.id === customer.id && d._deleted);
    const gone = await aliceStream.next<ChangeMessage>(deletion);
    expect(gone.documents.find((d) => d.id === customer.id)).toEqual({
      ...customer,
      _deleted: true,
    });
    const arrived = await carolStream.next<ChangeMessage>(isChange('customers', customer.id));
    expect(arrived.documents.find((d) => d.id === customer.id)).toEqual(asMaster(moved));
    expect(
      aliceStream.messages.filter(isChange('customers', customer.id)).every((m) => {
        const doc = (m as ChangeMessage).documents.find((d) => d.id === customer.id);
        return doc?._deleted === true || doc?.ownerId === alice.userId;
      }),
    ).toBe(true);
  });

  it('asks the client to pull again when its access changes, and ends when its session ends', async () => {
    const dave = await addUser(t, 'dave', 'rep', 'north');
    const stream = await connect(dave);
    await updateUser(t.server.db, 'dave', { teamId: 'south' });
    expect(await stream.next((m) => m === RESYNC)).toBe(RESYNC);
    const logout = await t.server.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: auth(dave),
    });
    expect(logout.statusCode).toBe(204);
    await stream.ended;
  });

  it('a graceful shutdown ends open streams', async () => {
    const other = await startTestServer(backend);
    const url = await other.server.app.listen({ host: '127.0.0.1', port: 0 });
    await addUser(other, 'erin', 'clerk');
    const session = await login(other, 'erin');
    const stream = await SseClient.connect(url, session.token);
    expect(await stream.next()).toBe(RESYNC);
    await other.close();
    await stream.ended;
    const health = await fetch(`${url}/api/health`).catch((error: Error) => error);
    expect(health).toBeInstanceOf(Error);
  });
});
