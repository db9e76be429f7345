import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESYNC } from '../../src/shared/sync/protocol';
import { POSTGRES_URL, type Backend } from './helpers/backends';
import { customerDoc } from './helpers/docs';
import {
  addUser,
  asMaster,
  login,
  newDeviceId,
  pushNew,
  startTestServer,
  type Session,
  type TestServer,
} from './helpers/harness';
import { isChange, SseClient, type ChangeMessage } from './helpers/sse';

describe('instances of the embedded database', () => {
  it('refuses a second server on the same PGlite folder: it serves one process', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'dangan-lock-'));
    const first = await startTestServer({ name: 'pglite' }, { dataDir });
    try {
      await expect(startTestServer({ name: 'pglite' }, { dataDir })).rejects.toThrow(
        /in use by process/,
      );
    } finally {
      await first.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/**
 * Several instances behind a load balancer share one PostgreSQL and keep nothing another
 * instance needs. Only PostgreSQL can be shared (PGlite lives in one process), so this suite
 * runs when DANGAN_TEST_DATABASE_URL is set, as it is in CI.
 */
if (POSTGRES_URL) {
  const backend: Backend = { name: 'postgres', url: POSTGRES_URL };

  describe('two server instances on one PostgreSQL', () => {
    let a: TestServer;
    let b: TestServer;
    let urlB: string;
    let writer: Session;
    let readerOnB: Session;

    beforeAll(async () => {
      a = await startTestServer(backend, { config: { loginMaxPerUser: 3 } });
      b = await startTestServer(backend, {
        schema: a.config.databaseSchema,
        config: { loginMaxPerUser: 3 },
      });
      await a.server.app.listen({ host: '127.0.0.1', port: 0 });
      urlB = await b.server.app.listen({ host: '127.0.0.1', port: 0 });
      writer = await addUser(a, 'writer', 'clerk');
      await addUser(a, 'reader', 'manager');
      readerOnB = await login(b, 'reader');
    });
    afterAll(async () => {
      await b.close();
      await a.close();
    });

    it('a push on one instance reaches a stream client of the other', async () => {
      const stream = await SseClient.connect(urlB, readerOnB.token);
      try {
        expect(await stream.next()).toBe(RESYNC);
        for (let i = 0; i < 5; i++) {
          const doc = customerDoc('rep', 'team');
          expect(await pushNew(a, writer, 'customers', [doc])).toEqual([]);
          const event = await stream.next<ChangeMessage>(isChange('customers', doc.id));
          expect(event.documents).toEqual([asMaster(doc)]);
        }
      } finally {
        stream.close();
      }
    });

    it('a session signed in on one instance works on the other, and ends on both', async () => {
      const me = (t: TestServer, token: string) =>
        t.server.app.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${token}` },
        });
      expect((await me(b, writer.token)).statusCode).toBe(200);
      const stream = await SseClient.connect(urlB, writer.token);
      expect(await stream.next()).toBe(RESYNC);
      await a.server.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { authorization: `Bearer ${writer.token}` },
      });
      expect((await me(b, writer.token)).statusCode).toBe(401);
      // The logout on A reaches B's stream through NOTIFY, and B ends it.
      await stream.ended;
    });

    it('counts sign-in attempts across instances', async () => {
      const attempt = (t: TestServer) =>
        t.server.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '10.20.0.1',
          payload: {
            username: 'reader',
            password: 'wrong password',
            deviceId: newDeviceId(),
            deviceName: '',
          },
        });
      expect((await attempt(a)).statusCode).toBe(401);
      expect((await attempt(b)).statusCode).toBe(401);
      expect((await attempt(a)).statusCode).toBe(401);
      expect((await attempt(b)).statusCode).toBe(429);
    });
  });
}
