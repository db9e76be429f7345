import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobInfo, StoredFile } from '../../shared/ipc/attachments';
import { MAX_THUMBNAIL_BYTES, sha256Schema } from '../../shared/ipc/attachments';
import { IpcFailure } from '../../shared/ipc/define';
import { newSessionId } from '../settings/atomic';
import { detectType, SNIFF_BYTES, type DetectedType } from './detect';
import { isPreviewable } from './safety';
import { BlobWriter, tooLarge, type WrittenBlob } from './writer';

const SHARD = /^[0-9a-f]{2}$/;
const BLOB_NAME = /^[0-9a-f]{64}$/;

export interface StoredBlob {
  sha256: string;
  path: string;
  size: number;
  mtimeMs: number;
}

export function notStored(sha256: string): IpcFailure {
  return new IpcFailure('not-found', `no stored file ${sha256}`, 'attachments.errors.notFound');
}

/**
 * The content-addressed attachment store: `<root>/<aa>/<sha256>`, where `aa` is the first
 * two hex digits. Paths are built from a validated hash only, so nothing a user names a
 * file can reach outside `root`. Stored files are never modified, only added or removed.
 */
export class AttachmentStore {
  readonly tmpDir: string;
  readonly thumbsDir: string;
  readonly damagedDir: string;

  private constructor(
    readonly root: string,
    private readonly maxBytes: () => number,
  ) {
    this.tmpDir = path.join(root, 'tmp');
    this.thumbsDir = path.join(root, 'thumbs');
    this.damagedDir = path.join(root, 'damaged');
  }

  /** Opens (creating) the store; temporary files left by a crash are removed. */
  static async open(root: string, maxBytes: () => number): Promise<AttachmentStore> {
    const store = new AttachmentStore(path.resolve(root), maxBytes);
    await rm(store.tmpDir, { recursive: true, force: true });
    await mkdir(store.tmpDir, { recursive: true });
    await mkdir(store.thumbsDir, { recursive: true });
    return store;
  }

  blobPath(sha256: string): string {
    if (!sha256Schema.safeParse(sha256).success) throw new IpcFailure('invalid-argument', 'not a sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  thumbnailPath(sha256: string): string {
    return path.join(this.thumbsDir, sha256.slice(0, 2), this.blobPath(sha256).slice(-64));
  }

  limit(): number {
    return this.maxBytes();
  }

  async createWriter(): Promise<BlobWriter> {
    const temp = path.join(this.tmpDir, `${newSessionId()}.part`);
    return BlobWriter.create(temp, (sha) => this.blobPath(sha), this.maxBytes());
  }

  /** Imports a stream of bytes (a file being read, an upload) without holding it in memory. */
  async importStream(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, name: string): Promise<StoredFile> {
    const writer = await this.createWriter();
    try {
      for await (const chunk of source) await writer.write(chunk);
    } catch (error) {
      await writer.abort();
      throw error;
    }
    return toStoredFile(await writer.finish(name), name);
  }

  /** Imports a file the user chose in a dialog: its size is checked before a byte is copied. */
  async importFile(file: string, name = path.basename(file)): Promise<StoredFile> {
    const info = await stat(file);
    if (!info.isFile()) throw new IpcFailure('invalid-argument', 'not a file', 'attachments.errors.notAFile');
    if (info.size > this.maxBytes()) throw tooLarge(this.maxBytes());
    const writer = await this.createWriter();
    try {
      for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
        await writer.write(chunk as Buffer);
      }
    } catch (error) {
      await writer.abort();
      throw error;
    }
    return toStoredFile(await writer.finish(name), name);
  }

  async has(sha256: string): Promise<boolean> {
    return (await stat(this.blobPath(sha256)).catch(() => null))?.isFile() ?? false;
  }

  async detect(sha256: string, name = ''): Promise<DetectedType> {
    const handle = await open(this.blobPath(sha256), 'r').catch(() => {
      throw notStored(sha256);
    });
    try {
      const head = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
      return detectType(head.subarray(0, bytesRead), name);
    } finally {
      await handle.close();
    }
  }

  async info(sha256: string): Promise<BlobInfo | null> {
    const file = await stat(this.blobPath(sha256)).catch(() => null);
    if (!file?.isFile()) return null;
    const detected = await this.detect(sha256);
    const thumb = await stat(this.thumbnailPath(sha256)).catch(() => null);
    return {
      sha256,
      size: file.size,
      mime: detected.mime,
      category: detected.category,
      previewable: isPreviewable(detected),
      hasThumbnail: thumb?.isFile() ?? false,
    };
  }

