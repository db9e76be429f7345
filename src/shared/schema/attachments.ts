import type { RxJsonSchema } from 'rxdb';
import {
  auditProperties,
  auditRequired,
  enumField,
  idField,
  orderProperties,
  refField,
  shortText,
  type AuditFields,
  type OrderFields,
} from './common';

export const ATTACHMENT_KINDS = [
  'contract',
  'idCopy',
  'drawing',
  'correspondence',
  'photo',
  'signature',
  'invoice',
  'other',
] as const;
export const RECORD_COLLECTIONS = ['customers', 'visits', 'cases', 'transactions', 'requests'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** File metadata; the bytes live in the main process's content-addressed store. `at` = added. */
export interface AttachmentDoc extends AuditFields, OrderFields {
  id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  kind: AttachmentKind;
  customerId: string;
  recordCollection: (typeof RECORD_COLLECTIONS)[number];
  recordId: string;
  note?: string;
}

export const attachmentSchema: RxJsonSchema<AttachmentDoc> = {
  title: 'attachments',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    sha256: { type: 'string', maxLength: 64, pattern: '^[0-9a-f]{64}$' },
    name: shortText(255),
    mime: shortText(100),
    size: { type: 'integer', minimum: 0 },
    kind: enumField(ATTACHMENT_KINDS),
    customerId: refField,
    recordCollection: enumField(RECORD_COLLECTIONS),
    recordId: refField,
    note: shortText(2000),
    ...orderProperties,
    ...auditProperties,
  },
  required: [
    'id',
    'sha256',
    'name',
    'mime',
    'size',
    'kind',
    'customerId',
    'recordCollection',
    'recordId',
    'at',
    'atDesc',
    ...auditRequired,
  ],
  indexes: [['customerId', 'atDesc'], ['recordId', 'atDesc'], 'sha256'],
};
