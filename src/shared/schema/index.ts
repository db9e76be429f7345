import type { RxJsonSchema } from 'rxdb';
import { attachmentSchema, type AttachmentDoc } from './attachments';
import { caseSchema, type CaseDoc } from './cases';
import { creditSchema, type CreditDoc } from './credit';
import { customerSchema, type CustomerDoc } from './customers';
import { localSchema, type LocalDoc } from './local';
import { planSchema, type PlanDoc } from './plans';
import { referenceSchema, type ReferenceDoc } from './reference';
import { requestSchema, type RequestDoc } from './requests';
import { responseSchema, type ResponseDoc } from './responses';
import { taskSchema, type TaskDoc } from './tasks';
import { transactionSchema, type TransactionDoc } from './transactions';
import { visitSchema, type VisitDoc } from './visits';

export * from './common';
export * from './attachments';
export * from './cases';
export * from './credit';
export * from './customers';
export * from './local';
export * from './plans';
export * from './reference';
export * from './requests';
export * from './responses';
export * from './tasks';
export * from './transactions';
export * from './visits';
export { migrationStrategies } from './migrations';

/** Collection name → document type. Twelve collections: RxDB's open core allows 13 per context. */
export interface DocTypes {
  customers: CustomerDoc;
  credit: CreditDoc;
  transactions: TransactionDoc;
  plans: PlanDoc;
  visits: VisitDoc;
  cases: CaseDoc;
  responses: ResponseDoc;
  tasks: TaskDoc;
  requests: RequestDoc;
  attachments: AttachmentDoc;
  reference: ReferenceDoc;
  local: LocalDoc;
}

export type CollectionName = keyof DocTypes;

export const schemas: { [K in CollectionName]: RxJsonSchema<DocTypes[K]> } = {
  customers: customerSchema,
  credit: creditSchema,
  transactions: transactionSchema,
  plans: planSchema,
  visits: visitSchema,
  cases: caseSchema,
  responses: responseSchema,
  tasks: taskSchema,
  requests: requestSchema,
  attachments: attachmentSchema,
  reference: referenceSchema,
  local: localSchema,
};

export const COLLECTION_NAMES = Object.keys(schemas) as CollectionName[];

/** Collections that travel to and from the server; `local` never leaves the laptop. */
export const REPLICATED_COLLECTIONS = COLLECTION_NAMES.filter(
  (name): name is Exclude<CollectionName, 'local'> => name !== 'local',
);
export type ReplicatedCollection = (typeof REPLICATED_COLLECTIONS)[number];

/** Time-ordered collections carry `at`/`atDesc`, stamped by the write layer. */
export const ORDERED_COLLECTIONS: readonly CollectionName[] = COLLECTION_NAMES.filter(
  (name) => 'atDesc' in schemas[name].properties,
);
