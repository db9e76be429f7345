import type { RxJsonSchema } from 'rxdb';
import {
  auditProperties,
  auditRequired,
  enumField,
  idField,
  refField,
  shortText,
  timeField,
  type AuditFields,
} from './common';

export const CREDIT_RATINGS = ['A', 'B', 'C', 'D', 'unrated'] as const;
export type CreditRating = (typeof CREDIT_RATINGS)[number];

export interface OverdueNote {
  id: string;
  at: number;
  by: string;
  text: string;
}

/** Restricted to managers and clerks: lives apart so other roles never replicate it. */
export interface CreditDoc extends AuditFields {
  id: string;
  customerId: string;
  rating: CreditRating;
  /** Credit limit in yuan. */
  limit: number;
  receivables: number;
  overdue: number;
  reviewedAt?: number;
  overdueNotes: OverdueNote[];
}

export const creditSchema: RxJsonSchema<CreditDoc> = {
  title: 'credit',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    customerId: refField,
    rating: enumField(CREDIT_RATINGS),
    limit: { type: 'number', minimum: 0 },
    receivables: { type: 'number' },
    overdue: { type: 'number', minimum: 0 },
    reviewedAt: timeField,
    overdueNotes: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: idField, at: timeField, by: refField, text: shortText(2000) },
        required: ['id', 'at', 'by', 'text'],
      },
    },
    ...auditProperties,
  },
  required: [
    'id',
    'customerId',
    'rating',
    'limit',
    'receivables',
    'overdue',
    'overdueNotes',
    ...auditRequired,
  ],
  indexes: ['customerId'],
  // Credit data is encrypted at rest on the laptop (DESIGN.md, Security); only the customer
  // link stays queryable.
  encrypted: ['rating', 'limit', 'receivables', 'overdue', 'reviewedAt', 'overdueNotes'],
};
