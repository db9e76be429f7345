import { z } from 'zod';
import { sha256Schema } from './attachments';
import { channel, event } from './define';

/**
 * Moving attachment bytes between this laptop's store and the sync server, by sha256. The
 * metadata replicates as documents; the bytes go through main's transfer queue, which
 * survives a restart, runs a few transfers at a time and checks every hash.
 */
export const TRANSFER_DIRECTIONS = ['upload', 'download'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];
export const TRANSFER_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];
/** `now`: the user is waiting for it (opened a file); `background`: uploads, keep-offline. */
export const TRANSFER_PRIORITIES = ['now', 'background'] as const;
export type TransferPriority = (typeof TRANSFER_PRIORITIES)[number];

export interface TransferJob {
  sha256: string;
  direction: TransferDirection;
  state: TransferState;
  priority: TransferPriority;
  /** For the progress list only. */
  name: string;
  bytes: number;
  /** 0 when not known yet. */
  total: number;
  attempts: number;
  /** Why the last attempt failed, as an i18n key under `sync:transfer.errors`. */
  error?: string;
  /** When a failed or waiting job is tried again. */
  retryAt?: number;
  updatedAt: number;
}

export interface TransferSummary {
  queued: number;
  running: number;
  failed: number;
  /** Jobs not done, the running ones first; at most 200. */
  jobs: TransferJob[];
  /** Whether the queue has a server session to work with. */
  connected: boolean;
}

const item = z.object({ sha256: sha256Schema, name: z.string().max(255).default('') }).strict();

export const transferChannels = {
  /** Queues uploads of stored bytes; bytes not on this laptop, or already sent, are skipped. */
  'transfer:upload': channel(z.object({ items: z.array(item).max(1000) }).strict()).returns<{ queued: number }>(),
  /** Queues downloads; bytes already on this laptop are reported as present. */
  'transfer:download': channel(
    z
      .object({ items: z.array(item).max(1000), priority: z.enum(TRANSFER_PRIORITIES).default('background') })
      .strict(),
  ).returns<{ queued: number; present: string[] }>(),
  'transfer:status': channel(z.object({}).strict()).returns<TransferSummary>(),
  /** Tries failed jobs again now (all, or the one named). */
  'transfer:retry': channel(z.object({ sha256: sha256Schema.optional() }).strict()).returns<{ retried: number }>(),
};

export const transferEvents = {
  'transfer:progress': event(
    z.object({
      sha256: sha256Schema,
      direction: z.enum(TRANSFER_DIRECTIONS),
      state: z.enum(TRANSFER_STATES),
      bytes: z.number().int().min(0),
      total: z.number().int().min(0),
      error: z.string().optional(),
    }),
  ),
};
