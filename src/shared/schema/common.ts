/**
 * Building blocks shared by every collection schema.
 *
 * Dexie storage rules (DESIGN.md): every indexed field is `required`, indexed strings carry
 * `maxLength`, indexed numbers carry `minimum`/`maximum`/`multipleOf`.
 *
 * RxDB 17.6's query planner never treats an index as satisfying a descending sort, so a
 * "newest first" list over a whole collection becomes a full scan. Every time-ordered
 * collection therefore stores `at` (the time the list sorts by) and `atDesc`
 * (`AT_DESC_BASE - at`), and newest-first lists sort ascending on `atDesc`.
 */

/** Later than any timestamp this product will see (year 2286). */
export const AT_DESC_BASE = 9_999_999_999_999;

export function atDescOf(at: number): number {
  return AT_DESC_BASE - at;
}

export const idField = { type: 'string', maxLength: 40 } as const;
export const refField = { type: 'string', maxLength: 40 } as const;
export const userRefField = { type: 'string', maxLength: 40 } as const;
export const timeField = {
  type: 'integer',
  minimum: 0,
  maximum: AT_DESC_BASE,
  multipleOf: 1,
} as const;
export const shortText = (maxLength = 200) => ({ type: 'string', maxLength }) as const;
export const enumField = <T extends readonly string[]>(values: T, maxLength = 16) =>
  ({ type: 'string', enum: [...values], maxLength }) as const;
export const longText = { type: 'string', maxLength: 20_000 } as const;
export const stringList = (maxItems = 50, maxLength = 64) =>
  ({ type: 'array', maxItems, items: { type: 'string', maxLength } }) as const;

/** Fields every document carries; `updatedAt`/`updatedBy` are stamped by the write layer. */
export const auditProperties = {
  createdAt: timeField,
  createdBy: userRefField,
  updatedAt: timeField,
  updatedBy: userRefField,
} as const;

export const auditRequired = ['createdAt', 'createdBy', 'updatedAt', 'updatedBy'] as const;

/** The sort pair of time-ordered collections. */
export const orderProperties = {
  at: timeField,
  atDesc: timeField,
} as const;

export interface AuditFields {
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
}

export interface OrderFields {
  at: number;
  atDesc: number;
}
