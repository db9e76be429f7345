/**
 * The position below which every change is final, in the snapshot of the statement that
 * computes it (migration 0005): changes are positioned by their transaction's id, and every
 * transaction with an id below the snapshot's xmin has ended.
 */
export const HORIZON_SQL = 'pg_snapshot_xmin(pg_current_snapshot())::text::bigint * 1048576';
