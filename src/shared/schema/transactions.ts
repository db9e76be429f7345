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

export const TRANSACTION_KINDS = ['purchase', 'deposit', 'payment', 'refund', 'warranty'] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

/** `at` is when it happened. */
export interface TransactionDoc extends AuditFields, OrderFields {
  id: string;
  customerId: string;
  kind: TransactionKind;
  productModel?: string;
  serialNo?: string;
  quantity?: number;
  /** Amount in yuan. */
  amount: number;
  warrantyUntil?: number;
  note?: string;
}

export const transactionSchema: RxJsonSchema<TransactionDoc> = {
  title: 'transactions',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    customerId: refField,
    kind: enumField(TRANSACTION_KINDS),
    productModel: shortText(100),
    serialNo: shortText(100),
    quantity: { type: 'integer', minimum: 0 },
    amount: { type: 'number' },
    warrantyUntil: timeField,
    note: shortText(2000),
    ...orderProperties,
    ...auditProperties,
  },
  required: ['id', 'customerId', 'kind', 'amount', 'at', 'atDesc', ...auditRequired],
  indexes: [['customerId', 'atDesc']],
};
