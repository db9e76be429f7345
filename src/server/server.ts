import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { ensureAdmin, type AdminBootstrap } from './auth/bootstrap';
import { sweepAttempts } from './auth/rate-limit';
import { BlobStore } from './blobs/store';
import type { ServerConfig } from './config';
import { startMaintenance } from './db/maintenance';
import { openDatabase } from './db/open';
import type { Database } from './db/types';
import { ChangeHub } from './sync/hub';
import { compileValidators } from './sync/validate';

export interface DanganServer {
  app: FastifyInstance;
  db: Database;
  hub: ChangeHub;
  config: ServerConfig;
  schemaVersion: number;
  admin: AdminBootstrap;
  /** Stops accepting requests, ends live streams, waits for requests in flight, closes the database. */
  close(): Promise<void>;
}

/** Opens everything the server needs and builds the app, without listening (tests inject). */
export async function createServer(config: ServerConfig): Promise<DanganServer> {
  const opened = await openDatabase(config, (error) => console.error('database:', error.message));
  const { db } = opened;
  try {
    const admin = await ensureAdmin(db, {
      adminPassword: config.adminPassword,
      scryptCost: config.scryptCost,
    });
    await sweepAttempts(db, config.loginWindowMs);
    const blobs = new BlobStore(config.blobDir, config.blobMaxBytes);
    await blobs.init();
    // The hub needs the app's logger, and the app needs the hub.
    const logger: { current?: FastifyInstance['log'] } = {};
    const hub = new ChangeHub(db, { warn: (obj, msg) => logger.current?.warn(obj, msg) });
    const app = buildApp({ db, config, hub, blobs, validators: compileValidators() });
    logger.current = app.log;
    await hub.start();
    const stopMaintenance = startMaintenance(db, config.maintenanceMs, app.log);
    let closing: Promise<void> | undefined;
    return {
      app,
      db,
      hub,
      config,
      schemaVersion: opened.schemaVersion,
      admin,
      close() {
        closing ??= (async () => {
          stopMaintenance();
          try {
            await app.close();
          } finally {
            await hub.stop();
            await opened.close();
          }
        })();
        return closing;
      },
    };
  } catch (error) {
    await opened.close().catch(() => undefined);
    throw error;
  }
}
