import type { FastifyInstance } from 'fastify';
import type { HealthReport } from '../shared/sync/protocol';
import type { Database } from './db/types';
import { schemaVersion } from './db/migrate';

export const SERVER_VERSION = '0.1.0';

/** `GET /api/health`: no sign-in; 200 when the database answers, 503 when it does not. */
export function registerHealthRoute(app: FastifyInstance, db: Database): void {
  app.get('/api/health', async (request, reply) => {
    const started = performance.now();
    let ok = true;
    let version = 0;
    try {
      version = await schemaVersion(db);
    } catch (error) {
      ok = false;
      request.log.warn({ err: error }, 'health check: database unreachable');
    }
    const report: HealthReport = {
      status: ok && db.feedConnected ? 'ok' : 'degraded',
      database: {
        kind: db.kind,
        ok,
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
        schemaVersion: version,
      },
      changeFeed: db.feedConnected,
      version: SERVER_VERSION,
    };
    return reply.status(ok ? 200 : 503).send(report);
  });
}
