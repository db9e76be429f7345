import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './helpers/backends';
import { customerDoc } from './helpers/docs';
import {
  addUser,
  auth,
  pullAll,
  pullRaw,
  pushNew,
  pushRaw,
  startTestServer,
  type Doc,
  type Session,
  type TestServer,
} from './helpers/harness';

describe.each(BACKENDS)('hostile input on $name', (backend) => {
  let t: TestServer;
  let clerk: Session;

  beforeAll(async () => {
    t = await startTestServer(backend, {
      config: { pushBodyLimit: 256 * 1024, pushMaxRows: 50, pullMaxLimit: 500 },
    });
    clerk = await addUser(t, 'clerk', 'clerk');
  });
  afterAll(() => t.close());

  const rawPush = (payload: string, contentType = 'application/json') =>
    t.server.app.inject({
      method: 'POST',
      url: '/api/sync/customers/push',
      headers: { ...auth(clerk), 'content-type': contentType },
      payload,
    });

  async function storedCount(): Promise<number> {
    return (await pullAll(t, clerk, 'customers', undefined, 500)).documents.length;
  }

  it('refuses malformed JSON with 400 invalidJson and stores nothing', async () => {
    const before = await storedCount();
    for (const body of ['{"newDocumentState":', '[{]', 'nul', '']) {
      const response = await rawPush(body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalidJson' });
    }
    expect(await storedCount()).toBe(before);
  });

  it('refuses absurdly nested JSON as a client error, not a crash', async () => {
    const response = await rawPush('['.repeat(100_000) + ']'.repeat(100_000));
    expect(response.statusCode).toBe(400);
    const deep = customerDoc('rep', 'team', { note: undefined });
    let nested: unknown = 'bottom';
    for (let i = 0; i < 200; i++) nested = { n: nested };
    const [refused] = await pushNew(t, clerk, 'customers', [
      { ...deep, contacts: [{ ...(deep.contacts as object[])[0], nested }] },
    ]);
    expect(refused?._rejected).toMatchObject({ code: 'invalid' });
  });

  it('refuses a body over the limit with 413 and too many rows with 413', async () => {
    const docs = Array.from({ length: 40 }, () => ({
      newDocumentState: {
        ...customerDoc('rep', 'team', { note: 'x'.repeat(10_000) }),
        _deleted: false,
      },
    }));
    const huge = await rawPush(JSON.stringify(docs));
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ error: 'bodyTooLarge' });
    const many = Array.from({ length: 51 }, () => ({
      newDocumentState: { ...customerDoc('rep', 'team'), _deleted: false },
    }));
    const tooMany = await rawPush(JSON.stringify(many));
    expect(tooMany.statusCode).toBe(413);
  });

  it('answers an unknown collection with 404 and names the known ones', async () => {
    for (const name of ['nope', 'local', 'customers;DROP TABLE docs', 'Customers']) {
      const response = await pullRaw(t, clerk, encodeURIComponent(name));
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: 'unknownCollection' });
      expect(response.json().message).toContain('customers');
    }
    const push = await pushRaw(t, clerk, 'nope', []);
    expect(push.statusCode).toBe(404);
  });

  it('refuses a schema-invalid document naming the document and the field, and keeps the rest', async () => {
    const good = customerDoc('rep', 'team');
    const missing = customerDoc('rep', 'team');
    delete (missing as Partial<Doc>).name;
    const wrongEnum = customerDoc('rep', 'team', { type: 'martian' });
    const tooLong = customerDoc('rep', 'team', {
      contacts: [{ id: 'c1', name: 'x'.repeat(101), isPrimary: true, isEmergency: false }],
    });
    const result = await pushNew(t, clerk, 'customers', [missing, good, wrongEnum, tooLong]);
    expect(result.map((r) => r._rejected)).toEqual([
      expect.objectContaining({ code: 'invalid', documentId: missing.id, field: 'name' }),
      expect.objectContaining({ code: 'invalid', documentId: wrongEnum.id, field: 'type' }),
      expect.objectContaining({
        code: 'invalid',
        documentId: tooLong.id,
        field: 'contacts.0.name',
      }),
    ]);
    expect(result.every((r) => r._deleted === true)).toBe(true);
    const ids = (await pullAll(t, clerk, 'customers', undefined, 500)).documents.map((d) => d.id);
    expect(ids).toContain(good.id);
    expect(ids).not.toContain(missing.id);
  });

  it('refuses text PostgreSQL cannot store or that is not Unicode, per document', async () => {
    const nul = customerDoc('rep', 'team', { name: 'a\u0000b' });
    const surrogate = customerDoc('rep', 'team', { note: 'bad \ud800 text' });
    const reserved = { ...customerDoc('rep', 'team'), _secret: 1 };
    const result = await pushNew(t, clerk, 'customers', [nul, surrogate, reserved]);
    expect(result.map((r) => r._rejected?.field)).toEqual(['name', 'note', '_secret']);
  });

  it('stores text that looks like SQL quoting exactly as sent', async () => {
    const tricky = [
      '$q$); DROP TABLE docs; --',
      'ends with $q',
      "'; SELECT 1; --",
      '\\ and \\x00 and $$',
    ];
    const docs = tricky.map((name) => customerDoc('rep', 'team', { name, note: `$q${name}$q$` }));
    expect(await pushNew(t, clerk, 'customers', docs)).toEqual([]);
    const stored = (await pullAll(t, clerk, 'customers', undefined, 500)).documents;
    for (const doc of docs)
      expect(stored.find((d) => d.id === doc.id)).toEqual({ ...doc, _deleted: false });
  });

  it('refuses prototype pollution keys outright', async () => {
    const doc = customerDoc('rep', 'team');
    const body = `[{"newDocumentState":${JSON.stringify(doc).replace('{', '{"__proto__":{"admin":true},')}}]`;
    const response = await rawPush(body);
    expect(response.statusCode).toBe(400);
  });

  it('refuses bodies that are not push rows, naming the row', async () => {
    const cases: [unknown, RegExp][] = [
      [{ not: 'an array' }, /array/],
      [[{ newDocumentState: 'x' }], /row 0/],
      [[{ newDocumentState: { name: 'no id' } }], /row 0: id/],
      [[{ newDocumentState: { id: 'x'.repeat(41) } }], /row 0: id/],
      [
        [
          { newDocumentState: customerDoc('r', 't') },
          { newDocumentState: { id: 'a', x: 1 }, assumedMasterState: { id: 'b' } },
        ],
        /row 1: assumedMasterState/,
      ],
    ];
    const dup = customerDoc('r', 't');
    cases.push([[{ newDocumentState: dup }, { newDocumentState: dup }], /twice/]);
    for (const [body, message] of cases) {
      const response = await pushRaw(t, clerk, 'customers', body);
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(message);
    }
  });

  it('refuses other media types', async () => {
    const response = await rawPush('[]', 'text/plain');
    expect(response.statusCode).toBe(415);
  });

  it('refuses bad checkpoints and limits on pull', async () => {
    const bad = [
      '{',
      '{"seq":-1,"scope":1}',
      '{"seq":1}',
      '{"seq":1,"scope":1,"extra":true}',
      '"text"',
    ];
    for (const checkpoint of bad) {
      const response = await t.server.app.inject({
        method: 'GET',
        url: `/api/sync/customers/pull?checkpoint=${encodeURIComponent(checkpoint)}`,
        headers: auth(clerk),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalidCheckpoint' });
    }
    for (const limit of ['0', '-5', '501', 'ten', '1.5']) {
      const response = await t.server.app.inject({
        method: 'GET',
        url: `/api/sync/customers/pull?limit=${limit}`,
        headers: auth(clerk),
      });
      expect(response.statusCode).toBe(400);
    }
  });

  it('refuses requests without a valid token before touching data', async () => {
    const tokens = [
      undefined,
      'Bearer',
      'Bearer nonsense',
      `Bearer dgn_${'A'.repeat(43)}`,
      `Basic ${clerk.token}`,
    ];
    for (const header of tokens) {
      const response = await t.server.app.inject({
        method: 'GET',
        url: '/api/sync/customers/pull',
        headers: header ? { authorization: header } : {},
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: 'unauthorized' });
    }
  });
});
