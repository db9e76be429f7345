import type { ReplicatedCollection } from '../schema';
import type { Role } from '../users';

/**
 * The access policy: role × collection → which documents a role reads, which it writes, which
 * fields it may not change. The sync server enforces it on pull, push and stream; the UI reads
 * it to hide what a user may not do. One table, so the two never disagree.
 *
 * Scopes are judged on a document's visibility keys (owner, team), which the server keeps in
 * its own columns (see VISIBILITY_SOURCE):
 * - `all`: every document of the collection;
 * - `own`: documents whose owner is the user, or whose team is the user's team;
 * - `none`: nothing. A collection a role cannot read is never replicated to it.
 *
 * Field rules apply to writes only (reading is all-or-nothing per document: DESIGN.md keeps
 * restricted fields in collections of their own, such as `credit`):
 * - `controlled`: fields the role may not change on an existing document;
 * - `reserved`: values the role may not newly give a field (on a new document, or by changing
 *   it), e.g. a rep cannot approve their own request;
 * - `delete`: whether the role may soft-delete (`_deleted: true`).
 *
 * Roles, in short:
 * - admin: IT and the owner of reference data; full access except `credit`, which stays with
 *   managers and clerks (DESIGN.md, Security). The only role that writes `reference`.
 * - manager: reads and writes every business collection, approves.
 * - clerk: keeps the archive (customers, credit, transactions, documents, loans, service
 *   records); reads plans and visits; cannot decide approvals.
 * - service: after-sales; reads customers and their history, writes cases, surveys, tasks and
 *   attachments; no credit, no visit plans.
 * - rep: their own and their team's customers and every record of those customers; cannot
 *   reassign, retire or re-file a customer, review a visit or decide a request.
 */

export const SCOPES = ['all', 'own', 'none'] as const;
export type Scope = (typeof SCOPES)[number];

export type FieldValue = string | number | boolean;

export interface CollectionAccess {
  read: Scope;
  /** Judged on both the stored version and the new one: nobody moves a document out of reach. */
  write: Scope;
  delete: boolean;
  controlled: readonly string[];
  reserved: Readonly<Record<string, readonly FieldValue[]>>;
}

/** Where a collection's visibility keys come from. */
export const VISIBILITY_SOURCES = ['self', 'customer', 'public'] as const;
export type VisibilitySource = (typeof VISIBILITY_SOURCES)[number];

/**
 * `self`: the document's own `ownerId`/`teamId`. `customer`: the keys of the customer named by
 * `customerId` (a record follows its customer, so reassigning a customer moves its records).
 * `public`: no keys; only `all` scopes apply.
 */
export const VISIBILITY_SOURCE = {
  customers: 'self',
  plans: 'self',
  credit: 'customer',
  transactions: 'customer',
  visits: 'customer',
  cases: 'customer',
  responses: 'customer',
  tasks: 'customer',
  requests: 'customer',
  attachments: 'customer',
  reference: 'public',
} as const satisfies Record<ReplicatedCollection, VisibilitySource>;

const NONE: CollectionAccess = {
  read: 'none',
  write: 'none',
  delete: false,
  controlled: [],
  reserved: {},
};
const READ_ALL: CollectionAccess = {
  read: 'all',
  write: 'none',
  delete: false,
  controlled: [],
  reserved: {},
};
const FULL: CollectionAccess = {
  read: 'all',
  write: 'all',
  delete: true,
  controlled: [],
  reserved: {},
};

function rule(read: Scope, write: Scope, extra: Partial<CollectionAccess> = {}): CollectionAccess {
  return { read, write, delete: true, controlled: [], reserved: {}, ...extra };
}

/** Fields that file, reassign or retire a customer: the archive's keepers decide those. */
const CUSTOMER_FILING_FIELDS = [
  'code',
  'ownerId',
  'teamId',
  'location',
  'membershipTier',
  'points',
  'statusHistory',
  'retiredAt',
  'retiredReason',
] as const;

const REQUEST_DECISION_FIELDS = ['approverId', 'decidedAt', 'decisionNote'] as const;

export const ACCESS_POLICY = {
  admin: {
    customers: FULL,
    credit: NONE,
    transactions: FULL,
    plans: FULL,
    visits: FULL,
    cases: FULL,
    responses: FULL,
    tasks: FULL,
    requests: FULL,
    attachments: FULL,
    reference: FULL,
  },
  manager: {
    customers: FULL,
    credit: FULL,
    transactions: FULL,
    plans: FULL,
    visits: FULL,
    cases: FULL,
    responses: FULL,
    tasks: FULL,
    requests: FULL,
    attachments: FULL,
    reference: READ_ALL,
  },
  clerk: {
    customers: FULL,
    credit: FULL,
    transactions: FULL,
    plans: READ_ALL,
    visits: READ_ALL,
    cases: FULL,
    responses: FULL,
    tasks: FULL,
    requests: rule('all', 'all', {
      controlled: REQUEST_DECISION_FIELDS,
      reserved: { status: ['approved', 'rejected'] },
    }),
    attachments: FULL,
    reference: READ_ALL,
  },
  service: {
    customers: READ_ALL,
    credit: NONE,
    transactions: READ_ALL,
    plans: NONE,
    visits: READ_ALL,
    cases: rule('all', 'all', { delete: false }),
    responses: FULL,
    tasks: FULL,
    requests: READ_ALL,
    attachments: FULL,
    reference: READ_ALL,
  },
  rep: {
    customers: rule('own', 'own', {
      delete: false,
      controlled: CUSTOMER_FILING_FIELDS,
      reserved: { archiveStatus: ['retired'] },
    }),
    credit: NONE,
    transactions: rule('own', 'own', { delete: false }),
    plans: rule('own', 'own'),
    visits: rule('own', 'own', {
      controlled: ['review', 'reviews'],
      reserved: { status: ['accepted', 'returned'] },
    }),
    cases: rule('own', 'own', { delete: false, controlled: ['responsibility'] }),
    responses: rule('own', 'own'),
    tasks: rule('own', 'own'),
    requests: rule('own', 'own', {
      delete: false,
      controlled: REQUEST_DECISION_FIELDS,
      reserved: { status: ['approved', 'rejected', 'lent', 'returned'] },
    }),
    attachments: rule('own', 'own'),
    reference: READ_ALL,
  },
} as const satisfies Record<Role, Record<ReplicatedCollection, CollectionAccess>>;
