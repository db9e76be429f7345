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

export const CASE_KINDS = ['service', 'complaint'] as const;
export const CASE_STATUSES = [
  'open',
  'assigned',
  'inProgress',
  'resolved',
  'closed',
  'cancelled',
] as const;
export const COMPLAINT_TYPES = ['quality', 'nonQuality'] as const;
export const TIMELINE_KINDS = ['note', 'status', 'assignment', 'contact', 'visit', 'feedback'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Append-only: merged as a union by id. */
export interface TimelineEntry {
  id: string;
  at: number;
  by: string;
  kind: (typeof TIMELINE_KINDS)[number];
  text: string;
}

/** 产品反馈处理单 / 投诉. `at` is when it was opened. */
export interface CaseDoc extends AuditFields, OrderFields {
  id: string;
  customerId: string;
  kind: CaseKind;
  complaintType?: (typeof COMPLAINT_TYPES)[number];
  status: CaseStatus;
  title: string;
  description: string;
  paid: boolean;
  distanceKm?: number;
  productModel?: string;
  serialNo?: string;
  /** SLA deadlines, computed from the rules when the case is opened. */
  respondBy: number;
  onsiteBy?: number;
  assigneeId: string;
  investigation?: string;
  responsibility?: string;
  correctiveAction?: string;
  customerFeedback?: string;
  resolvedAt?: number;
  timeline: TimelineEntry[];
}

export const caseSchema: RxJsonSchema<CaseDoc> = {
  title: 'cases',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    customerId: refField,
    kind: enumField(CASE_KINDS),
    complaintType: enumField(COMPLAINT_TYPES),
    status: enumField(CASE_STATUSES),
    title: shortText(200),
    description: longText,
    paid: { type: 'boolean' },
    distanceKm: { type: 'number', minimum: 0 },
    productModel: shortText(100),
    serialNo: shortText(100),
    respondBy: timeField,
    onsiteBy: timeField,
    assigneeId: refField,
    investigation: longText,
    responsibility: longText,
    correctiveAction: longText,
    customerFeedback: longText,
    resolvedAt: timeField,
    timeline: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: idField,
          at: timeField,
          by: refField,
          kind: enumField(TIMELINE_KINDS),
          text: longText,
        },
        required: ['id', 'at', 'by', 'kind', 'text'],
      },
    },
    ...orderProperties,
    ...auditProperties,
  },
  required: [
    'id',
    'customerId',
    'kind',
    'status',
    'title',
    'description',
    'paid',
    'respondBy',
    'assigneeId',
    'timeline',
    'at',
    'atDesc',
    ...auditRequired,
  ],
  indexes: [
    ['customerId', 'atDesc'],
    ['status', 'at'],
    ['assigneeId', 'status', 'at'],
  ],
};
