import type { RxJsonSchema } from 'rxdb';
import {
  auditProperties,
  auditRequired,
  idField,
  orderProperties,
  refField,
  shortText,
  type AuditFields,
  type OrderFields,
} from './common';

export interface Answer {
  questionId: string;
  /** Likert 1–5, a choice key, or free text. */
  value: string;
}

/** A satisfaction survey response. `at` is when it was answered. */
export interface ResponseDoc extends AuditFields, OrderFields {
  id: string;
  customerId: string;
  templateId: string;
  caseId?: string;
  visitId?: string;
  answers: Answer[];
  /** Net Promoter Score answer 0–10, -1 when not asked. */
  nps: number;
  comment?: string;
}

export const responseSchema: RxJsonSchema<ResponseDoc> = {
  title: 'responses',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    customerId: refField,
    templateId: refField,
    caseId: refField,
    visitId: refField,
    answers: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        properties: { questionId: shortText(40), value: shortText(4000) },
        required: ['questionId', 'value'],
      },
    },
    nps: { type: 'integer', minimum: -1, maximum: 10 },
    comment: shortText(4000),
    ...orderProperties,
    ...auditProperties,
  },
  required: ['id', 'customerId', 'templateId', 'answers', 'nps', 'at', 'atDesc', ...auditRequired],
  indexes: [
    ['customerId', 'atDesc'],
    ['templateId', 'at'],
  ],
};
