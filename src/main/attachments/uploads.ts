import { IpcFailure } from '../../shared/ipc/define';
import { newSessionId } from '../settings/atomic';
import { toStoredFile, type AttachmentStore } from './store';
import { tooLarge, type BlobWriter } from './writer';
import type { StoredFile } from '../../shared/ipc/attachments';

interface Upload {
  writer: BlobWriter;
  name: string;
  size: number;
  senderId: number;
  touchedAt: number;
}

const MAX_OPEN_UPLOADS = 16;
/** An upload nobody has touched for this long is dropped (the window closed, the app crashed). */
const IDLE_MS = 10 * 60 * 1000;

const unknownUpload = () =>
  new IpcFailure('not-found', 'no such upload (finished, aborted or expired)', 'attachments.errors.uploadExpired');

/**
 * Uploads from the renderer: bytes it holds (a dropped file, a pasted image) arrive in
 * chunks and are streamed into the store as they come. Each upload belongs to the window
 * that began it.
 */
export class UploadSessions {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly store: AttachmentStore,
    private readonly now: () => number = Date.now,
  ) {}

  async begin(senderId: number, name: string, size: number): Promise<string> {
    await this.sweep();
    if (size > this.store.limit()) throw tooLarge(this.store.limit());
    if (this.uploads.size >= MAX_OPEN_UPLOADS) {
      throw new IpcFailure('refused', 'too many uploads at once', 'attachments.errors.busy');
    }
    const id = newSessionId();
    const writer = await this.store.createWriter();
    this.uploads.set(id, { writer, name, size, senderId, touchedAt: this.now() });
    return id;
  }

  async chunk(senderId: number, id: string, bytes: Uint8Array): Promise<number> {
    const upload = this.get(senderId, id);
    if (upload.writer.size + bytes.byteLength > upload.size) {
      await this.abort(senderId, id);
      throw new IpcFailure('invalid-argument', 'more bytes than announced', 'attachments.errors.incomplete');
    }
    try {
      await upload.writer.write(bytes);
    } catch (error) {
      this.uploads.delete(id);
      await upload.writer.abort();
      throw error;
    }
    upload.touchedAt = this.now();
    return upload.writer.size;
  }

  async finish(senderId: number, id: string): Promise<StoredFile> {
    const upload = this.get(senderId, id);
    this.uploads.delete(id);
    if (upload.writer.size !== upload.size) {
      await upload.writer.abort();
      throw new IpcFailure(
        'invalid-argument',
        `received ${upload.writer.size} of ${upload.size} bytes`,
        'attachments.errors.incomplete',
      );
    }
    return toStoredFile(await upload.writer.finish(upload.name), upload.name);
  }

  async abort(senderId: number, id: string): Promise<boolean> {
    const upload = this.uploads.get(id);
    if (!upload || upload.senderId !== senderId) return false;
    this.uploads.delete(id);
    await upload.writer.abort();
    return true;
  }

  get open(): number {
    return this.uploads.size;
  }

  private get(senderId: number, id: string): Upload {
    const upload = this.uploads.get(id);
    if (!upload || upload.senderId !== senderId) throw unknownUpload();
    return upload;
  }

  private async sweep(): Promise<void> {
    const cutoff = this.now() - IDLE_MS;
    for (const [id, upload] of this.uploads) {
      if (upload.touchedAt < cutoff) {
        this.uploads.delete(id);
        await upload.writer.abort();
      }
    }
  }
}
