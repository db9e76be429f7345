import {
  accessOf,
  canRead,
  canWrite,
  fieldRuleProblem,
  jsonEqual,
  VISIBILITY_SOURCE,
  type AccessSubject,
  type VisibilityKeys,
} from '../../shared/access';
import type { ReplicatedCollection } from '../../shared/schema';
import type { Rejection } from '../../shared/sync/protocol';
import type { FieldError } from './validate';
import { keysOfRow, type KeyColumns } from './visibility';

export type DocState = { doc: Record<string, unknown>; deleted: boolean };

/** One row of a push, after its document was checked against the schema. */
export interface IncomingRow {
  id: string;
  /** The newDocumentState as received, for echoing a refused new document back. */
  pushed: Record<string, unknown>;
  checked: DocState | { error: FieldError };
  assumed: DocState | null;
}

export interface MasterRow extends KeyColumns {
  id: string;
  seq: number;
  deleted: boolean;
  doc: Record<string, unknown>;
  customer_id: string | null;
}

export type Decision =
  | {
      kind: 'write';
      state: DocState;
      keys: VisibilityKeys;
      customerId: string | null;
      master?: MasterRow;
    }
  | { kind: 'same' }
  | { kind: 'answer'; entry: Record<string, unknown> };

export function masterEntry(master: MasterRow): Record<string, unknown> {
  return { ...master.doc, _deleted: master.deleted };
}

function withoutInternal(state: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state).filter(([key]) => !key.startsWith('_')));
}

/**
 * A refused write: the laptop converges to the server's document when the user may see it,
 * and otherwise drops its own (returned deleted), so nothing of others' leaks.
 */
function refuse(
  row: IncomingRow,
  visibleMaster: MasterRow | undefined,
  rejection: Omit<Rejection, 'documentId'>,
): Decision {
  const base = visibleMaster
    ? masterEntry(visibleMaster)
    : { ...withoutInternal(row.pushed), _deleted: true };
  return { kind: 'answer', entry: { ...base, _rejected: { ...rejection, documentId: row.id } } };
}

function sameState(a: DocState, master: MasterRow): boolean {
  return a.deleted === master.deleted && jsonEqual(a.doc, master.doc);
}

/** The field that placed a document out of the writer's reach, for the rejection message. */
function scopeField(collection: ReplicatedCollection): string | undefined {
  const source = VISIBILITY_SOURCE[collection];
  if (source === 'self') return 'ownerId';
  if (source === 'customer') return 'customerId';
  return undefined;
}

/**
 * What to do with one pushed row, given the stored master (locked) and a way to derive the
 * visibility keys of the new version. Pure: the transaction around it does the writing.
 */
export function decide(
  user: AccessSubject,
  collection: ReplicatedCollection,
  row: IncomingRow,
  master: MasterRow | undefined,
  keysFor: (doc: Record<string, unknown>) => { keys: VisibilityKeys; customerId: string | null },
): Decision {
  const visibleMaster = master && canRead(user, collection, keysOfRow(master)) ? master : undefined;
  if (master && !visibleMaster) {
    return refuse(row, undefined, {
      code: 'forbidden',
      message: `${collection} ${row.id} is not accessible to you`,
    });
  }
  if ('error' in row.checked) {
    return refuse(row, visibleMaster, { code: 'invalid', ...row.checked.error });
  }
  const state = row.checked;
  if (master) {
    // Already stored exactly so (a retried push whose first attempt committed): nothing to do.
    if (sameState(state, master)) return { kind: 'same' };
    if (!row.assumed || !sameState(row.assumed, master))
      return { kind: 'answer', entry: masterEntry(master) };
  }
  const access = accessOf(user.role, collection);
  if (access.write === 'none') {
    return refuse(row, visibleMaster, {
      code: 'forbidden',
      message: `role ${user.role} may not write ${collection}`,
    });
  }
  const { keys, customerId } = keysFor(state.doc);
  if (
    !canWrite(user, collection, keys) ||
    (master && !canWrite(user, collection, keysOfRow(master)))
  ) {
    const field = scopeField(collection);
    return refuse(row, visibleMaster, {
      code: 'forbidden',
      ...(field ? { field } : {}),
      message: `role ${user.role} may write only its own or its team's ${collection}`,
    });
  }
  const problem = fieldRuleProblem(user.role, collection, {
    master: master ? { doc: master.doc, deleted: master.deleted } : undefined,
    next: state.doc,
    deleted: state.deleted,
  });
  if (problem) {
    return refuse(row, visibleMaster, {
      code: 'forbidden',
      ...(problem.field ? { field: problem.field } : {}),
      message: problem.message,
    });
  }
  return { kind: 'write', state, keys, customerId, master };
}
