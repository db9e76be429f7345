import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GcReport } from '../../shared/ipc/attachments';
import { writeFileAtomic } from '../settings/atomic';
import type { AttachmentStore } from './store';

const STATE_FILE = 'gc-state.json';

interface GcState {
  /** sha256 → when a GC run first found it unreferenced. */
  unreferencedSince: Record<string, number>;
}

async function loadState(file: string): Promise<GcState> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && 'unreferencedSince' in parsed) {
      const since = (parsed as { unreferencedSince: unknown }).unreferencedSince;
      if (since && typeof since === 'object') {
        const clean: Record<string, number> = {};
        for (const [sha, at] of Object.entries(since)) if (typeof at === 'number') clean[sha] = at;
        return { unreferencedSince: clean };
      }
    }
  } catch {
    // A missing or unreadable state only restarts every grace period: nothing is lost.
  }
  return { unreferencedSince: {} };
}

/**
 * Removes bytes that no record references. A blob is deleted only when it has been found
 * unreferenced for the whole grace period AND was not imported within it: bytes whose
 * document is still being written, or arrives later by sync, survive.
 */
export async function collectGarbage(
  store: AttachmentStore,
  referenced: ReadonlySet<string>,
  graceMs: number,
  now = Date.now(),
): Promise<GcReport> {
  const stateFile = path.join(store.root, STATE_FILE);
  const state = await loadState(stateFile);
  const next: GcState = { unreferencedSince: {} };
  const report: GcReport = { deleted: 0, bytesFreed: 0, pending: 0, kept: 0 };
  for await (const blob of store.list()) {
    if (referenced.has(blob.sha256)) {
      report.kept += 1;
      continue;
    }
    const since = state.unreferencedSince[blob.sha256] ?? now;
    if (now - since >= graceMs && now - blob.mtimeMs >= graceMs) {
      await store.remove(blob.sha256);
      report.deleted += 1;
      report.bytesFreed += blob.size;
    } else {
      next.unreferencedSince[blob.sha256] = since;
      report.pending += 1;
    }
  }
  await writeFileAtomic(stateFile, JSON.stringify(next));
  return report;
}
