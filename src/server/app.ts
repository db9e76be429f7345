import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerHistoryRoutes } from './audit/routes';
import { registerAuthRoutes } from './auth/routes';
import { registerBlobRoutes } from './blobs/routes';
import type { BlobStore } from './blobs/store';
import type { ServerConfig } from './config';
import type { Database } from './db/types';
import { ApiFailure, handleError } from './errors';
import { registerHealthRoute } from './health';
import type { ChangeHub } from './sync/hub';
import { registerSyncRoutes } from './sync/routes';
import { registerStreamRoute } from './sync/stream';
import type { DocValidators } from './sync/validate';

export interface AppDeps {
  db: Database;
  config: ServerConfig;
  hub: ChangeHub;
  blobs: BlobStore;
  validators: DocValidators;
}

/** The HTTP surface: routes only; opening and closing resources is server.ts's job. */
export function buildApp(deps: AppDeps): FastifyInstance {
  const { db, config, hub, blobs, validators } = deps;
  const https =
    config.tlsCertFile && config.tlsKeyFile
      ? { https: { cert: readFileSync(config.tlsCertFile), key: readFileSync(config.tlsKeyFile) } }
      : {};
  const app = Fastify({
    ...https,
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    // Hostile bodies: prototype keys are refused outright.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  // The API speaks JSON (and octet-stream for blobs, see blobs/routes.ts) only.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      error: 'notFound',
      message: `no route ${request.method} ${request.url.slice(0, 200)}`,
    });
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
  // The desktop app's window (app://dangan) and its sync worker call from another origin. Tokens
  // travel only in the Authorization header, never in cookies, so any origin may ask.
  app.addHook('onRequest', async (_request, reply) => {
    reply.raw.setHeader('access-control-allow-origin', '*');
  });
  app.options('/*', async (_request, reply) =>
    reply
      .status(204)
      .header('access-control-allow-methods', 'GET, POST, PUT')
      .header('access-control-allow-headers', 'authorization, content-type')
      .header('access-control-max-age', '600')
      .send(),
  );
  app.addHook('preClose', async () => {
    await hub.stop();
  });
  registerHealthRoute(app, db);
  registerAuthRoutes(app, db, config);
  registerSyncRoutes(app, db, config, validators);
  registerStreamRoute(app, db, config, hub);
  registerBlobRoutes(app, db, blobs);
  registerHistoryRoutes(app, db);
  return app;
}

export { ApiFailure };
