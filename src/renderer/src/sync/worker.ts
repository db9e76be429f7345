/// <reference lib="webworker" />
/**
 * The sync worker: a dedicated Web Worker that opens the signed-in user's database (the same
 * IndexedDB as the window, multiInstance) and runs the SyncEngine, so pulling and writing
 * 100k documents never runs on the UI thread. Only one worker replicates (leader election),
 * should a second window ever start one.
 */
import { addRxPlugin } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { browserStorage } from '../db/storage';
import type { DanganDatabase } from '../db/database';
import { chunkedWritesStorage } from './chunked-storage';
import { SyncEngine } from './engine';
import type { FromWorker, ToWorker } from './messages';
import { openSyncDatabase } from './open-sync-db';

declare const self: DedicatedWorkerGlobalScope;

addRxPlugin(RxDBLeaderElectionPlugin);

let engine: SyncEngine | null = null;
let db: DanganDatabase | null = null;
let starting: Promise<void> | null = null;

function post(message: FromWorker): void {
  self.postMessage(message);
}

async function start(message: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const opened = await openSyncDatabase({
    name: message.dbName,
    storage: chunkedWritesStorage(browserStorage()),
    multiInstance: true,
    password: message.password,
    currentUser: { id: () => message.user.id },
    userId: message.user.id,
  });
  db = opened.db;
  engine = new SyncEngine({
    db: opened.db,
    inbox: opened.inbox,
    user: message.user,
    serverUrl: message.serverUrl,
    token: message.token,
    multiInstance: true,
    onStatus: (status) => post({ type: 'status', status }),
  });
  await engine.start();
}

async function stop(): Promise<void> {
  await starting?.catch(() => undefined);
  await engine?.stop();
  await db?.close();
  engine = null;
  db = null;
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'start':
      starting = start(message).catch((error: unknown) => {
        post({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
      });
      break;
    case 'token':
      engine?.setToken(message.token);
      break;
    case 'syncNow':
      engine?.syncNow();
      break;
    case 'pending':
      void (async () => {
        await starting?.catch(() => undefined);
        const pending = engine ? await engine.pendingCounts().catch(() => null) : null;
        post({ type: 'pending', requestId: message.requestId, pending });
      })();
      break;
    case 'stop':
      void stop().finally(() => post({ type: 'stopped', requestId: message.requestId }));
      break;
  }
});

// Connectivity hints from the browser: a laptop that rejoins a network tries at once.
self.addEventListener('online', () => engine?.syncNow());
