import { customerFieldsFromForm, newCustomerDoc, type CustomerFields, type CustomerFormValues } from '../../../../shared/customers';
import { newId } from '../../../../shared/ids';
import type { ArchiveStatus, CustomerDoc, StatusChange } from '../../../../shared/schema';
import type { SessionUser } from '../../../../shared/users';
import type { DanganDatabase } from '../../db/database';
import { allocateCustomerCodes } from './codes';

/** Optional fields the form owns: absent from its output means cleared. */
const OPTIONAL_FORM_FIELDS = ['companyName', 'creditCode', 'idNumber', 'birthday', 'sourceChannel', 'note'] as const;

export async function createCustomer(db: DanganDatabase, user: SessionUser, values: CustomerFormValues, teamOf: (ownerId: string) => string): Promise<CustomerDoc> {
  const fields = customerFieldsFromForm(values);
  const [code] = await allocateCustomerCodes(db, user.id, 1);
  const doc = newCustomerDoc(fields, { id: newId(), code: code!, teamId: teamOf(fields.ownerId), userId: user.id });
  const saved = await db.collections.customers.insert(doc);
  return saved.toJSON() as CustomerDoc;
}

export function applyFields(current: CustomerDoc, fields: CustomerFields, teamId: string): CustomerDoc {
  const next: CustomerDoc = { ...current };
  for (const key of OPTIONAL_FORM_FIELDS) delete next[key];
  return { ...next, ...fields, teamId };
}

export async function updateCustomer(db: DanganDatabase, id: string, values: CustomerFormValues, teamOf: (ownerId: string) => string): Promise<CustomerDoc> {
  const doc = await db.collections.customers.findOne(id).exec();
  if (!doc) throw new Error(`customer ${id} is not on this computer`);
  const fields = customerFieldsFromForm(values);
  const saved = await doc.incrementalModify((current) =>
    applyFields(current, fields, current.ownerId === fields.ownerId ? current.teamId : teamOf(fields.ownerId)),
  );
  return saved.toJSON() as CustomerDoc;
}

export interface StatusChangeInput {
  reason: string;
  /** When it took effect (the user may record a retirement that happened earlier). */
  at: number;
  by: string;
}

/** Retired or reinstated: the archive stays whole; the change is appended to its history. */
export function withArchiveStatus(current: CustomerDoc, to: ArchiveStatus, input: StatusChangeInput): CustomerDoc {
  if (current.archiveStatus === to) throw new Error(`customer ${current.code} is already ${to}`);
  const reason = input.reason.trim();
  if (reason === '') throw new Error('a reason is required');
  const entry: StatusChange = { id: newId(), at: input.at, by: input.by, from: current.archiveStatus, to, reason };
  const next: CustomerDoc = { ...current, archiveStatus: to, statusHistory: [...current.statusHistory, entry] };
  if (to === 'retired') {
    next.retiredAt = input.at;
    next.retiredReason = reason;
  } else {
    delete next.retiredAt;
    delete next.retiredReason;
  }
  return next;
}

export async function changeArchiveStatus(db: DanganDatabase, id: string, to: ArchiveStatus, input: StatusChangeInput): Promise<CustomerDoc> {
  const doc = await db.collections.customers.findOne(id).exec();
  if (!doc) throw new Error(`customer ${id} is not on this computer`);
  const saved = await doc.incrementalModify((current) => withArchiveStatus(current, to, input));
  return saved.toJSON() as CustomerDoc;
}
