import type { MangoQuery } from 'rxdb';
import type { AttachmentDoc, LocalDoc } from '../../../../shared/schema';
import { defineListQuery } from '../../db/list-query';

/** The conflict inbox or the refused writes of one user, newest first. */
export const inboxEntries = defineListQuery({
  name: 'sync.inboxEntries',
  collection: 'local',
  build: ({ kind, userId, limit }: { kind: 'conflict' | 'rejected'; userId: string; limit?: number }): MangoQuery<LocalDoc> => ({
    selector: { kind, userId, atDesc: { $gte: 0 } },
    sort: [{ kind: 'asc' }, { userId: 'asc' }, { atDesc: 'asc' }],
    ...(limit ? { limit } : {}),
  }),
  samples: [
    { kind: 'conflict', userId: 'u1' },
    { kind: 'rejected', userId: 'u1', limit: 200 },
  ],
});

/** Every file of one customer: what "keep offline" downloads before a trip. */
export const attachmentsOfCustomer = defineListQuery({
  name: 'sync.attachmentsOfCustomer',
  collection: 'attachments',
  build: ({ customerId }: { customerId: string }): MangoQuery<AttachmentDoc> => ({
    selector: { customerId },
    sort: [{ customerId: 'asc' }, { atDesc: 'asc' }],
  }),
  samples: [{ customerId: 'c1' }],
});

export const SYNC_LIST_QUERIES = [inboxEntries, attachmentsOfCustomer] as const;
