import type { ReplicatedCollection } from '../schema';
import type { Rejection } from './protocol';

/**
 * What the conflict inbox keeps, as the `data` of `local` documents (never replicated):
 * - kind 'conflict': one field (or one entry of an id-keyed array) both sides changed; the
 *   server's value was kept, `local` is what this laptop had typed;
 * - kind 'rejected': a write the server refused (access, schema), with the server's reason
 *   and the document as it was sent. The laptop's copy has converged to the server's.
 * `key` of those documents is `<collection>/<documentId>`.
 */
export interface ConflictEntryData {
  [key: string]: unknown;
  collection: ReplicatedCollection;
  documentId: string;
  field: string;
  entryId?: string;
  /** Absent values (a cleared field, a removed entry) are stored as absent with `has*: false`. */
  hasLocal: boolean;
  local?: unknown;
  hasServer: boolean;
  server?: unknown;
  base?: unknown;
  /** Who made the server's version, and when (its audit stamps). */
  serverBy?: string;
  serverAt?: number;
  /** A human handle for the record (name, title, code), for the inbox list. */
  label: string;
}

export interface RejectedEntryData {
  [key: string]: unknown;
  collection: ReplicatedCollection;
  documentId: string;
  code: Rejection['code'];
  field?: string;
  message: string;
  attempted: Record<string, unknown>;
  label: string;
}

const LABEL_FIELDS = ['name', 'title', 'code', 'label', 'reason', 'sha256'] as const;

/** The first human-readable handle a document has, else its id. */
export function labelOf(doc: Readonly<Record<string, unknown>>, fallback: string): string {
  for (const field of LABEL_FIELDS) {
    const value = doc[field];
    if (typeof value === 'string' && value.trim() !== '') return value.slice(0, 120);
  }
  return fallback;
}

/** Stable ids keep a conflict that is reported twice (a retried resolve) from doubling up. */
export async function inboxEntryId(prefix: 'c' | 'r', parts: readonly unknown[]): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(parts));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hex = Array.from(digest.subarray(0, 18), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${prefix}-${hex}`;
}
