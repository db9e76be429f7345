import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { IntegrityReport } from '../../shared/ipc/attachments';
import type { AttachmentStore } from './store';

/**
 * Where damaged bytes can be fetched again. The sync feature provides one (download by
 * sha256 from the server); without a server nothing is repaired, only reported.
 */
export interface RepairSource {
  fetch(sha256: string): Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array> | null>;
}

export interface VerifyProgress {
  checked: number;
  total: number;
  bytes: number;
  damaged: number;
}

async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).byteLength;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Re-hashes every stored file. A file whose bytes no longer match its name (bit rot, a
 * truncated copy, an edit behind the app's back) is moved to quarantine so it is never
 * served again, then fetched from `repair` when one is given.
 */
export async function verifyStore(
  store: AttachmentStore,
  options: { repair?: RepairSource; onProgress?: (progress: VerifyProgress) => void } = {},
): Promise<IntegrityReport> {
  const blobs = [];
  for await (const blob of store.list()) blobs.push({ sha256: blob.sha256, path: blob.path });
  const report: IntegrityReport = { checked: 0, bytes: 0, damaged: [], repaired: [] };
  let lastReport = 0;
  for (const blob of blobs) {
    let actual: string | null;
    let size = 0;
    try {
      ({ sha256: actual, size } = await hashFile(blob.path));
    } catch {
      actual = null;
    }
    report.checked += 1;
    report.bytes += size;
    if (actual !== blob.sha256) {
      report.damaged.push({ sha256: blob.sha256, reason: actual === null ? 'unreadable' : 'mismatch' });
      await store.quarantine(blob.sha256);
      if (options.repair && (await repairOne(store, blob.sha256, options.repair))) {
        report.repaired.push(blob.sha256);
      }
    }
    const now = Date.now();
    if (options.onProgress && (now - lastReport > 200 || report.checked === blobs.length)) {
      lastReport = now;
      options.onProgress({ checked: report.checked, total: blobs.length, bytes: report.bytes, damaged: report.damaged.length });
    }
  }
  return report;
}

async function repairOne(store: AttachmentStore, sha256: string, source: RepairSource): Promise<boolean> {
  const stream = await source.fetch(sha256).catch(() => null);
  if (!stream) return false;
  const writer = await store.createWriter();
  try {
    for await (const chunk of stream) await writer.write(chunk);
  } catch {
    await writer.abort();
    return false;
  }
  const written = await writer.finish();
  if (written.sha256 === sha256) return true;
  // The source sent other bytes: they are not what the record refers to.
  if (!written.deduplicated) await store.remove(written.sha256);
  return false;
}
