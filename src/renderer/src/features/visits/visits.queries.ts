import type { MangoQuery } from 'rxdb';
import type {
  AttachmentDoc,
  CustomerDoc,
  RequestDoc,
  VisitDoc,
  VisitStatus,
} from '../../../../shared/schema';
import { defineListQuery } from '../../db/list-query';

/** One customer's visits, newest first (ascending `atDesc`: RxDB never uses an index for desc). */
export const visitsOfCustomer = defineListQuery({
  name: 'visits.ofCustomer',
  collection: 'visits',
  build: ({ customerId, limit }: { customerId: string; limit?: number }): MangoQuery<VisitDoc> => ({
    selector: { customerId },
    sort: [{ customerId: 'asc' }, { atDesc: 'asc' }],
    ...(limit ? { limit } : {}),
  }),
  samples: [{ customerId: 'c1' }, { customerId: 'c1', limit: 50 }],
});

/** A user's visits in a time range (a month, a year), oldest first. */
export const visitsOfOwnerBetween = defineListQuery({
  name: 'visits.ofOwnerBetween',
  collection: 'visits',
  build: ({
    ownerId,
    start,
    end,
  }: {
    ownerId: string;
    start: number;
    end: number;
  }): MangoQuery<VisitDoc> => ({
    selector: { ownerId, at: { $gte: start, $lt: end } },
    sort: [{ ownerId: 'asc' }, { at: 'asc' }],
  }),
  samples: [{ ownerId: 'u1', start: 0, end: 1_000 }],
});

/** A team's visits in one status, oldest first: the manager's review queue. */
export const visitsOfTeamInStatus = defineListQuery({
  name: 'visits.ofTeamInStatus',
  collection: 'visits',
  build: ({
    teamId,
    status,
    limit,
  }: {
    teamId: string;
    status: VisitStatus;
    limit?: number;
  }): MangoQuery<VisitDoc> => ({
    selector: { teamId, status },
    sort: [{ teamId: 'asc' }, { status: 'asc' }, { at: 'asc' }],
    ...(limit ? { limit } : {}),
  }),
  samples: [
    { teamId: 't1', status: 'submitted' },
    { teamId: 't1', status: 'submitted', limit: 200 },
  ],
});

/** A customer's requests (gifts among them), newest first; a customer has few. */
export const requestsOfCustomer = defineListQuery({
  name: 'visits.requestsOfCustomer',
  collection: 'requests',
  build: ({ customerId }: { customerId: string }): MangoQuery<RequestDoc> => ({
    selector: { customerId },
    sort: [{ customerId: 'asc' }, { atDesc: 'asc' }],
  }),
  samples: [{ customerId: 'c1' }],
});

/** Requests waiting for a decision, oldest first: the manager's gift approvals. */
export const pendingRequests = defineListQuery({
  name: 'visits.pendingRequests',
  collection: 'requests',
  build: ({ limit }: { limit: number }): MangoQuery<RequestDoc> => ({
    selector: { status: 'pending' },
    sort: [{ status: 'asc' }, { at: 'asc' }],
    limit,
  }),
  samples: [{ limit: 500 }],
});

/** The files of one record (a visit's photos and signature), newest first. */
export const attachmentsOfRecord = defineListQuery({
  name: 'visits.attachmentsOfRecord',
  collection: 'attachments',
  build: ({ recordId }: { recordId: string }): MangoQuery<AttachmentDoc> => ({
    selector: { recordId },
    sort: [{ recordId: 'asc' }, { atDesc: 'asc' }],
  }),
  samples: [{ recordId: 'v1' }],
});

/** Customers whose code or pinyin starts with what was typed: the customer picker. */
export const customersByCodePrefix = defineListQuery({
  name: 'visits.customersByCodePrefix',
  collection: 'customers',
  build: ({ prefix, limit }: { prefix: string; limit: number }): MangoQuery<CustomerDoc> => ({
    selector: { archiveStatus: 'active', code: { $gte: prefix, $lt: `${prefix}\uffff` } },
    sort: [{ archiveStatus: 'asc' }, { code: 'asc' }],
    limit,
  }),
  samples: [{ prefix: 'KH', limit: 20 }],
});

export const customersByPinyinPrefix = defineListQuery({
  name: 'visits.customersByPinyinPrefix',
  collection: 'customers',
  build: ({ prefix, limit }: { prefix: string; limit: number }): MangoQuery<CustomerDoc> => ({
    selector: { archiveStatus: 'active', namePinyin: { $gte: prefix, $lt: `${prefix}\uffff` } },
    sort: [{ archiveStatus: 'asc' }, { namePinyin: 'asc' }],
    limit,
  }),
  samples: [{ prefix: 'zhang', limit: 20 }],
});
