import {
  customerIdOf,
  selfKeysOf,
  VISIBILITY_SOURCE,
  type VisibilityKeys,
} from '../../shared/access';
import type { ReplicatedCollection } from '../../shared/schema';
import type { AuthUser } from '../auth/tokens';
import { withRetry, type Database, type FinalCall, type Queryable } from '../db/types';
import { decide, type DocState, type IncomingRow, type MasterRow } from './push-decide';
import { lockDependents, readForPush, type DependentRow } from './store';
import { keysOfRow, sameKeys } from './visibility';

interface Write {
  id: string;
  state: DocState;
  keys: VisibilityKeys;
  customerId: string | null;
  master?: MasterRow;
}

interface PendingRevocation {
  collection: ReplicatedCollection;
  doc_id: string;
  owner_id: string | null;
  team_id: string | null;
}

interface PendingRekey {
  collection: ReplicatedCollection;
  id: string;
  owner_id: string | null;
  team_id: string | null;
}

const NO_KEYS: VisibilityKeys = { ownerId: null, teamId: null };

/** What a push request carries, once its sender is known and its body checked. */
export interface PushRequest {
  user: AuthUser;
  collection: ReplicatedCollection;
  rows: readonly IncomingRow[];
}

/**
 * Applies a push in one transaction and returns the entries of the rows not written (conflicts
 * and refusals), in the order pushed. Each row is judged on its own: a refused row does not stop
 * the others (all-or-nothing per document). The rows are locked and judged here; the writes,
 * sequence numbers and NOTIFY happen in dangan_apply_push, sent with COMMIT (migration 0004).
 * A document created meanwhile by another writer fails that call with 40001: decided again.
 */
export function applyPush(
  db: Database,
  user: AuthUser,
  collection: ReplicatedCollection,
  rows: readonly IncomingRow[],
): Promise<Record<string, unknown>[]> {
  return applyPushRequest(db, () => Promise.resolve({ user, collection, rows }));
}

/**
 * The same, with the sign-in check (and whatever else `open` does: checking the body) as the
 * transaction's first step: its query is the one BEGIN travels with, so a push costs the
 * database no round trip of its own for authentication. `open` runs again if the transaction
 * is retried; an error it throws (401, 400…) ends the transaction before any lock is taken.
 */
export function applyPushRequest(
  db: Database,
  open: (tx: Queryable) => Promise<PushRequest>,
): Promise<Record<string, unknown>[]> {
  return withRetry(() =>
    db.transactionWithFinalCall(async (tx) => {
      const { user, collection, rows } = await open(tx);
      if (rows.length === 0) return { result: [] };
      return pushInTransaction(db, tx, user, collection, rows);
    }),
  );
}

async function pushInTransaction(
  db: Database,
  tx: Queryable,
  user: AuthUser,
  collection: ReplicatedCollection,
  rows: readonly IncomingRow[],
): Promise<{ result: Record<string, unknown>[]; finalCall?: FinalCall }> {
  const source = VISIBILITY_SOURCE[collection];
  const ids = rows.map((r) => r.id);
  const customerIds = new Set<string>();
  if (source === 'customer') {
    for (const row of rows) {
      const id = 'doc' in row.checked ? customerIdOf(collection, row.checked.doc) : null;
      if (id) customerIds.add(id);
    }
  }
  // Pushing a customer may change its keys, which re-keys its records: exclusive.
  const isCustomers = collection === 'customers';
  const reads = await readForPush(tx, {
    collection,
    ids,
    customers: {
      lock: isCustomers ? ids : [...customerIds],
      exclusive: isCustomers,
      keys: [...customerIds],
      dependentsOfNew: isCustomers ? ids : [],
    },
  });
  const masters = reads.masters;
  const keysOfCustomers = reads.customerKeys;
  // A record whose customer has not reached the server yet is the writer's until it does.
  const writerKeys: VisibilityKeys = {
    ownerId: user.userId,
    teamId: user.teamId === '' ? null : user.teamId,
  };
  const keysFor = (doc: Record<string, unknown>) => {
    if (source === 'self') return { keys: selfKeysOf(doc), customerId: null };
    if (source === 'public') return { keys: NO_KEYS, customerId: null };
    const customerId = customerIdOf(collection, doc);
    return { keys: (customerId && keysOfCustomers.get(customerId)) || writerKeys, customerId };
  };

  const answers: Record<string, unknown>[] = [];
  const writes: Write[] = [];
  for (const row of rows) {
    const decision = decide(user, collection, row, masters.get(row.id), keysFor);
    if (decision.kind === 'answer') answers.push(decision.entry);
    else if (decision.kind === 'write') writes.push({ id: row.id, ...decision });
  }
  if (writes.length === 0) return { result: answers };

  const revocations: PendingRevocation[] = [];
  for (const w of writes) {
    if (w.master && !sameKeys(keysOfRow(w.master), w.keys)) {
      revocations.push({
        collection,
        doc_id: w.id,
        owner_id: w.master.owner_id,
        team_id: w.master.team_id,
      });
    }
  }
  const rekeys = isCustomers
    ? await rekeyRecords(tx, writes, reads.newDependents, revocations)
    : [];

  // Offsets within each collection's block of new sequence numbers: revocations, writes, re-keys.
  const counts: Record<string, number> = {};
  const offset = (c: ReplicatedCollection) => (counts[c] = (counts[c] ?? 0) + 1);
  const plan = {
    channel: db.channel,
    collection,
    user_id: user.userId,
    device_id: user.deviceId,
    counts,
    revocations: revocations.map((r) => ({ ...r, off: offset(r.collection) })),
    writes: writes.map((w) => ({
      off: offset(collection),
      id: w.id,
      is_insert: !w.master,
      deleted: w.state.deleted,
      doc: w.state.doc,
      owner_id: w.keys.ownerId,
      team_id: w.keys.teamId,
      customer_id: w.customerId,
    })),
    rekeys: rekeys.map((r) => ({ ...r, off: 0 })),
  };
  for (const r of plan.rekeys) r.off = offset(r.collection);
  return { result: answers, finalCall: { fn: 'dangan_apply_push', arg: JSON.stringify(plan) } };
}

/**
 * A customer created or given new keys takes its records along: each record whose keys differ
 * gets the customer's keys (and travels again), and the keys it had lose sight of it. The
 * records of a customer not stored before were locked with the push's first read; those of a
 * customer whose keys change are locked here.
 */
async function rekeyRecords(
  tx: Queryable,
  writes: readonly Write[],
  newDependents: readonly DependentRow[],
  revocations: PendingRevocation[],
): Promise<PendingRekey[]> {
  const moved = new Map<string, VisibilityKeys>();
  const changed: string[] = [];
  for (const w of writes) {
    if (!w.master) moved.set(w.id, w.keys);
    else if (!sameKeys(keysOfRow(w.master), w.keys)) {
      moved.set(w.id, w.keys);
      changed.push(w.id);
    }
  }
  if (moved.size === 0) return [];
  const rekeys: PendingRekey[] = [];
  for (const dep of [...newDependents, ...(await lockDependents(tx, changed))]) {
    const keys = moved.get(dep.customer_id);
    if (!keys || sameKeys(keysOfRow(dep), keys)) continue;
    rekeys.push({
      collection: dep.collection,
      id: dep.id,
      owner_id: keys.ownerId,
      team_id: keys.teamId,
    });
    revocations.push({
      collection: dep.collection,
      doc_id: dep.id,
      owner_id: dep.owner_id,
      team_id: dep.team_id,
    });
  }
  return rekeys;
}
