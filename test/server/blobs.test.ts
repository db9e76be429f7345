import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './helpers/backends';
import { attachmentDoc, customerDoc } from './helpers/docs';
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

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(BACKENDS)('attachment blobs on $name', (backend) => {
  let t: TestServer;
  let alice: Session;
  let carol: Session;
  let manager: Session;

  beforeAll(async () => {
    t = await startTestServer(backend, { config: { blobMaxBytes: 64 * 1024 } });
    alice = await addUser(t, 'alice', 'rep', 'north');
    carol = await addUser(t, 'carol', 'rep', 'south');
    manager = await addUser(t, 'manager', 'manager');
  });
  afterAll(() => t.close());

  const put = (
    session: Session,
    name: string,
    bytes: Buffer,
    headers: Record<string, string> = {},
  ) =>
    t.server.app.inject({
      method: 'PUT',
      url: `/api/blobs/${name}`,
      headers: { ...auth(session), 'content-type': 'application/octet-stream', ...headers },
      payload: bytes,
    });
  const get = (session: Session, name: string) =>
    t.server.app.inject({ method: 'GET', url: `/api/blobs/${name}`, headers: auth(session) });

  it('stores bytes under their hash, idempotently, and serves them to who may see the record', async () => {
    const bytes = randomBytes(5000);
    const name = sha(bytes);
    const first = await put(alice, name, bytes);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ sha256: name, size: 5000, created: true });
    const second = await put(alice, name, bytes);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ created: false });

    // No record names it yet: nobody may read it.
    expect((await get(alice, name)).statusCode).toBe(404);
    const customer = customerDoc(alice.userId, 'north');
    const attachment = attachmentDoc(customer.id, name, alice.userId, { size: 5000 });
    expect(await pushNew(t, alice, 'customers', [customer])).toEqual([]);
    expect(await pushNew(t, alice, 'attachments', [attachment])).toEqual([]);

    const mine = await get(alice, name);
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.equals(bytes)).toBe(true);
    expect(mine.headers['content-type']).toBe('application/octet-stream');
    expect(mine.headers['x-content-type-options']).toBe('nosniff');
    expect((await get(manager, name)).statusCode).toBe(200);
    expect((await get(carol, name)).statusCode).toBe(404);

    // Deleting the record withdraws the file from readers.
    await push(t, alice, 'attachments', [
      {
        assumedMasterState: asMaster(attachment),
        newDocumentState: { ...attachment, _deleted: true },
      },
    ]);
    expect((await get(alice, name)).statusCode).toBe(404);
  });

  it('refuses bytes that do not match the name and keeps nothing of them', async () => {
    const bytes = randomBytes(1000);
    const wrongName = sha(Buffer.from('something else'));
    const response = await put(alice, wrongName, bytes);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'hashMismatch' });
    const file = path.join(
      t.config.blobDir,
      wrongName.slice(0, 2),
      wrongName.slice(2, 4),
      wrongName,
    );
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(path.join(t.config.blobDir, 'tmp'))).toEqual([]);
  });

  it('refuses blobs over the size limit, declared or not', async () => {
    const bytes = randomBytes(64 * 1024 + 1);
    const declared = await put(alice, sha(bytes), bytes);
    expect(declared.statusCode).toBe(413);
    // A stream has no Content-Length: the limit is enforced while the bytes arrive.
    const streamed = await t.server.app.inject({
      method: 'PUT',
      url: `/api/blobs/${sha(bytes)}`,
      headers: { ...auth(alice), 'content-type': 'application/octet-stream' },
      payload: Readable.from([bytes.subarray(0, 30_000), bytes.subarray(30_000)]),
    });
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json()).toMatchObject({ error: 'bodyTooLarge' });
    expect(readdirSync(path.join(t.config.blobDir, 'tmp'))).toEqual([]);
  });

  it('refuses names that are not a lower-case SHA-256, path tricks included', async () => {
    const bytes = Buffer.from('x');
    const names = [
      '..%2F..%2Fetc%2Fpasswd',
      '%2E%2E',
      sha(bytes).toUpperCase(),
      sha(bytes).slice(1),
      `${sha(bytes)}.exe`,
      `${'../'.repeat(3)}${sha(bytes)}`.replace(/\//g, '%2F'),
      'a'.repeat(64).replace(/a$/, '%00'),
    ];
    for (const name of names) {
      const put1 = await put(alice, name, bytes);
      expect([400, 404]).toContain(put1.statusCode);
      const get1 = await get(alice, name);
      expect([400, 404]).toContain(get1.statusCode);
    }
    const escaped = readdirSync(path.dirname(t.config.blobDir));
    expect(escaped.filter((f) => f.includes('passwd'))).toEqual([]);
  });

  it('refuses uploads without a session or in another media type', async () => {
    const bytes = Buffer.from('hello');
    const anonymous = await t.server.app.inject({
      method: 'PUT',
      url: `/api/blobs/${sha(bytes)}`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: bytes,
    });
    expect(anonymous.statusCode).toBe(401);
    const json = await put(alice, sha(bytes), bytes, { 'content-type': 'application/json' });
    expect(json.statusCode).toBe(400);
  });
});
