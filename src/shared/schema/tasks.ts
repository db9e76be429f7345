import type { RxJsonSchema } from 'rxdb';
import {
  auditProperties,
  auditRequired,
  enumField,
  idField,
  orderProperties,
  refField,
  shortText,
  timeField,
  type AuditFields,
  type OrderFields,
} from './common';

export const TASK_KINDS = ['returnVisit', 'care', 'review', 'followUp', 'reminder'] as const;
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** 回访, care, archive review, follow-ups. `at` is the due time. */
export interface TaskDoc extends AuditFields, OrderFields {
  id: string;
  customerId: string;
  kind: TaskKind;
  status: TaskStatus;
  title: string;
  assigneeId: string;
  /** The visit, case or request that created it. */
  sourceId?: string;
  doneAt?: number;
  note?: string;
}

export const taskSchema: RxJsonSchema<TaskDoc> = {
  title: 'tasks',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    customerId: refField,
    kind: enumField(TASK_KINDS),
    status: enumField(TASK_STATUSES),
    title: shortText(300),
    assigneeId: refField,
    sourceId: refField,
    doneAt: timeField,
    note: shortText(2000),
    ...orderProperties,
    ...auditProperties,
  },
  required: ['id', 'customerId', 'kind', 'status', 'title', 'assigneeId', 'at', 'atDesc', ...auditRequired],
  indexes: [
    ['assigneeId', 'status', 'at'],
    ['customerId', 'atDesc'],
  ],
};
