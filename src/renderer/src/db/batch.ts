import type { RxCollection } from 'rxdb';

/** One write larger than this froze the page for seconds at 100k documents. */
export const MAX_BATCH = 250;

export interface BatchProgress {
  done: number;
  total: number;
}

export interface BatchOptions {
  batchSize?: number;
  onProgress?: (progress: BatchProgress) => void;
  signal?: AbortSignal;
}

/** Lets the event loop breathe between batches so the UI keeps painting. */
export function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class BatchWriteError extends Error {
  constructor(
    readonly failures: { id: string; message: string }[],
    readonly written: number,
  ) {
    super(`${failures.length} document(s) could not be written; ${written} were written`);
    this.name = 'BatchWriteError';
  }
}

/**
 * Writes many documents in batches of at most 250, yielding between batches and reporting
 * progress. `mode: 'insert'` refuses existing ids; `'upsert'` replaces them.
 */
export async function writeInBatches<T extends object>(
  collection: RxCollection<T>,
  docs: readonly T[],
  mode: 'insert' | 'upsert',
  options: BatchOptions = {},
): Promise<number> {
  const size = Math.max(1, Math.min(options.batchSize ?? MAX_BATCH, MAX_BATCH));
  const failures: { id: string; message: string }[] = [];
  let written = 0;
  for (let start = 0; start < docs.length; start += size) {
    if (options.signal?.aborted) break;
    const batch = docs.slice(start, start + size);
    const result =
      mode === 'insert' ? await collection.bulkInsert([...batch]) : await collection.bulkUpsert([...batch]);
    written += result.success.length;
    for (const error of result.error) {
      failures.push({ id: String(error.documentId), message: `status ${error.status}` });
    }
    options.onProgress?.({ done: Math.min(start + size, docs.length), total: docs.length });
    await yieldToUi();
  }
  if (failures.length > 0) throw new BatchWriteError(failures, written);
  return written;
}
