import type { PayloadOf, TransferPriority, TransferSummary } from '../../../../shared/ipc';
import { bridge, invoke } from '../../platform/dangan';
import { unwrap } from './session';

type Progress = PayloadOf<'transfer:progress'>;

export function onTransferProgress(listener: (progress: Progress) => void): () => void {
  return bridge().on('transfer:progress', listener);
}

export function queueUploads(items: { sha256: string; name: string }[]): Promise<{ queued: number }> {
  return unwrap(invoke('transfer:upload', { items }));
}

export function queueDownloads(items: { sha256: string; name: string }[], priority: TransferPriority = 'background') {
  return unwrap(invoke('transfer:download', { items, priority }));
}

export function transferStatus(): Promise<TransferSummary> {
  return unwrap(invoke('transfer:status', {}));
}

export function retryTransfers(sha256?: string): Promise<{ retried: number }> {
  return unwrap(invoke('transfer:retry', sha256 ? { sha256 } : {}));
}

export class NotLocalError extends Error {
  constructor(readonly reason: string) {
    super(`the file is not on this laptop: ${reason}`);
    this.name = 'NotLocalError';
  }
}

/**
 * Makes sure a file's bytes are on this laptop, fetching them from the server first when they
 * are not (the user opened a file another laptop added). Resolves when they are stored; rejects
 * with the reason when the server cannot provide them within `timeoutMs`.
 */
export async function ensureLocal(
  sha256: string,
  name: string,
  options: { timeoutMs?: number; onProgress?: (bytes: number, total: number) => void } = {},
): Promise<void> {
  let unsubscribe: () => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new NotLocalError('timeout'));
    }, options.timeoutMs ?? 60_000);
    unsubscribe = onTransferProgress((p) => {
      if (p.sha256 !== sha256 || p.direction !== 'download') return;
      options.onProgress?.(p.bytes, p.total);
      if (p.state === 'done') {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      } else if (p.state === 'failed' || (p.state === 'queued' && p.error && p.error !== 'network' && p.error !== 'notOnServer')) {
        clearTimeout(timer);
        unsubscribe();
        reject(new NotLocalError(p.error ?? 'failed'));
      }
    });
  });
  const { present } = await queueDownloads([{ sha256, name: name.slice(0, 255) }], 'now');
  if (present.includes(sha256)) {
    unsubscribe();
    return;
  }
  await done;
}
