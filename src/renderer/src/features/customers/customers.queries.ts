import type { MangoQuery } from 'rxdb';
import type { ArchiveStatus, CustomerDoc, Lifecycle, ReferenceDoc } from '../../../../shared/schema';
import { defineListQuery } from '../../db/list-query';

/** The sorts of the status list that an index can answer (all ascending). */
export const INDEXED_SORTS = ['code', 'namePinyin', 'lastVisitAt'] as const;
export type IndexedSort = (typeof INDEXED_SORTS)[number];

export interface FirstPageParams {
  archiveStatus: ArchiveStatus | 'all';
  sort: IndexedSort;
  /** At most one of these narrows the page (each has its own index, sorted by code). */
  ownerId?: string;
  lifecycle?: Lifecycle;
  limit: number;
}

/**
 * The first screenful of the status list, straight from an index, so the list shows at once
 * while the in-memory projection (which answers every other filter and sort) loads.
 */
export const customersFirstPage = defineListQuery({
  name: 'customers.firstPage',
  collection: 'customers',
  build: (p: FirstPageParams): MangoQuery<CustomerDoc> => {
    if (p.archiveStatus === 'all') {
      return { selector: { code: { $gt: '' } }, sort: [{ code: 'asc' }], limit: p.limit };
    }
    if (p.ownerId !== undefined) {
      return {
        selector: { archiveStatus: p.archiveStatus, ownerId: p.ownerId },
        sort: [{ archiveStatus: 'asc' }, { ownerId: 'asc' }, { code: 'asc' }],
        limit: p.limit,
      };
    }
    if (p.lifecycle !== undefined) {
      return {
        selector: { archiveStatus: p.archiveStatus, lifecycle: p.lifecycle },
        sort: [{ archiveStatus: 'asc' }, { lifecycle: 'asc' }, { code: 'asc' }],
        limit: p.limit,
      };
    }
    const sort: MangoQuery<CustomerDoc>['sort'] =
      p.sort === 'namePinyin'
        ? [{ archiveStatus: 'asc' }, { namePinyin: 'asc' }]
        : p.sort === 'lastVisitAt'
          ? [{ archiveStatus: 'asc' }, { lastVisitAt: 'asc' }, { code: 'asc' }]
          : [{ archiveStatus: 'asc' }, { code: 'asc' }];
    return { selector: { archiveStatus: p.archiveStatus }, sort, limit: p.limit };
  },
  samples: [
    { archiveStatus: 'active', sort: 'code', limit: 50 },
    { archiveStatus: 'retired', sort: 'namePinyin', limit: 50 },
    { archiveStatus: 'active', sort: 'lastVisitAt', limit: 50 },
    { archiveStatus: 'active', sort: 'code', ownerId: 'u1', limit: 50 },
    { archiveStatus: 'active', sort: 'code', lifecycle: 'dormant', limit: 50 },
    { archiveStatus: 'all', sort: 'code', limit: 50 },
  ],
});

/**
 * The whole collection in code order (ties by id), one chunk at a time: feeds the in-memory
 * projection (status list and search index) without one long transaction. The caller
 * continues from the last code it saw and skips the ids it already has of that code.
 */
export const customersChunk = defineListQuery({
  name: 'customers.chunk',
  collection: 'customers',
  build: ({ fromCode, limit }: { fromCode: string; limit: number }): MangoQuery<CustomerDoc> => ({
    selector: { code: { $gte: fromCode } },
    sort: [{ code: 'asc' }, { id: 'asc' }],
    limit,
  }),
  samples: [{ fromCode: '', limit: 2000 }],
});

/** A customer code, to keep codes unique on this laptop even if a counter was lost. */
export const customersWithCode = defineListQuery({
  name: 'customers.withCode',
  collection: 'customers',
  build: ({ code }: { code: string }): MangoQuery<CustomerDoc> => ({
    selector: { code },
    sort: [{ code: 'asc' }],
    limit: 2,
  }),
  samples: [{ code: 'KH240612-7QX3M-00001' }],
});

/** The staff directory (owners of customers). */
export const staffDirectory = defineListQuery({
  name: 'reference.staff',
  collection: 'reference',
  build: (_: Record<string, never>): MangoQuery<ReferenceDoc> => ({
    selector: { kind: 'staff' },
    sort: [{ kind: 'asc' }, { key: 'asc' }],
  }),
  samples: [{}],
});

