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
  stringList,
  timeField,
  type AuditFields,
  type OrderFields,
} from './common';

export const VISIT_STATUSES = ['planned', 'draft', 'submitted', 'returned', 'accepted'] as const;
export const VISIT_PURPOSES = [
  'demonstration',
  'collection',
  'closing',
  'problemSolving',
  'complaint',
  'relationship',
  'opinion',
  'dealerStock',
  'marketIntel',
  'other',
] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];

export interface NextStep {
  id: string;
  text: string;
  dueAt?: number;
  taskId?: string;
}

export interface VisitReview {
  /** Present on entries of `reviews` (append-only history, merged by id). */
  id?: string;
  by: string;
  at: number;
  decision: 'accepted' | 'returned';
  comment: string;
}

/** A correction after submission: never a silent overwrite. */
export interface VisitAmendment {
  id: string;
  at: number;
  by: string;
  field: string;
  before: string;
  after: string;
  reason: string;
}

/** 走访客户报告. `at` is the (planned or actual) start. */
export interface VisitDoc extends AuditFields, OrderFields {
  id: string;
  customerId: string;
  planId?: string;
  ownerId: string;
  teamId: string;
  status: VisitStatus;
  contactId?: string;
  contactName?: string;
  visitors: string[];
  startAt?: number;
  endAt?: number;
  place?: string;
  purposes: VisitPurpose[];
  purposeNote?: string;
  outcomes?: string;
  feedback?: string;
  suggestions?: string;
  marketNotes?: string;
  nextSteps: NextStep[];
  attachmentIds: string[];
  signatureAttachmentId?: string;
  submittedAt?: number;
  /** The latest review decision. */
  review?: VisitReview;
  /** Every review round, oldest first: a report sent back and accepted later keeps both. */
  reviews?: VisitReview[];
  amendments: VisitAmendment[];
}

export const visitSchema: RxJsonSchema<VisitDoc> = {
  title: 'visits',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    customerId: refField,
    planId: refField,
    ownerId: refField,
    teamId: refField,
    status: enumField(VISIT_STATUSES),
    contactId: refField,
    contactName: shortText(100),
    visitors: stringList(10, 40),
    startAt: timeField,
    endAt: timeField,
    place: shortText(300),
    purposes: { type: 'array', maxItems: 10, items: enumField(VISIT_PURPOSES, 20) },
    purposeNote: shortText(500),
    outcomes: longText,
    feedback: longText,
    suggestions: longText,
    marketNotes: longText,
    nextSteps: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        properties: { id: idField, text: shortText(1000), dueAt: timeField, taskId: refField },
        required: ['id', 'text'],
      },
    },
    attachmentIds: stringList(100, 40),
    signatureAttachmentId: refField,
    submittedAt: timeField,
    review: {
      type: 'object',
      properties: {
        by: refField,
        at: timeField,
        decision: { type: 'string', enum: ['accepted', 'returned'] },
        comment: shortText(2000),
      },
      required: ['by', 'at', 'decision', 'comment'],
    },
    reviews: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        properties: {
          id: idField,
          by: refField,
          at: timeField,
          decision: { type: 'string', enum: ['accepted', 'returned'] },
          comment: shortText(2000),
        },
        required: ['id', 'by', 'at', 'decision', 'comment'],
      },
    },
    amendments: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: idField,
          at: timeField,
          by: refField,
          field: shortText(40),
          before: longText,
          after: longText,
          reason: shortText(500),
        },
        required: ['id', 'at', 'by', 'field', 'before', 'after', 'reason'],
      },
    },
    ...orderProperties,
    ...auditProperties,
  },
  required: [
    'id',
    'customerId',
    'ownerId',
    'teamId',
    'status',
    'visitors',
    'purposes',
    'nextSteps',
    'attachmentIds',
    'amendments',
    'at',
    'atDesc',
    ...auditRequired,
  ],
  indexes: [
    ['customerId', 'atDesc'],
    ['ownerId', 'at'],
    ['teamId', 'status', 'at'],
  ],
};
