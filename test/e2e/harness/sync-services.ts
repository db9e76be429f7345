import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AttachmentStore } from '../../../src/main/attachments/store';
import { openSyncServices } from '../../../src/main/secure';
import { AesSafeStorage } from '../../main/secure/aes-safe-storage';

/**
 * The sync feature's main services for a test app: the real vault and transfer queue, with
 * safeStorage replaced by real AES-GCM under a key kept beside the data folder (as the OS
 * keychain outlives an app restart). Cheap scrypt for offline verifiers keeps tests quick.
 */
export async function createSyncTestServices(dataDir: string, store: AttachmentStore) {
  const keyFile = path.join(dataDir, 'test-keychain.key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  const key = Buffer.from(readFileSync(keyFile, 'utf8'), 'hex');
  return openSyncServices({ dataDir, safeStorage: new AesSafeStorage(key), store, scryptN: 2 ** 12 });
}
