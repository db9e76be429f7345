import { z } from 'zod';
import { COLLECTION_NAMES, type CollectionName } from '../schema';
import { sessionIdSchema } from './attachments';
import { channel, event } from './define';

const collectionSchema = z.enum(COLLECTION_NAMES as [CollectionName, ...CollectionName[]]);

/** The most documents one chunk may carry in either direction. */
export const BACKUP_CHUNK_DOCS = 2000;

export const BACKUP_FILE_EXTENSION = 'dgbk';

export interface BackupSummary {
  fileName: string;
  /** Where the file is, for display only. */
  folder: string;
  bytes: number;
  createdAt: number;
  encrypted: boolean;
  documents: Partial<Record<CollectionName, number>>;
  blobs: number;
  /** Attachments referenced by a document whose bytes were not on this laptop. */
  missingBlobs: number;
  /** Attachments whose bytes failed their hash while being copied (left out). */
  damagedBlobs: number;
}

export interface LocalBackup {
  fileName: string;
  bytes: number;
  createdAt: number;
  auto: boolean;
}

export interface AutoBackupStatus {
  enabled: boolean;
  /** True when no automatic backup exists for today (local date). */
  due: boolean;
  lastAt: number | null;
  keep: number;
}

export const BACKUP_PHASES = ['documents', 'attachments', 'finishing', 'verifying', 'restoring'] as const;

const passphrase = z.string().min(8).max(1024);

export const restoreSourceSchema = z.discriminatedUnion('kind', [
  /** A file from the automatic backups folder, by name. */
  z.object({ kind: z.literal('local'), fileName: z.string().regex(/^[\w.-]{1,200}$/) }),
  /** A file the user picks in the system dialog. */
  z.object({ kind: z.literal('dialog') }),
]);

export const backupChannels = {
  /**
   * Starts a backup. `auto` writes to the local backups folder; `choose` asks for a folder.
   * The renderer then streams every collection with `backup:chunk` and calls `backup:finish`.
   */
  'backup:begin': channel(
    z
      .object({
        destination: z.enum(['auto', 'choose']),
        passphrase: passphrase.optional(),
      })
      .strict(),
  ).returns<{ backupId: string } | { cancelled: true }>(),
  'backup:chunk': channel(
    z
      .object({
        backupId: sessionIdSchema,
        collection: collectionSchema,
        docs: z.array(z.record(z.string(), z.unknown())).max(BACKUP_CHUNK_DOCS),
      })
      .strict(),
  ).returns<{ documents: number }>(),
  /** Copies the referenced attachments, seals the file, and (for `auto`) prunes old ones. */
  'backup:finish': channel(z.object({ backupId: sessionIdSchema }).strict()).returns<BackupSummary>(),
  'backup:abort': channel(z.object({ backupId: sessionIdSchema }).strict()).returns<{ aborted: boolean }>(),
  'backup:list': channel(z.object({}).strict()).returns<LocalBackup[]>(),
  'backup:autoStatus': channel(z.object({}).strict()).returns<AutoBackupStatus>(),
  /**
   * Verifies the whole file (every hash) and stages it; attachments are then moved into the
   * (empty) store. Refuses a damaged, foreign or undecryptable file with nothing changed.
   */
  'backup:restoreBegin': channel(
    z.object({ source: restoreSourceSchema, passphrase: passphrase.optional() }).strict(),
  ).returns<
    | { cancelled: true }
    | { restoreId: string; createdAt: number; documents: Partial<Record<CollectionName, number>>; blobs: number }
  >(),
  /** The next verified documents to write; `done` when there are none left. */
  'backup:restoreNext': channel(z.object({ restoreId: sessionIdSchema }).strict()).returns<
    { done: false; collection: CollectionName; docs: Record<string, unknown>[] } | { done: true }
  >(),
  'backup:restoreEnd': channel(z.object({ restoreId: sessionIdSchema }).strict()).returns<{ ended: boolean }>(),
};

export const backupEvents = {
  'backup:progress': event(
    z.object({
      id: z.string(),
      phase: z.enum(BACKUP_PHASES),
      done: z.number().min(0),
      total: z.number().min(0),
    }),
  ),
};
