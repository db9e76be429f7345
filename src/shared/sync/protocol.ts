import { z } from 'zod';
import type { ReplicatedCollection } from '../schema';
import type { SessionUser } from '../users';

/**
 * The wire protocol between the sync worker and the sync server: RxDB's replication protocol
 * (pull by checkpoint, push with assumed master state, a live stream) over HTTP and
 * Server-Sent Events. Every call but login and health carries `Authorization: Bearer <token>`.
 *
 * Pull: `GET /api/sync/:collection/pull?checkpoint=<json>&limit=<n>` → PullResponse. Start with
 * no checkpoint; keep pulling with the returned checkpoint until `documents` is empty.
 * Documents come in the order of a server-assigned sequence, never a client clock.
 *
 * Push: `POST /api/sync/:collection/push` with PushRow[] → PushResponse: the server's current
 * document for every row that was not written, empty when all were. Each row is written or not,
 * on its own (all-or-nothing per document, not per batch). A row is not written because
 * - it conflicted: the entry is the server's current state, as RxDB expects;
 * - it was refused (the access policy said no, or it failed the shared JSON schema): the entry
 *   carries `_rejected` (Rejection) and is the state the laptop must converge to — the server's
 *   current document when the user may see it, otherwise the pushed document marked
 *   `_deleted: true` (the user may not keep it). The sync worker takes `_rejected` off before
 *   handing the array to RxDB (see splitPushResponse) and keeps the refused document in the
 *   `local` collection (kind 'rejected') so the user can see what was refused and why.
 *
 * Stream: `GET /api/sync/stream[?collections=a,b]` → `text/event-stream`; each message's `data`
 * is a JSON StreamMessage. The server sends RESYNC on every (re)connection and whenever the
 * client must pull (its access changed, the server lost its feed of changes); a client that
 * reconnects must pull before trusting stream checkpoints again.
 *
 * Losing sight of a document (a customer reassigned to someone else, a changed role or team)
 * reaches the laptop as that document with `_deleted: true`, on pull and on the stream: the
 * laptop drops it like any delete.
 */

export const API_PATHS = {
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  health: '/api/health',
  stream: '/api/sync/stream',
  pull: (collection: ReplicatedCollection) => `/api/sync/${collection}/pull`,
  push: (collection: ReplicatedCollection) => `/api/sync/${collection}/push`,
  blob: (sha256: string) => `/api/blobs/${sha256}`,
  history: (collection: ReplicatedCollection, id: string) =>
    `/api/history/${collection}/${encodeURIComponent(id)}`,
} as const;

/**
 * Where a client stands in one collection: the server sequence it has seen up to, and the
 * access scope (a server-side version of the user's role and team) it was seen under. When the
 * scope is not the user's current one the server re-sends the collection from the start,
 * removing what the user may no longer see; `prior` lists the scopes still being reconciled.
 */
export interface SyncCheckpoint {
  seq: number;
  scope: number;
  prior?: number[];
}

export const MAX_PRIOR_SCOPES = 16;

export const checkpointSchema = z
  .object({
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    scope: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    prior: z
      .array(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER))
      .max(MAX_PRIOR_SCOPES)
      .optional(),
  })
  .strict();

export type WithDeleted<T> = T & { _deleted: boolean };

export interface PullResponse<T> {
  documents: WithDeleted<T>[];
  checkpoint: SyncCheckpoint;
}

export interface PushRow<T> {
  /** The server state the client last saw; absent or null for a document new to the client. */
  assumedMasterState?: WithDeleted<T> | null;
  newDocumentState: WithDeleted<T>;
}

export const REJECTION_CODES = ['forbidden', 'invalid'] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  code: RejectionCode;
  documentId: string;
  /** The offending field as a dotted path (`contacts.0.mobile`), when one is to blame. */
  field?: string;
  message: string;
}

export type PushResponseEntry<T> = WithDeleted<T> & { _rejected?: Rejection };
export type PushResponse<T> = PushResponseEntry<T>[];

/** Splits a push response into what RxDB needs (master states) and what the user must see. */
export function splitPushResponse<T>(entries: PushResponse<T>): {
  masters: WithDeleted<T>[];
  rejections: { rejection: Rejection; master: WithDeleted<T> }[];
} {
  const masters: WithDeleted<T>[] = [];
  const rejections: { rejection: Rejection; master: WithDeleted<T> }[] = [];
  for (const entry of entries) {
    const { _rejected, ...rest } = entry;
    const master = rest as unknown as WithDeleted<T>;
    masters.push(master);
    if (_rejected) rejections.push({ rejection: _rejected, master });
  }
  return { masters, rejections };
}

export const RESYNC = 'RESYNC' as const;

export interface StreamChange<T = unknown> {
  collection: ReplicatedCollection;
  documents: WithDeleted<T>[];
  checkpoint: SyncCheckpoint;
}

export type StreamMessage<T = unknown> = StreamChange<T> | typeof RESYNC;

/**
 * Whether a stream event's checkpoint may replace the client's. Not while the client is
 * reconciling after an access change (its checkpoint has `prior`) or holds a checkpoint of
 * another scope: then the event means "pull now" (treat it as RESYNC).
 */
export function acceptsStreamCheckpoint(
  local: SyncCheckpoint | undefined,
  incoming: SyncCheckpoint,
): boolean {
  if (!local) return false;
  if (local.prior && local.prior.length > 0) return false;
  return local.scope === incoming.scope;
}

export interface LoginRequest {
  username: string;
  password: string;
  /** Made on the laptop once; every token is bound to it, so a lost laptop can be revoked. */
  deviceId: string;
  deviceName: string;
}

export interface LoginResponse {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  user: SessionUser;
}

export const API_ERRORS = [
  'badRequest',
  'invalidJson',
  'bodyTooLarge',
  'unsupportedMediaType',
  'unauthorized',
  'tokenExpired',
  'tokenRevoked',
  'invalidCredentials',
  'userDisabled',
  'deviceRevoked',
  'rateLimited',
  'forbidden',
  'notFound',
  'unknownCollection',
  'invalidCheckpoint',
  'hashMismatch',
  'unavailable',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERRORS)[number];

export interface ApiError {
  error: ApiErrorCode;
  message: string;
  /** Seconds to wait, with `rateLimited`. */
  retryAfterSeconds?: number;
}

/** One accepted write of a record, oldest first. `before` is null for the first version. */
export interface HistoryEntry {
  id: number;
  at: number;
  userId: string;
  username: string;
  deviceId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: { kind: 'pglite' | 'postgres'; ok: boolean; latencyMs: number; schemaVersion: number };
  /** Whether this instance receives the change feed that drives the stream. */
  changeFeed: boolean;
  version: string;
}
