import { addRxPlugin, type RxStorage } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import type { ReplicatedCollection } from '../../../../src/shared/schema';
import type { SessionUser } from '../../../../src/shared/users';
import { login } from '../../../../src/renderer/src/sync/api';
import { SyncEngine } from '../../../../src/renderer/src/sync/engine';
import { openSyncDatabase } from '../../../../src/renderer/src/sync/open-sync-db';
import { INITIAL_STATUS, type SyncStatus } from '../../../../src/renderer/src/sync/status';
import { chunkedWritesStorage } from '../../../../src/renderer/src/sync/chunked-storage';
import { Backoff } from '../../../../src/renderer/src/sync/backoff';
import { TEST_PASSWORD } from './server';

let devMode = false;

export function testStorage(base: RxStorage<unknown, unknown> = getRxStorageMemory() as RxStorage<unknown, unknown>): RxStorage<unknown, unknown> {
  if (!devMode) {
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
    devMode = true;
  }
  // validator outermost (dev-mode wants it, and it checks plaintext), then encryption, then chunking
  return wrappedValidateAjvStorage({
    storage: wrappedKeyEncryptionCryptoJsStorage({ storage: chunkedWritesStorage(base) }),
  }) as RxStorage<unknown, unknown>;
}

export interface TestClient {
  user: SessionUser;
  deviceId: string;
  token: string;
  engine: SyncEngine;
  db: Awaited<ReturnType<typeof openSyncDatabase>>['db'];
  statuses: SyncStatus[];
  status(): SyncStatus;
  waitFor(predicate: (status: SyncStatus) => boolean, timeoutMs?: number): Promise<SyncStatus>;
  close(): Promise<void>;
}

/** A laptop in Node: the same database layer and SyncEngine the worker runs, on memory storage. */
export async function startClient(options: {
  serverUrl: string;
  username: string;
  storage?: RxStorage<unknown, unknown>;
  name?: string;
  collections?: ReplicatedCollection[];
  token?: string;
  user?: SessionUser;
  deviceId?: string;
  backoff?: Backoff;
  firstTurnStallMs?: number;
}): Promise<TestClient> {
  let token = options.token;
  let user = options.user;
  const deviceId = options.deviceId ?? `dev-${options.username}-${Math.random().toString(36).slice(2, 10)}`;
  if (!token || !user) {
    const response = await login(options.serverUrl, {
      username: options.username,
      password: TEST_PASSWORD,
      deviceId,
      deviceName: 'node laptop',
    });
    token = response.token;
    user = response.user;
  }
  const signedIn = user;
  const { db, inbox } = await openSyncDatabase({
    name: options.name ?? `c${Math.random().toString(36).slice(2, 10)}`,
    storage: options.storage ?? testStorage(),
    multiInstance: false,
    currentUser: { id: () => signedIn.id },
    password: 'client-test-key-0123456789abcdef',
    userId: signedIn.id,
  });
  const statuses: SyncStatus[] = [];
  let current: SyncStatus = INITIAL_STATUS;
  const listeners = new Set<() => void>();
  const engine = new SyncEngine({
    db,
    inbox,
    user: signedIn,
    serverUrl: options.serverUrl,
    token,
    multiInstance: false,
    ...(options.collections ? { collections: options.collections } : {}),
    backoff: options.backoff ?? new Backoff(100, 2_000),
    ...(options.firstTurnStallMs ? { firstTurnStallMs: options.firstTurnStallMs } : {}),
    onStatus: (status) => {
      current = status;
      statuses.push(status);
      for (const l of listeners) l();
    },
  });
  await engine.start();
  return {
    user: signedIn,
    deviceId,
    token,
    engine,
    db,
    statuses,
    status: () => current,
    waitFor: (predicate, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(current)) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(current);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`status never matched; last: ${JSON.stringify(current)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
    close: async () => {
      await engine.stop();
      await db.close();
    },
  };
}
