import {
  customerIdOf,
  selfKeysOf,
  VISIBILITY_SOURCE,
  type VisibilityKeys,
} from '../../shared/access';
import type { ReplicatedCollection } from '../../shared/schema';
import { authFailure } from '../auth/guard';
import { sessionResult, touchSession, type AuthUser } from '../auth/tokens';
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

/**
 * Applies a push in one transaction and returns the entries of the rows not written (conflicts
 * and refusals), in the order pushed. Each row is judged on its own: a refused row does not stop
 * the others (all-or-nothing per document). The rows are locked and judged here; the writes,
 * sequence numbers and NOTIFY happen in dangan_apply_push, sent with COMMIT (migration 0004).
 * A document created meanwhile by another writer fails that call with 40001: decided again.
 *
 * `session` is the pusher's token hash: the sign-in check travels with BEGIN and the locking
 * reads in one message (a push is two round trips); a session that is not usable locks nothing
 * and ends in the 401 the check names. Its last_used_at is refreshed after COMMIT, outside the
 * push's locks.
 */
export async function applyPush(
  db: Database,
  session: string,
  collection: ReplicatedCollection,
  rows: readonly IncomingRow[],
): Promise<Record<string, unknown>[]> {
  let touch: AuthUser | null = null;
  const result = await withRetry(() =>
    db.transactionWithFinalCall(async (tx) => {
      const pushed = await pushInTransaction(db, tx, session, collection, rows);
      touch = pushed.touch;
      return pushed;
    }),
  );
  const touched = touch as AuthUser | null;
  if (touched) await touchSession(db, touched.tokenHash, touched.deviceId);
  return result;
}

async function pushInTransaction(
  db: Database,
  tx: Queryable,
  session: string,
  collection: ReplicatedCollection,
  rows: readonly IncomingRow[],
): Promise<{ result: Record<string, unknown>[]; finalCall?: FinalCall; touch: AuthUser | null }> {
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
    session,
    collection,
    ids,
    customers: {
      lock: isCustomers ? ids : [...customerIds],
      exclusive: isCustomers,
      keys: [...customerIds],
      dependentsOfNew: isCustomers ? ids : [],
    },
  });
  const signedIn = sessionResult(session, reads.sessionRows);
  if (!signedIn.ok) throw authFailure(signedIn.code);
  const user = signedIn.user;
  const touch = signedIn.touchDue ? user : null;
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
  if (writes.length === 0) return { result: answers, touch };

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
  return {
    result: answers,
    finalCall: { fn: 'dangan_apply_push', arg: JSON.stringify(plan) },
    touch,
  };
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
