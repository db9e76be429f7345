import type { RxJsonSchema } from 'rxdb';
import {
  auditProperties,
  auditRequired,
  enumField,
  idField,
  longText,
  orderProperties,
  refField,
  shortText,
  timeField,
  type AuditFields,
  type OrderFields,
} from './common';

export const REQUEST_KINDS = ['access', 'change', 'gift', 'loan'] as const;
export const REQUEST_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'lent',
  'returned',
  'cancelled',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Approvals: archive access, change of an original, gift, file loan (借阅). `at` is when asked. */
export interface RequestDoc extends AuditFields, OrderFields {
  id: string;
  kind: RequestKind;
  status: RequestStatus;
  customerId: string;
  requesterId: string;
  approverId?: string;
  /** The visit a gift was asked from, the document a change concerns… */
  sourceId?: string;
  reason: string;
  /** Gift: what and its value in yuan. */
  item?: string;
  value?: number;
  decidedAt?: number;
  decisionNote?: string;
  dueBackAt?: number;
  returnedAt?: number;
}

export const requestSchema: RxJsonSchema<RequestDoc> = {
  title: 'requests',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    kind: enumField(REQUEST_KINDS),
    status: enumField(REQUEST_STATUSES),
    customerId: refField,
    requesterId: refField,
    approverId: refField,
    sourceId: refField,
    reason: longText,
    item: shortText(200),
    value: { type: 'number', minimum: 0 },
    decidedAt: timeField,
    decisionNote: shortText(2000),
    dueBackAt: timeField,
    returnedAt: timeField,
    ...orderProperties,
    ...auditProperties,
  },
  required: [
    'id',
    'kind',
    'status',
    'customerId',
    'requesterId',
    'reason',
    'at',
    'atDesc',
    ...auditRequired,
  ],
  indexes: [
    ['status', 'at'],
    ['customerId', 'atDesc'],
    ['requesterId', 'atDesc'],
  ],
};
