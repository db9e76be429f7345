import { REPLICATED_COLLECTIONS, type ReplicatedCollection } from '../schema';
import type { Role } from '../users';
import { jsonEqual } from './equal';
import { ACCESS_POLICY, VISIBILITY_SOURCE, type CollectionAccess, type Scope } from './policy';

/** Who asks. `teamId` '' means no team: it never matches a document's team. */
export interface AccessSubject {
  userId: string;
  role: Role;
  teamId: string;
}

/** A document's owner and team as the server judges them (null: none). */
export interface VisibilityKeys {
  ownerId: string | null;
  teamId: string | null;
}

export function accessOf(role: Role, collection: ReplicatedCollection): CollectionAccess {
  return ACCESS_POLICY[role][collection];
}

export function inScope(scope: Scope, subject: AccessSubject, keys: VisibilityKeys): boolean {
  if (scope === 'all') return true;
  if (scope === 'none') return false;
  if (keys.ownerId !== null && keys.ownerId === subject.userId) return true;
  return subject.teamId !== '' && keys.teamId === subject.teamId;
}

export function canRead(
  subject: AccessSubject,
  collection: ReplicatedCollection,
  keys: VisibilityKeys,
): boolean {
  return inScope(accessOf(subject.role, collection).read, subject, keys);
}

export function canWrite(
  subject: AccessSubject,
  collection: ReplicatedCollection,
  keys: VisibilityKeys,
): boolean {
  return inScope(accessOf(subject.role, collection).write, subject, keys);
}

/** The collections a role replicates: the sync worker opens replication for these only. */
export function readableCollections(role: Role): ReplicatedCollection[] {
  return REPLICATED_COLLECTIONS.filter((c) => ACCESS_POLICY[role][c].read !== 'none');
}

export function writableCollections(role: Role): ReplicatedCollection[] {
  return REPLICATED_COLLECTIONS.filter((c) => ACCESS_POLICY[role][c].write !== 'none');
}

/** For the UI: may this role edit this field of an existing document it can write? */
export function mayChangeField(
  role: Role,
  collection: ReplicatedCollection,
  field: string,
): boolean {
  const access = ACCESS_POLICY[role][collection];
  return access.write !== 'none' && !access.controlled.includes(field);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Keys of a document whose visibility source is `self` (customers, plans). */
export function selfKeysOf(doc: Readonly<Record<string, unknown>>): VisibilityKeys {
  return { ownerId: stringOrNull(doc['ownerId']), teamId: stringOrNull(doc['teamId']) };
}

/** The customer a record belongs to, for collections whose keys follow their customer. */
export function customerIdOf(
  collection: ReplicatedCollection,
  doc: Readonly<Record<string, unknown>>,
): string | null {
  return VISIBILITY_SOURCE[collection] === 'customer' ? stringOrNull(doc['customerId']) : null;
}

export const WRITE_PROBLEMS = ['delete', 'controlled', 'reserved'] as const;
export type WriteProblemKind = (typeof WRITE_PROBLEMS)[number];

export interface WriteProblem {
  kind: WriteProblemKind;
  field?: string;
  message: string;
}

export interface WriteAttempt {
  /** The stored version, when there is one. */
  master?: { doc: Readonly<Record<string, unknown>>; deleted: boolean };
  next: Readonly<Record<string, unknown>>;
  deleted: boolean;
}

/**
 * The field rules of a write (delete, controlled, reserved). Scopes are judged separately, on
 * the visibility keys, which the server derives from its own data.
 */
export function fieldRuleProblem(
  role: Role,
  collection: ReplicatedCollection,
  attempt: WriteAttempt,
): WriteProblem | null {
  const access = ACCESS_POLICY[role][collection];
  const { master, next } = attempt;
  if (attempt.deleted && !(master?.deleted ?? false) && !access.delete) {
    return { kind: 'delete', message: `role ${role} may not delete ${collection} documents` };
  }
  if (master) {
    for (const field of access.controlled) {
      if (!jsonEqual(master.doc[field], next[field])) {
        return {
          kind: 'controlled',
          field,
          message: `role ${role} may not change ${collection}.${field}`,
        };
      }
    }
  }
  for (const [field, values] of Object.entries(access.reserved)) {
    const value = next[field];
    const newlySet = !master || !jsonEqual(master.doc[field], value);
    if (newlySet && values.some((v) => v === value)) {
      return {
        kind: 'reserved',
        field,
        message: `role ${role} may not set ${collection}.${field} to ${JSON.stringify(value)}`,
      };
    }
  }
  return null;
}
