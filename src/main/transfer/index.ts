import type { AttachmentStore } from '../attachments/store';
import type { SecureVault } from '../secure/vault';
import type { TransferServices } from './handlers';
import { TransferQueue } from './queue';

export { TransferQueue } from './queue';
export { transferHandlers, type TransferServices } from './handlers';

/** The transfer queue over the attachment store, with the vault's session as its server link. */
export async function openTransferServices(dataDir: string, store: AttachmentStore, vault: SecureVault): Promise<TransferServices> {
  const progressSink: TransferServices['progressSink'] = { emit: null };
  const queue = await TransferQueue.open(dataDir, {
    store,
    link: () => vault.link(),
    onProgress: (job) =>
      progressSink.emit?.('transfer:progress', {
        sha256: job.sha256,
        direction: job.direction,
        state: job.state,
        bytes: job.bytes,
        total: job.total,
        ...(job.error ? { error: job.error } : {}),
      }),
  });
  return { queue, progressSink };
}