  /** A slice of a stored file; reads at most `length` bytes. */
  async read(sha256: string, offset: number, length: number): Promise<{ bytes: Uint8Array; size: number }> {
    const handle = await open(this.blobPath(sha256), 'r').catch(() => {
      throw notStored(sha256);
    });
    try {
      const { size } = await handle.stat();
      const want = Math.max(0, Math.min(length, size - offset));
      const buffer = Buffer.alloc(want);
      let got = 0;
      while (got < want) {
        const { bytesRead } = await handle.read(buffer, got, want - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return { bytes: buffer.subarray(0, got), size };
    } finally {
      await handle.close();
    }
  }

  openReadStream(sha256: string): ReadStream {
    return createReadStream(this.blobPath(sha256), { highWaterMark: 1024 * 1024 });
  }

  /** Copies a stored file to a place the user chose ("save as"). */
  async copyTo(sha256: string, destination: string): Promise<void> {
    if (!(await this.has(sha256))) throw notStored(sha256);
    await pipeline(this.openReadStream(sha256), createWriteStream(destination));
  }

  /** Copies a stored file into a folder of ours under a name we made safe. */
  async copyInto(sha256: string, dir: string, fileName: string): Promise<string> {
    const target = path.join(dir, fileName);
    if (path.dirname(target) !== path.resolve(dir)) throw new IpcFailure('invalid-argument', 'unsafe file name');
    await mkdir(dir, { recursive: true });
    await copyFile(this.blobPath(sha256), target);
    return target;
  }

  /** Every stored blob; files that are not named like a hash are skipped. */
  async *list(): AsyncGenerator<StoredBlob> {
    const shards = (await readdir(this.root, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() && SHARD.test(entry.name))
      .map((entry) => entry.name)
      .sort();
    for (const shard of shards) {
      const names = (await readdir(path.join(this.root, shard))).filter((name) => BLOB_NAME.test(name)).sort();
      for (const name of names) {
        if (!name.startsWith(shard)) continue;
        const file = path.join(this.root, shard, name);
        const info = await stat(file).catch(() => null);
        if (info?.isFile()) yield { sha256: name, path: file, size: info.size, mtimeMs: info.mtimeMs };
      }
    }
  }

  async isEmpty(): Promise<boolean> {
    for await (const _blob of this.list()) return false;
    return true;
  }

  /** Moves a file whose hash the caller has verified into the store (backup restore). */
  async adopt(verifiedFile: string, sha256: string): Promise<void> {
    const target = this.blobPath(sha256);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(verifiedFile, target);
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.blobPath(sha256), { force: true });
    await rm(this.thumbnailPath(sha256), { force: true });
  }

  /** Moves a damaged file aside (kept for inspection, no longer served). */
  async quarantine(sha256: string): Promise<void> {
    await mkdir(this.damagedDir, { recursive: true });
    await rename(this.blobPath(sha256), path.join(this.damagedDir, `${sha256}.${Date.now()}`)).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      },
    );
    await rm(this.thumbnailPath(sha256), { force: true });
  }

  /** Keeps a thumbnail the renderer drew; only small PNG, JPEG or WebP images are accepted. */
  async putThumbnail(sha256: string, bytes: Uint8Array): Promise<boolean> {
    if (!(await this.has(sha256))) throw notStored(sha256);
    const detected = detectType(bytes);
    if (bytes.byteLength > MAX_THUMBNAIL_BYTES || !['png', 'jpeg', 'webp'].includes(detected.format)) {
      throw new IpcFailure('invalid-argument', 'a thumbnail must be a small PNG, JPEG or WebP image');
    }
    const target = this.thumbnailPath(sha256);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${newSessionId()}.tmp`;
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    return true;
  }

  async getThumbnail(sha256: string): Promise<{ bytes: Uint8Array; mime: string } | null> {
    const file = this.thumbnailPath(sha256);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile() || info.size > MAX_THUMBNAIL_BYTES) return null;
    const bytes = await readFile(file);
    return { bytes, mime: detectType(bytes).mime };
  }
}

export function toStoredFile(written: WrittenBlob, name: string): StoredFile {
  return {
    sha256: written.sha256,
    size: written.size,
    mime: written.detected.mime,
    category: written.detected.category,
    name,
    deduplicated: written.deduplicated,
  };
}
