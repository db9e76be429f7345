import type { FileHandle } from 'node:fs/promises';
import { backupError } from './format';
import { openChunk, sealChunk, SEALED_OVERHEAD, type StreamKey } from './crypto';

const PLAIN_BUFFER = 1024 * 1024;

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

/** Writes the body: buffered into 1 MiB pieces, each sealed when the file is encrypted. */
export class BodySink {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private counter = 0;
  written = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly stream: StreamKey | null,
  ) {}

  async write(bytes: Uint8Array): Promise<void> {
    // A copy: callers may reuse the buffer they hand in.
    this.pending.push(Buffer.from(bytes));
    this.pendingBytes += bytes.byteLength;
    this.written += bytes.byteLength;
    const size = this.stream?.chunkSize ?? PLAIN_BUFFER;
    if (this.pendingBytes < size) return;
    const all = Buffer.concat(this.pending);
    let offset = 0;
    while (all.length - offset >= size) {
      await this.emit(all.subarray(offset, offset + size), false);
      offset += size;
    }
    this.pending = offset < all.length ? [Buffer.from(all.subarray(offset))] : [];
    this.pendingBytes = all.length - offset;
  }

  /** Flushes what is left; an encrypted body always ends with a chunk flagged final. */
  async close(): Promise<void> {
    await this.emit(Buffer.concat(this.pending), true);
    this.pending = [];
    this.pendingBytes = 0;
  }

  private async emit(plain: Buffer, final: boolean): Promise<void> {
    if (!this.stream) {
      if (plain.length > 0) await writeAll(this.handle, plain);
      return;
    }
    await writeAll(this.handle, sealChunk(this.stream, this.counter, final, plain));
    this.counter += 1;
  }
}

const damaged = (detail: string) => backupError('damaged', detail);

/**
 * Reads the body back as plain bytes, decrypting and authenticating chunk by chunk. Any
 * inconsistency (a short read, a chunk that fails authentication, bytes after the end) is
 * reported as damage.
 */
export class BodySource {
  private queue: Buffer[] = [];
  private queued = 0;
  private position: number;
  private counter = 0;
  private finished = false;

  constructor(
    private readonly handle: FileHandle,
    start: number,
    private readonly fileSize: number,
    private readonly stream: StreamKey | null,
  ) {
    this.position = start;
  }

  /** How far into the file reading has got, for progress. */
  get filePosition(): number {
    return this.position;
  }

  /** Exactly `n` bytes (small reads: entry heads, manifests). */
  async read(n: number): Promise<Buffer> {
    while (this.queued < n) {
      if (!(await this.fill())) throw damaged('the file ends in the middle of an entry');
    }
    const all = this.queue.length === 1 ? (this.queue[0] ?? Buffer.alloc(0)) : Buffer.concat(this.queue);
    const out = Buffer.from(all.subarray(0, n));
    const rest = all.subarray(n);
    this.queue = rest.length > 0 ? [rest] : [];
    this.queued = rest.length;
    return out;
  }

  /** Streams `n` bytes to `onChunk` without holding them all. */
  async pipe(n: number, onChunk: (bytes: Buffer) => Promise<void> | void): Promise<void> {
    let left = n;
    while (left > 0) {
      if (this.queued === 0 && !(await this.fill())) throw damaged('the file ends in the middle of an entry');
      const head = this.queue.shift() ?? Buffer.alloc(0);
      const take = Math.min(left, head.length);
      const part = head.subarray(0, take);
      if (take < head.length) this.queue.unshift(head.subarray(take));
      this.queued -= take;
      left -= take;
      await onChunk(part);
    }
  }

  /** True when every byte has been consumed and the file ends exactly here. */
  async atEnd(): Promise<boolean> {
    if (this.queued > 0) return false;
    while (await this.fill()) if (this.queued > 0) return false;
    return this.position === this.fileSize;
  }

  private async readRaw(length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await this.handle.read(buffer, got, length - got, this.position + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    this.position += got;
    return got === length ? buffer : buffer.subarray(0, got);
  }

  private push(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.queue.push(bytes);
    this.queued += bytes.length;
  }

  /** Adds the next piece of plain bytes; false at the end of the body. */
  private async fill(): Promise<boolean> {
    if (this.finished || this.position >= this.fileSize) {
      if (this.stream && !this.finished) throw damaged('the encrypted body has no final chunk');
      return false;
    }
    if (!this.stream) {
      this.push(await this.readRaw(Math.min(PLAIN_BUFFER, this.fileSize - this.position)));
      return true;
    }
    const lengthBytes = await this.readRaw(4);
    if (lengthBytes.length < 4) throw damaged('a chunk header is cut short');
    const length = lengthBytes.readUInt32BE(0);
    if (length > this.stream.chunkSize) throw damaged('a chunk is larger than the file allows');
    const sealed = await this.readRaw(length + SEALED_OVERHEAD - 4);
    if (sealed.length < length + SEALED_OVERHEAD - 4) throw damaged('a chunk is cut short');
    const final = this.position === this.fileSize;
    const plain = openChunk(this.stream, this.counter, final, sealed);
    if (!plain) throw damaged(`chunk ${this.counter} failed authentication`);
    this.counter += 1;
    this.finished = final;
    this.push(plain);
    return true;
  }
}
