import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, rename, rm, stat, utimes, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { IpcFailure } from '../../shared/ipc/define';
import { fsyncDir } from '../settings/atomic';
import { detectType, SNIFF_BYTES, type DetectedType } from './detect';

export interface WrittenBlob {
  sha256: string;
  size: number;
  detected: DetectedType;
  deduplicated: boolean;
}

export function tooLarge(maxBytes: number): IpcFailure {
  return new IpcFailure(
    'too-large',
    `the file is larger than the limit of ${Math.round(maxBytes / 1024 / 1024)} MiB`,
    'attachments.errors.tooLarge',
  );
}

/**
 * Streams one file into the store: every chunk is hashed and appended to a temporary file in
 * the store's own folder (same file system, so the final rename is atomic); finish syncs it
 * and renames it to its hash. Only the first few KiB are kept in memory, for type detection.
 */
export class BlobWriter {
  private readonly hash: Hash = createHash('sha256');
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private written = 0;
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    private readonly tempPath: string,
    private readonly finalPathOf: (sha256: string) => string,
    private readonly maxBytes: number,
  ) {}

  static async create(
    tempPath: string,
    finalPathOf: (sha256: string) => string,
    maxBytes: number,
  ): Promise<BlobWriter> {
    const handle = await open(tempPath, 'wx', 0o600);
    return new BlobWriter(handle, tempPath, finalPathOf, maxBytes);
  }

  get size(): number {
    return this.written;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.closed) throw new Error('write after the file was finished');
    if (this.written + chunk.byteLength > this.maxBytes) {
      await this.abort();
      throw tooLarge(this.maxBytes);
    }
    this.hash.update(chunk);
    if (this.headBytes < SNIFF_BYTES) {
      const part = Buffer.from(chunk.subarray(0, SNIFF_BYTES - this.headBytes));
      this.head.push(part);
      this.headBytes += part.byteLength;
    }
    let offset = 0;
    while (offset < chunk.byteLength) {
      const { bytesWritten } = await this.handle.write(chunk, offset, chunk.byteLength - offset);
      offset += bytesWritten;
    }
    this.written += chunk.byteLength;
  }

  /** Syncs, names the file by its hash, and drops it if the same bytes are already stored. */
  async finish(name = ''): Promise<WrittenBlob> {
    if (this.closed) throw new Error('the file was already finished');
    this.closed = true;
    try {
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
    const sha256 = this.hash.digest('hex');
    const detected = detectType(Buffer.concat(this.head), name);
    const finalPath = this.finalPathOf(sha256);
    const dir = path.dirname(finalPath);
    await mkdir(dir, { recursive: true });
    const existing = await stat(finalPath).catch(() => null);
    // A stored file of another size is damaged: the fresh copy replaces it.
    if (existing && existing.size === this.written) {
      await rm(this.tempPath, { force: true });
      // A fresh import restarts the garbage collector's grace period for these bytes.
      const now = new Date();
      await utimes(finalPath, now, now);
      return { sha256, size: this.written, detected, deduplicated: true };
    }
    await rename(this.tempPath, finalPath);
    await fsyncDir(dir);
    return { sha256, size: this.written, detected, deduplicated: false };
  }

  async abort(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await this.handle.close().catch(() => undefined);
    }
    await rm(this.tempPath, { force: true });
  }
}
