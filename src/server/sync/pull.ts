import { accessOf } from '../../shared/access';
import type { ReplicatedCollection } from '../../shared/schema';
import type { SyncCheckpoint } from '../../shared/sync/protocol';
import type { AuthUser } from '../auth/tokens';
import type { Database, SqlParam } from '../db/types';
import { ApiFailure } from '../errors';
import type { PullStart } from './checkpoint';
import { withDeleted } from './body';
import { PredicateBuilder } from './visibility';

interface PageRow {
  head: number;
  seq: number | null;
  id: string | null;
  text: string | null;
  gone: boolean;
}

/**
 * One page of changes after `start.fromSeq`, in sequence order, as a ready JSON body (documents
 * go from JSONB to text in the database and are never parsed here).
 *
 * A row is sent as it is when the user may read it now; as deleted when only a prior scope
 * could (the user's access changed); a revocation (the document moved out of sight of its old
 * owner/team) is sent as the last version that owner saw, deleted, unless the user can still
 * read the document.
 *
 * The page and the collection's counter are read by one statement, so in one snapshot: when
 * the page is not full, every change up to the counter has been looked at, and the checkpoint
 * jumps there. Sequence order equals commit order (see push), so nothing below the counter can
 * still appear later.
 */
export async function pullPage(
  db: Database,
  user: AuthUser,
  collection: ReplicatedCollection,
  start: PullStart,
  limit: number,
): Promise<string> {
  const canReadNow = accessOf(user.role, collection).read !== 'none';
  const priorCanRead = start.prior.some((s) => accessOf(s.role, collection).read !== 'none');
  if (!canReadNow && !priorCanRead) {
    // A laptop that has reconciled away a collection it lost keeps polling it harmlessly;
    // a first pull of a collection the role cannot read is a mistake worth reporting.
    if (!start.resumed)
      throw new ApiFailure(403, 'forbidden', `role ${user.role} may not read ${collection}`);
    return `{"documents":[],"checkpoint":${JSON.stringify({ seq: start.fromSeq, scope: user.scopeId })}}`;
  }
  const rows = await queryPage(db, user, collection, start, limit);
  const head = rows[0]?.head ?? 0;
  if (start.fromSeq > head) {
    // The client is ahead of this database (it was restored from a backup): start it over.
    return pullPage(db, user, collection, { ...start, fromSeq: 0 }, limit);
  }
  const page = rows
    .filter((r): r is PageRow & { seq: number; id: string; text: string } => r.seq !== null)
    .map((r) => ({ seq: r.seq, id: r.id, body: withDeleted(r.text, r.gone) }));
  const full = page.length >= limit;
  const last = page[page.length - 1];
  const checkpoint: SyncCheckpoint = { seq: full && last ? last.seq : head, scope: user.scopeId };
  // Reconciling a scope change goes on until the whole collection has been looked at.
  if (full && start.priorIds.length > 0) checkpoint.prior = start.priorIds;
  return `{"documents":[${latestPerId(page).join(',')}],"checkpoint":${JSON.stringify(checkpoint)}}`;
}

function queryPage(
  db: Database,
  user: AuthUser,
  collection: ReplicatedCollection,
  start: PullStart,
  limit: number,
): Promise<PageRow[]> {
  const params: SqlParam[] = [collection, start.fromSeq, limit];
  const p = new PredicateBuilder(params);
  const curD = p.readable(user, collection, 'd');
  const priorD = p.readableByAny(start.prior, collection, 'd');
  const curR = p.readable(user, collection, 'r');
  const priorR = p.readableByAny(start.prior, collection, 'r');
  const curX = p.readable(user, collection, 'x');
  // The page is chosen on narrow rows first; documents become text only for the rows sent.
  // Walking the (collection, seq) index in order is right whatever the statistics say. Before
  // a bulk import is analyzed the planner expects a few hundred rows and picks a bitmap scan
  // that sorts every row after the checkpoint, on every page: the pull turns quadratic. The
  // joins are LATERAL with LIMIT for the same reason (else a hash join over all documents).
  return db.transaction(async (tx) => {
    await tx.exec('SET LOCAL enable_bitmapscan = off');
    return tx.query<PageRow>(
      `WITH page AS (
       SELECT u.seq, u.revoked, u.gone FROM (
         (SELECT d.seq, false AS revoked, d.deleted OR NOT ${curD} AS gone
            FROM docs d
           WHERE d.collection = $1 AND d.seq > $2 AND (${curD} OR ${priorD})
           ORDER BY d.seq LIMIT $3)
         UNION ALL
         (SELECT r.seq, true, true
            FROM revocations r
            JOIN docs x ON x.collection = r.collection AND x.id = r.doc_id
           WHERE r.collection = $1 AND r.seq > $2 AND (${curR} OR ${priorR}) AND NOT ${curX}
           ORDER BY r.seq LIMIT $3)
       ) u ORDER BY u.seq LIMIT $3)
     SELECT c.value AS head, p.seq, coalesce(d.id, r.doc_id) AS id, p.gone,
            CASE WHEN p.revoked THEN r.snapshot::text ELSE d.doc::text END AS text
       FROM seq_counters c
       LEFT JOIN page p ON TRUE
       LEFT JOIN LATERAL (SELECT d.id, d.doc FROM docs d
                           WHERE NOT p.revoked AND d.collection = $1 AND d.seq = p.seq LIMIT 1) d ON TRUE
       LEFT JOIN LATERAL (SELECT r.doc_id, r.snapshot FROM revocations r
                           WHERE p.revoked AND r.collection = $1 AND r.seq = p.seq LIMIT 1) r ON TRUE
      WHERE c.collection = $1
      ORDER BY p.seq`,
      params,
    );
  });
}

/** A document can appear twice in a page (a revocation and a later version): keep the later. */
function latestPerId(page: readonly { id: string; body: string }[]): string[] {
  const lastIndex = new Map<string, number>();
  page.forEach((row, i) => lastIndex.set(row.id, i));
  return page.filter((row, i) => lastIndex.get(row.id) === i).map((row) => row.body);
}
