import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { CollectionName } from '../../shared/schema';
import type { AttachmentStore } from '../attachments/store';
import { fsyncDir } from '../settings/atomic';
import { newEncryption } from './crypto';
import { BodySink } from './io';
import {
  encodeEntryHead,
  encodeHeader,
  FORMAT_VERSION,
  type EntryType,
  type Manifest,
  type ManifestEntry,
} from './format';

const SHA256 = /^[0-9a-f]{64}$/;

export interface WriteProgress {
  done: number;
  total: number;
}

/**
 * Writes one backup file: documents arrive in chunks from the renderer (main never reads the
 * database), then `finish` appends the bytes of every referenced attachment, the manifest
 * and the end mark, syncs, and renames the temporary file into place.
 */
export class BackupWriter {
  private readonly entries: ManifestEntry[] = [];
  private readonly documents: Partial<Record<CollectionName, number>> = {};
  private readonly referenced = new Set<string>();
  private readonly bodyHash = createHash('sha256');
  private done = false;

  private constructor(
    private readonly handle: FileHandle,
    private readonly sink: BodySink,
    private readonly tempPath: string,
    readonly finalPath: string,
    readonly createdAt: number,
    readonly encrypted: boolean,
  ) {}

  static async create(finalPath: string, options: { passphrase?: string; appVersion: string; now: number }): Promise<BackupWriter> {
    const encryption = options.passphrase ? await newEncryption(options.passphrase) : null;
    const head = encodeHeader({
      format: 'dangan-backup',
      version: FORMAT_VERSION,
      createdAt: options.now,
      app: { version: options.appVersion },
      encryption: encryption?.header ?? null,
    });
    const tempPath = path.join(path.dirname(finalPath), `.${path.basename(finalPath)}.part`);
    const handle = await open(tempPath, 'wx', 0o600);
    try {
      let offset = 0;
      while (offset < head.length) offset += (await handle.write(head, offset)).bytesWritten;
    } catch (error) {
      await handle.close();
      await rm(tempPath, { force: true });
      throw error;
    }
    const stream = encryption
      ? {
          key: encryption.key,
          noncePrefix: encryption.noncePrefix,
          aad: createHash('sha256').update(head).digest(),
          chunkSize: encryption.header.chunkSize,
        }
      : null;
    return new BackupWriter(handle, new BodySink(handle, stream), tempPath, finalPath, options.now, encryption !== null);
  }

  get documentCounts(): Partial<Record<CollectionName, number>> {
    return { ...this.documents };
  }

  private async writeBody(bytes: Uint8Array): Promise<void> {
    this.bodyHash.update(bytes);
    await this.sink.write(bytes);
  }

  private async writeEntry(type: EntryType, name: string, data: Buffer): Promise<void> {
    await this.writeBody(encodeEntryHead(type, name, data.length));
    await this.writeBody(data);
  }

  async addDocs(collection: CollectionName, docs: readonly Record<string, unknown>[]): Promise<number> {
    if (docs.length === 0) return this.documents[collection] ?? 0;
    const data = Buffer.from(`${docs.map((doc) => JSON.stringify(doc)).join('\n')}\n`, 'utf8');
    await this.writeEntry('docs', collection, data);
    this.entries.push({
      type: 'docs',
      name: collection,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      docs: docs.length,
    });
    this.documents[collection] = (this.documents[collection] ?? 0) + docs.length;
    if (collection === 'attachments') {
      for (const doc of docs) if (typeof doc['sha256'] === 'string' && SHA256.test(doc['sha256'])) this.referenced.add(doc['sha256']);
    }
    return this.documents[collection] ?? 0;
  }

  async finish(store: AttachmentStore, onProgress?: (progress: WriteProgress) => void): Promise<Manifest & { bytes: number }> {
    const missingBlobs: string[] = [];
    const damagedBlobs: string[] = [];
    const present: { sha256: string; size: number }[] = [];
    for (const sha256 of [...this.referenced].sort()) {
      const info = await stat(store.blobPath(sha256)).catch(() => null);
      if (info?.isFile()) present.push({ sha256, size: info.size });
      else missingBlobs.push(sha256);
    }
    const total = present.reduce((sum, blob) => sum + blob.size, 0);
    let done = 0;
    let lastReport = 0;
    for (const blob of present) {
      await this.writeBody(encodeEntryHead('blob', blob.sha256, blob.size));
      const hash = createHash('sha256');
      let copied = 0;
      const source = blob.size > 0 ? createReadStream(store.blobPath(blob.sha256), { highWaterMark: 1024 * 1024, end: blob.size - 1 }) : [];
      for await (const chunk of source) {
        const bytes = chunk as Buffer;
        hash.update(bytes);
        copied += bytes.length;
        done += bytes.length;
        await this.writeBody(bytes);
        if (onProgress && Date.now() - lastReport > 200) {
          lastReport = Date.now();
          onProgress({ done, total });
        }
      }
      if (copied !== blob.size) throw new Error(`attachment ${blob.sha256} changed size while being backed up`);
      const actual = hash.digest('hex');
      // Bytes that no longer match their name are kept out of any restore (the manifest says so).
      if (actual !== blob.sha256) damagedBlobs.push(blob.sha256);
      this.entries.push({ type: 'blob', name: blob.sha256, size: blob.size, sha256: actual });
    }
    onProgress?.({ done: total, total });
    const manifest: Manifest = { entries: this.entries, documents: this.documents, missingBlobs, damagedBlobs };
    await this.writeEntry('manifest', 'manifest', Buffer.from(JSON.stringify(manifest), 'utf8'));
    const bodyDigest = this.bodyHash.copy().digest();
    await this.sink.write(encodeEntryHead('end', 'end', bodyDigest.length));
    await this.sink.write(bodyDigest);
    await this.sink.close();
    await this.handle.sync();
    await this.handle.close();
    this.done = true;
    await rename(this.tempPath, this.finalPath);
    await fsyncDir(path.dirname(this.finalPath));
    const bytes = (await stat(this.finalPath)).size;
    return { ...manifest, bytes };
  }

  async abort(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.handle.close().catch(() => undefined);
    }
    await rm(this.tempPath, { force: true });
  }
}
