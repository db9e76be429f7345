import type { RxJsonSchema } from 'rxdb';
import { VISIT_PURPOSES, type VisitPurpose } from './visits';
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
  type AuditFields,
  type OrderFields,
} from './common';

export const PLAN_PERIODS = ['year', 'month'] as const;
export const PLAN_STATUSES = ['draft', 'active', 'closed'] as const;
export type PlanPeriod = (typeof PLAN_PERIODS)[number];
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface PlanTarget {
  id: string;
  customerId: string;
  /** Visits wanted in the plan's period. */
  frequency: number;
  /** Local dates, `YYYY-MM-DD`. */
  plannedDates: string[];
  /** The standard purposes planned; prefilled into the report started from the plan. */
  purposes?: VisitPurpose[];
  purpose?: string;
}

/** 年度/月度巡访计划. `at` is the start of the period. */
export interface PlanDoc extends AuditFields, OrderFields {
  id: string;
  ownerId: string;
  teamId: string;
  period: PlanPeriod;
  year: number;
  /** 1–12 for a monthly plan, 0 for an annual one. */
  month: number;
  title: string;
  status: PlanStatus;
  targets: PlanTarget[];
  note?: string;
}

export const planSchema: RxJsonSchema<PlanDoc> = {
  title: 'plans',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    ownerId: refField,
    teamId: refField,
    period: enumField(PLAN_PERIODS),
    year: { type: 'integer', minimum: 2000, maximum: 2200, multipleOf: 1 },
    month: { type: 'integer', minimum: 0, maximum: 12, multipleOf: 1 },
    title: shortText(200),
    status: enumField(PLAN_STATUSES),
    targets: {
      type: 'array',
      maxItems: 2000,
      items: {
        type: 'object',
        properties: {
          id: idField,
          customerId: refField,
          frequency: { type: 'integer', minimum: 0, maximum: 366 },
          plannedDates: stringList(366, 10),
          purposes: { type: 'array', maxItems: 10, items: enumField(VISIT_PURPOSES, 20) },
          purpose: shortText(500),
        },
        required: ['id', 'customerId', 'frequency', 'plannedDates'],
      },
    },
    note: longText,
    ...orderProperties,
    ...auditProperties,
  },
  required: [
    'id',
    'ownerId',
    'teamId',
    'period',
    'year',
    'month',
    'title',
    'status',
    'targets',
    'at',
    'atDesc',
    ...auditRequired,
  ],
  indexes: [['ownerId', 'year', 'month'], ['teamId', 'year', 'month']],
};
