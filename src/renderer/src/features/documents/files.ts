import {
  MAX_IPC_CHUNK,
  MAX_THUMBNAIL_BYTES,
  type IpcResult,
  type StoredFile,
} from '../../../../shared/ipc';
import { invoke } from '../../platform/dangan';

/** A failed call to main, with the i18n key main chose (e.g. `attachments.errors.tooLarge`). */
export class FileError extends Error {
  constructor(
    readonly messageKey: string,
    message: string,
  ) {
    super(message);
    this.name = 'FileError';
  }
}

export async function call<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok)
    throw new FileError(result.error.messageKey ?? 'errors.failed', result.error.message);
  return result.value;
}

/**
 * Streams bytes the renderer holds (a dropped file, a pasted image) into main's store, one
 * slice at a time, so a large file is never whole in memory. Main is never handed a path.
 */
export async function uploadBlob(
  blob: Blob,
  name: string,
  onProgress?: (sent: number, total: number) => void,
): Promise<StoredFile> {
  const { uploadId } = await call(
    invoke('attachments:uploadBegin', { name: name.slice(0, 255) || 'file', size: blob.size }),
  );
  try {
    for (let offset = 0; offset < blob.size; offset += MAX_IPC_CHUNK) {
      const bytes = new Uint8Array(await blob.slice(offset, offset + MAX_IPC_CHUNK).arrayBuffer());
      await call(invoke('attachments:uploadChunk', { uploadId, bytes }));
      onProgress?.(Math.min(blob.size, offset + MAX_IPC_CHUNK), blob.size);
    }
    return await call(invoke('attachments:uploadFinish', { uploadId }));
  } catch (error) {
    await invoke('attachments:uploadAbort', { uploadId });
    throw error;
  }
}

/** The system file dialog; files main refused come back with their reason. */
export function pickFiles() {
  return call(invoke('attachments:pick', {}));
}

/** A stored file's bytes as a Blob (for previews and thumbnails), read in slices. */
export async function readBlob(
  sha256: string,
  mime: string,
  maxBytes = 64 * 1024 * 1024,
): Promise<Blob> {
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (;;) {
    const { bytes, size } = await call(
      invoke('attachments:read', { sha256, offset, length: MAX_IPC_CHUNK }),
    );
    if (size > maxBytes) throw new FileError('documents:errors.tooLargeToPreview', `${size} bytes`);
    parts.push(bytes);
    offset += bytes.byteLength;
    if (offset >= size || bytes.byteLength === 0) break;
  }
  return new Blob(parts as BlobPart[], { type: mime });
}

/**
 * Draws a small JPEG of an image in this sandboxed renderer (untrusted images are decoded
 * here, never in main). Self-contained (no imports) so tests run this very function in
 * Chromium. Null when the bytes are not an image Chromium can decode.
 */
export async function drawThumbnail(
  source: Blob,
  edge: number,
  maxBytes: number,
): Promise<Uint8Array | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(source);
  } catch {
    return null;
  }
  const scale = Math.min(1, edge / Math.max(bitmap.width, bitmap.height));
  const canvas = new OffscreenCanvas(
    Math.max(1, Math.round(bitmap.width * scale)),
    Math.max(1, Math.round(bitmap.height * scale)),
  );
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  for (const quality of [0.85, 0.6, 0.4]) {
    const out = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    if (out.size <= maxBytes) return new Uint8Array(await out.arrayBuffer());
  }
  return null;
}

export function makeThumbnail(source: Blob, edge = 320): Promise<Uint8Array | null> {
  return drawThumbnail(source, edge, MAX_THUMBNAIL_BYTES);
}

export async function storeThumbnail(
  file: Pick<StoredFile, 'sha256' | 'category'>,
  source: Blob,
): Promise<boolean> {
  if (file.category !== 'image') return false;
  const bytes = await makeThumbnail(source);
  if (!bytes) return false;
  await call(invoke('attachments:putThumbnail', { sha256: file.sha256, bytes }));
  return true;
}

/** A thumbnail as an object URL (the caller revokes it); made on demand for small images. */
export async function thumbnailUrl(
  sha256: string,
  mime: string,
  size: number,
): Promise<string | null> {
  const stored = await call(invoke('attachments:thumbnail', { sha256 }));
  if (stored)
    return URL.createObjectURL(new Blob([stored.bytes as BlobPart], { type: stored.mime }));
  if (!mime.startsWith('image/') || mime === 'image/svg+xml' || size > 30 * 1024 * 1024)
    return null;
  const original = await readBlob(sha256, mime);
  if (!(await storeThumbnail({ sha256, category: 'image' }, original))) return null;
  return thumbnailUrl(sha256, mime, 0);
}
