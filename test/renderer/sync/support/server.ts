import type { Role } from '../../../../src/shared/users';
import { createUser } from '../../../../src/server/auth/users';
import { BACKENDS, type Backend } from '../../../server/helpers/backends';
import { startTestServer, TEST_PASSWORD, type TestServer, type TestServerOptions } from '../../../server/helpers/harness';

export { TEST_PASSWORD };

export interface HttpTestServer {
  t: TestServer;
  url: string;
  port: number;
  addUser(username: string, role: Role, teamId?: string): Promise<void>;
  close(options?: { keep?: boolean }): Promise<void>;
}

/**
 * The real sync server (the server helper's createServer, PGlite unless told otherwise),
 * listening on 127.0.0.1 so clients reach it over real HTTP and SSE, as laptops do.
 */
export async function startHttpServer(options: TestServerOptions & { port?: number; backend?: Backend } = {}): Promise<HttpTestServer> {
  const backend = options.backend ?? BACKENDS[0]!;
  const t = await startTestServer(backend, options);
  await t.server.app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = t.server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    t,
    url: `http://127.0.0.1:${port}`,
    port,
    addUser: async (username, role, teamId = '') => {
      await createUser(t.server.db, { username, role, teamId, password: TEST_PASSWORD }, t.config.scryptCost);
    },
    close: (closeOptions) => t.close(closeOptions),
  };
}
