import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { withInsertsWithoutRead } from './dexie-inserts';
import { withIndexedChangeReads } from './dexie-reads';
import { wrappedWebCryptoEncryptionStorage } from './encryption-webcrypto';

/**
 * IndexedDB through Dexie — the same Dexie copy RxDB pins (a second copy on the page throws).
 * Strict durability: IndexedDB commits are flushed to disk before a write resolves, so a save
 * the user sees confirmed survives a crash or power loss.
 * Wrapped by field encryption: fields a schema lists as `encrypted` are stored as ciphertext
 * under the key the database is opened with (kept by main in safeStorage). WebCrypto AES-GCM
 * (encryption-webcrypto.ts) rather than crypto-js, which made 100k customers take minutes.
 * Pages of changes are read with one index read each (dexie-reads.ts); inserts are written
 * without reading them first (dexie-inserts.ts).
 */
export function browserStorage() {
  return wrappedWebCryptoEncryptionStorage({
    storage: withIndexedChangeReads(withInsertsWithoutRead(getRxStorageDexie({ chromeTransactionDurability: 'strict' }))),
  });
}
