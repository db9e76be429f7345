import { z } from 'zod';
import { channel, event } from './define';

/** What the bytes are, decided from their content (magic numbers), never from the name. */
export const FILE_CATEGORIES = [
  'image',
  'pdf',
  'document',
  'text',
  'media',
  'archive',
  'executable',
  'script',
  'unknown',
] as const;
export type FileCategory = (typeof FILE_CATEGORIES)[number];

/** One stored blob, as the store reports it after an import. */
export interface StoredFile {
  sha256: string;
  size: number;
  /** Detected from the bytes. */
  mime: string;
  category: FileCategory;
  /** The name the user gave it (dialog, drop, paste), for the metadata document only. */
  name: string;
  /** True when the same bytes were already in the store. */
  deduplicated: boolean;
}

export interface BlobInfo {
  sha256: string;
  size: number;
  mime: string;
  category: FileCategory;
  /** Images and PDFs can be shown inside the app. */
  previewable: boolean;
  hasThumbnail: boolean;
}

export interface IntegrityReport {
  checked: number;
  bytes: number;
  damaged: { sha256: string; reason: 'mismatch' | 'unreadable' }[];
  repaired: string[];
}

export interface GcReport {
  /** Blobs removed in this run. */
  deleted: number;
  bytesFreed: number;
  /** Unreferenced blobs still inside their grace period. */
  pending: number;
  kept: number;
}

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex sha256');
/** A file name as the user sees it; only ever used for display and as a default name. */
export const displayNameSchema = z.string().min(1).max(255);

/** The most one upload chunk or one read may carry over IPC. */
export const MAX_IPC_CHUNK = 8 * 1024 * 1024;
/** The most a thumbnail may weigh: it is made by the renderer and only ever shown small. */
export const MAX_THUMBNAIL_BYTES = 512 * 1024;

const bytesSchema = (max: number) =>
  z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'expected bytes (Uint8Array)' })
    .refine((b) => b.byteLength <= max, { message: `at most ${max} bytes per call` });

/** Ids main hands out for multi-call sessions (uploads, GC runs): 128 random bits in hex. */
export const sessionIdSchema = z.string().regex(/^[0-9a-f]{32}$/);

export const attachmentsChannels = {
  /** Opens the system file dialog and imports every chosen file; nothing when cancelled. */
  'attachments:pick': channel(z.object({}).strict()).returns<{ files: StoredFile[]; refused: RefusedFile[] }>(),
  /**
   * Streams bytes the renderer holds (a dropped file, a pasted image) into the store:
   * begin → chunk… → finish. The renderer never hands main a path to read.
   */
  'attachments:uploadBegin': channel(
    z.object({ name: displayNameSchema, size: z.number().int().min(0) }).strict(),
  ).returns<{ uploadId: string }>(),
  'attachments:uploadChunk': channel(z.object({ uploadId: sessionIdSchema, bytes: bytesSchema(MAX_IPC_CHUNK) }).strict()).returns<{
    received: number;
  }>(),
  'attachments:uploadFinish': channel(z.object({ uploadId: sessionIdSchema }).strict()).returns<StoredFile>(),
  'attachments:uploadAbort': channel(z.object({ uploadId: sessionIdSchema }).strict()).returns<{ aborted: boolean }>(),
  'attachments:info': channel(z.object({ sha256: sha256Schema }).strict()).returns<BlobInfo | null>(),
  /** A slice of a stored file, for in-app previews (images are shown from a blob URL). */
  'attachments:read': channel(
    z
      .object({
        sha256: sha256Schema,
        offset: z.number().int().min(0).default(0),
        length: z.number().int().min(1).max(MAX_IPC_CHUNK).default(MAX_IPC_CHUNK),
      })
      .strict(),
  ).returns<{ bytes: Uint8Array; size: number }>(),
  /** The in-app address of a stored PDF or image (served read-only by main). */
  'attachments:previewUrl': channel(z.object({ sha256: sha256Schema }).strict()).returns<{ url: string }>(),
  'attachments:thumbnail': channel(z.object({ sha256: sha256Schema }).strict()).returns<{
    bytes: Uint8Array;
    mime: string;
  } | null>(),
  /** Stores a thumbnail the renderer drew (decoding untrusted images stays in the sandbox). */
  'attachments:putThumbnail': channel(
    z.object({ sha256: sha256Schema, bytes: bytesSchema(MAX_THUMBNAIL_BYTES) }).strict(),
  ).returns<{ stored: boolean }>(),
  /** Opens a copy with the OS's default program; refused for executables and scripts. */
  'attachments:open': channel(z.object({ sha256: sha256Schema, name: displayNameSchema }).strict()).returns<{
    opened: boolean;
  }>(),
  /** Asks where to save, then copies the bytes there. */
  'attachments:saveAs': channel(z.object({ sha256: sha256Schema, name: displayNameSchema }).strict()).returns<{
    saved: boolean;
  }>(),
  /** Re-hashes every stored file; damaged ones are quarantined and reported. */
  'attachments:verify': channel(z.object({}).strict()).returns<IntegrityReport>(),
  /**
   * Garbage collection of bytes no record references: the renderer (which owns the
   * database) sends every referenced sha256 in chunks, then finish deletes what has been
   * unreferenced for longer than the grace period.
   */
  'attachments:gcBegin': channel(z.object({}).strict()).returns<{ gcId: string }>(),
  'attachments:gcReferenced': channel(
    z.object({ gcId: sessionIdSchema, sha256s: z.array(sha256Schema).max(10_000) }).strict(),
  ).returns<{ received: number }>(),
  'attachments:gcFinish': channel(z.object({ gcId: sessionIdSchema }).strict()).returns<GcReport>(),
};

export interface RefusedFile {
  name: string;
  messageKey: string;
}

export const attachmentsEvents = {
  'attachments:verifyProgress': event(
    z.object({ checked: z.number(), total: z.number(), bytes: z.number(), damaged: z.number() }),
  ),
};
