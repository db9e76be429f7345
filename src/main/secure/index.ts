import { hostname } from 'node:os';
import type { AttachmentStore } from '../attachments/store';
import { openTransferServices, type TransferServices } from '../transfer';
import type { SafeStorageLike } from './safe-storage';
import { SecureVault } from './vault';

export { SecureVault } from './vault';
export type { SafeStorageLike } from './safe-storage';

/**
 * The sync feature's main-process services: the vault of secrets (session token, database
 * keys, offline verifiers) and the attachment transfer queue that uses its session.
 */
export async function openSyncServices(options: {
  dataDir: string;
  safeStorage: SafeStorageLike;
  store: AttachmentStore;
  scryptN?: number;
}): Promise<{ secure: SecureVault; transfer: TransferServices }> {
  const secure = await SecureVault.open(options.dataDir, options.safeStorage, {
    hostname: hostname(),
    ...(options.scryptN !== undefined ? { scryptN: options.scryptN } : {}),
  });
  const transfer = await openTransferServices(options.dataDir, options.store, secure);
  return { secure, transfer };
}
