import type { VisibilityKeys } from '../../shared/access';
import type { ReplicatedCollection } from '../../shared/schema';
import type { Queryable } from '../db/types';
import type { MasterRow } from './push-decide';
import type { KeyColumns } from './visibility';

/**
 * The locking reads of a push transaction. Lock order, the same in every transaction so that
 * writers do not deadlock: customer advisory locks (sorted) → document rows (sorted) → sequence
 * counters (sorted by collection; taken last, by dangan_apply_push, and held to commit).
 */

/**
 * Advisory locks on customer ids. Writers of a customer's records take them shared (they read
 * the customer's keys); a write that creates a customer or changes its keys takes them
 * exclusive before re-keying the records. Advisory rather than row locks because the customer
 * may not exist yet: a visit can reach the server before its customer.
 */
export async function lockCustomers(
  tx: Queryable,
  ids: readonly string[],
  exclusive: boolean,
): Promise<void> {
  if (ids.length === 0) return;
  const fn = exclusive ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
  await tx.query(
    `SELECT count(${fn}(s.cls, s.k)) FROM (
       SELECT DISTINCT hashtext(current_schema() || ':dangan:customer') AS cls, hashtext(id) AS k
         FROM unnest($1::text[]) AS id ORDER BY k OFFSET 0) s`,
    [ids],
  );
}

export async function customerKeys(
  tx: Queryable,
  ids: readonly string[],
): Promise<Map<string, VisibilityKeys>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<KeyColumns & { id: string }>(
    `SELECT id, owner_id, team_id FROM docs WHERE collection = 'customers' AND id = ANY($1::text[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { ownerId: r.owner_id, teamId: r.team_id }]));
}

export async function lockMasters(
  tx: Queryable,
  collection: ReplicatedCollection,
  ids: readonly string[],
): Promise<Map<string, MasterRow>> {
  const rows = await tx.query<MasterRow>(
    `SELECT id, seq, deleted, doc, owner_id, team_id, customer_id FROM docs
      WHERE collection = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE`,
    [collection, ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export interface DependentRow extends KeyColumns {
  collection: ReplicatedCollection;
  id: string;
  customer_id: string;
}

export async function lockDependents(
  tx: Queryable,
  customerIds: readonly string[],
): Promise<DependentRow[]> {
  if (customerIds.length === 0) return [];
  // Found through the customer index first, then locked in key order. Asked in one step, the
  // planner may walk the whole primary key to honour ORDER BY: a scan of every document.
  return tx.query<DependentRow>(
    `WITH found AS MATERIALIZED (
       SELECT collection, id FROM docs
        WHERE customer_id = ANY($1::text[]) AND customer_id IS NOT NULL AND collection <> 'customers')
     SELECT d.collection, d.id, d.customer_id, d.owner_id, d.team_id
       FROM docs d JOIN found f ON f.collection = d.collection AND f.id = d.id
      ORDER BY d.collection, d.id FOR UPDATE OF d`,
    [customerIds],
  );
}
