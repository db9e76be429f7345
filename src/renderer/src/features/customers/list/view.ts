import { z } from 'zod';
import { ACTIVITY_LEVELS, ARCHIVE_STATUSES, CUSTOMER_TYPES, LIFECYCLES } from '../../../../../shared/schema';
import type { FirstPageParams } from '../customers.queries';
import type { CustomerRow } from '../row';

export const SORT_KEYS = [
  'code',
  'name',
  'type',
  'owner',
  'lifecycle',
  'activityLevel',
  'industry',
  'region',
  'archiveStatus',
  'lastVisitAt',
  'nextTaskAt',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The status list's filters and sort, persisted per user (a `local` preference). */
export const listViewSchema = z.object({
  filters: z.object({
    ownerIds: z.array(z.string().max(40)).max(200).default([]),
    lifecycles: z.array(z.enum(LIFECYCLES)).default([]),
    activityLevels: z.array(z.enum(ACTIVITY_LEVELS)).default([]),
    industries: z.array(z.string().max(64)).max(200).default([]),
    regions: z.array(z.string().max(64)).max(200).default([]),
    tags: z.array(z.string().max(32)).max(200).default([]),
    archiveStatus: z.enum([...ARCHIVE_STATUSES, 'all']).default('active'),
  }),
  sort: z.object({ key: z.enum(SORT_KEYS).default('code'), dir: z.enum(['asc', 'desc']).default('asc') }),
});
export type ListView = z.infer<typeof listViewSchema>;
export type ListFilters = ListView['filters'];

export const DEFAULT_VIEW: ListView = {
  filters: { ownerIds: [], lifecycles: [], activityLevels: [], industries: [], regions: [], tags: [], archiveStatus: 'active' },
  sort: { key: 'code', dir: 'asc' },
};

/** A stored preference from any earlier version: what still parses, else the defaults. */
export function parseView(data: unknown): ListView {
  const parsed = listViewSchema.safeParse(data);
  return parsed.success ? parsed.data : DEFAULT_VIEW;
}

export function hasFilters(f: ListFilters): boolean {
  return (
    f.ownerIds.length + f.lifecycles.length + f.activityLevels.length + f.industries.length + f.regions.length + f.tags.length >
    0
  );
}

export function filterRows(rows: Iterable<CustomerRow>, f: ListFilters): CustomerRow[] {
  const owners = f.ownerIds.length ? new Set(f.ownerIds) : null;
  const lifecycles = f.lifecycles.length ? new Set<string>(f.lifecycles) : null;
  const activity = f.activityLevels.length ? new Set<string>(f.activityLevels) : null;
  const industries = f.industries.length ? new Set(f.industries) : null;
  const regions = f.regions.length ? new Set(f.regions) : null;
  const tags = f.tags.length ? new Set(f.tags) : null;
  const status = f.archiveStatus === 'all' ? null : f.archiveStatus;
  const out: CustomerRow[] = [];
  for (const r of rows) {
    if (status && r.archiveStatus !== status) continue;
    if (owners && !owners.has(r.ownerId)) continue;
    if (lifecycles && !lifecycles.has(r.lifecycle)) continue;
    if (activity && !activity.has(r.activityLevel)) continue;
    if (industries && !industries.has(r.industry)) continue;
    if (regions && !regions.has(r.region)) continue;
    if (tags && !r.tags.some((t) => tags.has(t))) continue;
    out.push(r);
  }
  return out;
}

const ENUM_ORDER: Record<string, readonly string[]> = {
  type: CUSTOMER_TYPES,
  lifecycle: LIFECYCLES,
  activityLevel: ACTIVITY_LEVELS,
  archiveStatus: ARCHIVE_STATUSES,
};

/**
 * Ranks of the few distinct values of a text column in Chinese collation, computed once:
 * comparing 100k rows with Intl.Collator would take seconds, comparing small integers does not.
 */
function ranksOf(values: Iterable<string>): Map<string, number> {
  const collator = new Intl.Collator('zh-CN-u-co-pinyin');
  return new Map([...new Set(values)].sort(collator.compare).map((v, i) => [v, i]));
}

/**
 * The sort key of a column whose order does not depend on the other rows (every column but the
 * owner, industry and region, ranked among the values present), or null.
 */
function fixedKeyOf(key: SortKey): ((r: CustomerRow) => number | string) | null {
  switch (key) {
    case 'name':
      return (r) => r.namePinyin;
    case 'type':
    case 'lifecycle':
    case 'activityLevel':
    case 'archiveStatus': {
      const order = ENUM_ORDER[key] ?? [];
      return (r) => order.indexOf(r[key]);
    }
    case 'lastVisitAt':
    case 'nextTaskAt':
      return (r) => r[key];
    default:
      return null;
  }
}

/** By code, then id: a total order, so rows merged in (view-rows.ts) land where a full sort puts them. */
const byCode = (a: CustomerRow, b: CustomerRow) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The list's order as a comparison of two rows, for sorts whose order does not depend on the
 * other rows (see fixedKeyOf; code too), or null. sortRows orders exactly so.
 */
export function rowComparator(sort: ListView['sort']): ((a: CustomerRow, b: CustomerRow) => number) | null {
  const sign = sort.dir === 'asc' ? 1 : -1;
  if (sort.key === 'code') return (a, b) => sign * byCode(a, b);
  const key = fixedKeyOf(sort.key);
  if (!key) return null;
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -sign : ka > kb ? sign : byCode(a, b);
  };
}

