import { addRxPlugin, type RxStorage } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { openDatabase, type DanganDatabase } from '../../../src/renderer/src/db/database';

let devModeAdded = false;

/**
 * A test database: RxDB memory storage wrapped by the schema validator, dev-mode on.
 * (Dev-mode and the validator are for tests only; the app never loads them.)
 */
export async function openMemoryDatabase(userId = 'tester'): Promise<DanganDatabase> {
  if (!devModeAdded) {
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
    devModeAdded = true;
  }
  // Validation outermost (dev-mode requires it) sees plaintext; encryption sits below it.
  const storage = wrappedValidateAjvStorage({
    storage: wrappedKeyEncryptionCryptoJsStorage({ storage: getRxStorageMemory() }),
  }) as RxStorage<unknown, unknown>;
  return openDatabase({
    name: `test${Math.random().toString(36).slice(2, 10)}`,
    storage,
    multiInstance: false,
    currentUser: { id: () => userId },
    password: 'memory-test-key-0123456789abcdef',
  });
}
