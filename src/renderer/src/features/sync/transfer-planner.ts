import { bufferTime, filter } from 'rxjs';
import type { AttachmentDoc } from '../../../../shared/schema';
import type { DanganDatabase } from '../../db/database';
import { downloadCustomerFiles, keptCustomers } from './keep-offline';
import { queueDownloads, queueUploads } from './transfers';

/**
 * Decides which bytes move, from the attachment documents the window sees arrive:
 * - a file this user added: upload (main skips bytes that are not here or already sent, and the
 *   queue survives restarts, so nothing added offline is forgotten);
 * - a file of a customer kept offline: download in the background.
 * Also, at start, fetches whatever kept customers are still missing.
 */
export function startTransferPlanner(db: DanganDatabase, userId: string): () => void {
  let stopped = false;
  const sub = db.collections.attachments.insert$
    .pipe(
      bufferTime(500),
      filter((events) => events.length > 0),
    )
    .subscribe((events) => {
      void (async () => {
        const docs = events.map((e) => e.documentData as AttachmentDoc);
        const mine = docs.filter((d) => d.createdBy === userId).map((d) => ({ sha256: d.sha256, name: d.name }));
        if (mine.length > 0) await queueUploads(mine.slice(0, 1000)).catch(() => undefined);
        const kept = new Set(await keptCustomers(db, userId));
        const wanted = docs.filter((d) => kept.has(d.customerId)).map((d) => ({ sha256: d.sha256, name: d.name }));
        if (wanted.length > 0) await queueDownloads(wanted.slice(0, 1000)).catch(() => undefined);
      })();
    });
  void (async () => {
    for (const customerId of await keptCustomers(db, userId)) {
      if (stopped) return;
      await downloadCustomerFiles(db, customerId).catch(() => undefined);
    }
  })();
  return () => {
    stopped = true;
    sub.unsubscribe();
  };
}
