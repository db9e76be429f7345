import type { RxJsonSchema } from 'rxdb';
import {
  atDescOf,
  auditProperties,
  auditRequired,
  enumField,
  idField,
  orderProperties,
  refField,
  shortText,
  type AuditFields,
  type OrderFields,
} from './common';

export const LOCAL_KINDS = ['draft', 'conflict', 'rejected', 'preference', 'syncState'] as const;
export type LocalKind = (typeof LOCAL_KINDS)[number];

/**
 * This laptop's own state, never replicated: form drafts, the conflict inbox, writes the
 * server refused, per-user preferences, sync bookkeeping. `at` is when the entry was written.
 */
export interface LocalDoc extends AuditFields, OrderFields {
  id: string;
  kind: LocalKind;
  userId: string;
  /** What the entry is about: a form key, "collection/docId", a preference name. */
  key: string;
  data: Record<string, unknown>;
}

/**
 * A complete local entry written now: ordered by `now`, created and last changed by `author`
 * (the entry's user unless said otherwise). The stamping hooks keep these fields right on
 * later saves.
 */
export function localEntry(
  entry: Pick<LocalDoc, 'id' | 'kind' | 'userId' | 'key' | 'data'>,
  now: number,
  author: string = entry.userId,
): LocalDoc {
  return {
    ...entry,
    at: now,
    atDesc: atDescOf(now),
    createdAt: now,
    createdBy: author,
    updatedAt: now,
    updatedBy: author,
  };
}

export const localSchema: RxJsonSchema<LocalDoc> = {
  title: 'local',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    kind: enumField(LOCAL_KINDS),
    userId: refField,
    key: shortText(200),
    data: { type: 'object' },
    ...orderProperties,
    ...auditProperties,
  },
  required: ['id', 'kind', 'userId', 'key', 'data', 'at', 'atDesc', ...auditRequired],
  indexes: [
    ['kind', 'userId', 'key'],
    ['kind', 'userId', 'atDesc'],
  ],
  // Drafts and the conflict inbox hold copies of any field, sensitive ones included.
  encrypted: ['data'],
};
