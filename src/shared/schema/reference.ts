import type { RxJsonSchema } from 'rxdb';
import {
  auditProperties,
  auditRequired,
  enumField,
  idField,
  shortText,
  type AuditFields,
} from './common';

export const REFERENCE_KINDS = [
  'staff',
  'team',
  'product',
  'region',
  'industry',
  'surveyTemplate',
  'holiday',
  'settings',
] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** Server-managed lookup data; `data` holds the kind-specific fields. */
export interface ReferenceDoc extends AuditFields {
  id: string;
  kind: ReferenceKind;
  key: string;
  label: string;
  data: Record<string, unknown>;
}

export const referenceSchema: RxJsonSchema<ReferenceDoc> = {
  title: 'reference',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    kind: enumField(REFERENCE_KINDS),
    key: shortText(64),
    label: shortText(200),
    data: { type: 'object' },
    ...auditProperties,
  },
  required: ['id', 'kind', 'key', 'label', 'data', ...auditRequired],
  indexes: [['kind', 'key']],
};
