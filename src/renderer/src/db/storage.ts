import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';

/**
 * IndexedDB through Dexie — the same Dexie copy RxDB pins (a second copy on the page throws).
 * Strict durability: IndexedDB commits are flushed to disk before a write resolves, so a save
 * the user sees confirmed survives a crash or power loss.
 */
export function browserStorage() {
  return getRxStorageDexie({ chromeTransactionDurability: 'strict' });
}