/** Sorts rows in place: by the column, ties by code; `ownerName` gives the owner column its text. */
export function sortRows(rows: CustomerRow[], sort: ListView['sort'], ownerName: (id: string) => string): CustomerRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  if (sort.key === 'code') return rows.sort((a, b) => sign * byCode(a, b));
  let key = fixedKeyOf(sort.key);
  if (!key) {
    const column = sort.key;
    const ranks =
      column === 'owner' ? ranksOf(rows.map((r) => ownerName(r.ownerId))) : ranksOf(rows.map((r) => r[column as 'industry' | 'region']));
    key =
      column === 'owner'
        ? (r) => ranks.get(ownerName(r.ownerId)) ?? 0
        : (r) => ranks.get(r[column as 'industry' | 'region']) ?? 0;
  }
  // Keys computed once per row, not once per comparison.
  const decorated = rows.map((r) => ({ r, k: key(r) }));
  decorated.sort((a, b) => (a.k < b.k ? -sign : a.k > b.k ? sign : byCode(a.r, b.r)));
  for (let i = 0; i < decorated.length; i++) rows[i] = decorated[i]!.r;
  return rows;
}

export function applyView(rows: Iterable<CustomerRow>, view: ListView, ownerName: (id: string) => string): CustomerRow[] {
  return sortRows(filterRows(rows, view.filters), view.sort, ownerName);
}

/**
 * The index-backed query that gives this view's first page before the in-memory projection
 * is loaded, or null when only the projection can answer it (other filters, descending sorts).
 */
export function indexedFirstPage(view: ListView, limit: number): FirstPageParams | null {
  const f = view.filters;
  if (view.sort.dir !== 'asc') return null;
  const sort = view.sort.key === 'code' ? 'code' : view.sort.key === 'name' ? 'namePinyin' : view.sort.key === 'lastVisitAt' ? 'lastVisitAt' : null;
  if (!sort) return null;
  if (f.activityLevels.length || f.industries.length || f.regions.length || f.tags.length) return null;
  if (f.archiveStatus === 'all') {
    return sort === 'code' && !f.ownerIds.length && !f.lifecycles.length ? { archiveStatus: 'all', sort, limit } : null;
  }
  if (f.ownerIds.length === 0 && f.lifecycles.length === 0) return { archiveStatus: f.archiveStatus, sort, limit };
  if (sort !== 'code') return null;
  if (f.ownerIds.length === 1 && f.lifecycles.length === 0) return { archiveStatus: f.archiveStatus, sort, ownerId: f.ownerIds[0]!, limit };
  if (f.lifecycles.length === 1 && f.ownerIds.length === 0) return { archiveStatus: f.archiveStatus, sort, lifecycle: f.lifecycles[0]!, limit };
  return null;
}
