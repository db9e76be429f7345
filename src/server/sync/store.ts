import type { VisibilityKeys } from '../../shared/access';
import type { ReplicatedCollection } from '../../shared/schema';
import { sessionStatement, sessionUsableSql } from '../auth/tokens';
import type { Queryable, SqlParam } from '../db/types';
import type { MasterRow } from './push-decide';
import type { KeyColumns } from './visibility';

/**
 * The locking reads of a push transaction. Lock order, the same in every transaction so that
 * writers do not deadlock: customer advisory locks (sorted) → document rows (sorted) → sequence
 * counters (sorted by collection; taken last, by dangan_apply_push, and held to commit).
 */

export interface DependentRow extends KeyColumns {
  collection: ReplicatedCollection;
  id: string;
  customer_id: string;
}

export interface PushReads {
  masters: Map<string, MasterRow>;
  /** The stored keys of the customers asked for (`customers.keys`). */
  customerKeys: Map<string, VisibilityKeys>;
  /** Locked records of `customers.dependentsOfNew` ids that are not stored yet. */
  newDependents: DependentRow[];
  /** sessionStatement's rows for the request's session. */
  sessionRows: Record<string, unknown>[];
}

export interface PushReadRequest {
  /**
   * The pusher's session (token hash), not checked yet: read along with the rows, in the same
   * round trip, and nothing is locked unless it is usable (tokens.sessionUsableSql).
   */
  session: string;
  collection: ReplicatedCollection;
  ids: readonly string[];
  customers: {
    /** Advisory locks on these customer ids, taken before anything else. */
    lock: readonly string[];
    /**
     * Exclusive for a write that creates a customer or changes its keys, before re-keying its
     * records; shared for writers of a customer's records (they read its keys). Advisory rather
     * than row locks because the customer may not exist yet: a visit can reach the server first.
     */
    exclusive: boolean;
    keys: readonly string[];
    /** Pushed customers: the records of those not stored yet are locked for re-keying. */
    dependentsOfNew: readonly string[];
  };
}

type PushReadRow =
  | ({ part: 'm' } & MasterRow)
  | ({ part: 'k'; id: string } & KeyColumns)
  | ({ part: 'd' } & DependentRow);

/**
 * Every locking read of a push in one statement, in lock order: the customers' advisory locks
 * (the other parts wait for them: their one-time filter reads `locked`), the pushed documents,
 * the customers' keys, then the records of customers created by this push. Records are found
 * through the customer index first, then locked in key order: asked in one step, the planner
 * may walk the whole primary key to honour ORDER BY.
 */
export async function readForPush(tx: Queryable, request: PushReadRequest): Promise<PushReads> {
  const { customers } = request;
  const fn = customers.exclusive ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
  const params: SqlParam[] = [request.collection, request.ids];
  const param = (value: readonly string[]) => `$${params.push(value)}::text[]`;
  // Only the parts this push needs.
  const parts: string[] = [];
  const selects = [
    `SELECT 'm' AS part, id, seq, deleted, doc, owner_id, team_id, customer_id, NULL AS collection FROM m`,
  ];
  // A one-time filter of every locking part below (the first): a request that is not signed in
  // locks nothing.
  const hash = `$${params.push(request.session)}::text`;
  parts.push(`session AS MATERIALIZED (SELECT ${sessionUsableSql(hash)} AS ok)`);
  let gate = 'AND (SELECT ok FROM session)';
  if (customers.lock.length > 0) {
    parts.push(`locked AS MATERIALIZED (
       SELECT count(${fn}(s.cls, s.k)) AS n FROM (
         SELECT DISTINCT hashtext(current_schema() || ':dangan:customer') AS cls, hashtext(id) AS k
           FROM unnest(${param(customers.lock)}) AS id WHERE TRUE ${gate} ORDER BY k OFFSET 0) s)`);
    gate += ' AND (SELECT n FROM locked) IS NOT NULL';
  }
  parts.push(`m AS MATERIALIZED (
       SELECT id, seq, deleted, doc, owner_id, team_id, customer_id FROM docs
        WHERE collection = $1 AND id = ANY($2::text[]) ${gate}
        ORDER BY id FOR UPDATE)`);
  if (customers.keys.length > 0) {
    parts.push(`k AS MATERIALIZED (
       SELECT id, owner_id, team_id FROM docs
        WHERE collection = 'customers' AND id = ANY(${param(customers.keys)}) ${gate})`);
    selects.push(`SELECT 'k', id, NULL, NULL, NULL, owner_id, team_id, NULL, NULL FROM k`);
  }
  if (customers.dependentsOfNew.length > 0) {
    parts.push(`found AS MATERIALIZED (
       SELECT collection, id FROM docs
        WHERE customer_id = ANY(ARRAY(SELECT unnest(${param(customers.dependentsOfNew)}) EXCEPT SELECT id FROM m))
          AND customer_id IS NOT NULL AND collection <> 'customers' ${gate})`);
    parts.push(`d AS MATERIALIZED (
       SELECT d.collection, d.id, d.customer_id, d.owner_id, d.team_id
         FROM docs d JOIN found f ON f.collection = d.collection AND f.id = d.id
        ORDER BY d.collection, d.id FOR UPDATE OF d)`);
    selects.push(
      `SELECT 'd', id, NULL, NULL, NULL, owner_id, team_id, customer_id, collection FROM d`,
    );
  }
  // Planned once per connection and shape: every part reads by key or by the customer index
  // whatever the values (test/server/db/generic-plans.test.ts). Planned with every call, it and
  // the session check took 0.8 ms of the database's CPU per push.
  const statement = {
    sql: `WITH ${parts.join(',\n     ')}\n     ${selects.join('\n     UNION ALL\n     ')}`,
    params,
    reusePlan: true,
  };
  const [sessionRows, readRows] = await tx.queryMany([
    sessionStatement(request.session),
    statement,
  ]);
  const rows = readRows as unknown as PushReadRow[];
  const reads: PushReads = {
    masters: new Map(),
    customerKeys: new Map(),
    newDependents: [],
    sessionRows: sessionRows ?? [],
  };
  for (const row of rows) {
    const keys = { owner_id: row.owner_id, team_id: row.team_id };
    if (row.part === 'm') {
      const { id, seq, deleted, doc, customer_id } = row;
      reads.masters.set(id, { id, seq, deleted, doc, customer_id, ...keys });
    } else if (row.part === 'k') {
      reads.customerKeys.set(row.id, { ownerId: row.owner_id, teamId: row.team_id });
    } else {
      const { collection, id, customer_id } = row;
      reads.newDependents.push({ collection, id, customer_id, ...keys });
    }
  }
  return reads;
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
