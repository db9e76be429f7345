import { getHeightOfRevision, type BulkWriteRow, type RxDocumentData } from 'rxdb';

/**
 * Marks each document state that replication's downstream (a pull) writes, so counting what
 * waits to go up can tell a pulled state from a local edit without decrypting or comparing it.
 *
 * RxDB's own origin mark (`_meta.o`) does not survive inserts: RxDB 17.6's storage wrapper
 * replaces `_meta` of every inserted row, so a pulled *new* document looked like a local one and
 * the pending count had to decrypt it and compare it with its recorded server state — at 100k
 * documents, over and over. This mark is set *below* that wrapper (in the worker's storage),
 * only for writes whose context is a downstream write, and names the revision it was written
 * at: any later write — a local edit, a merged conflict (written as `replication-up-…`) — has
 * a higher revision, so the mark no longer matches and the document is compared as before.
 */
const MARK = 'pulled';
const DOWNSTREAM = 'replication-downstream-';

/** What a mark records: the revision height and which replication's downstream wrote it. */
interface PulledMark {
  rev: number;
  by: string;
}

/** The part of a downstream write context that tells replications apart, kept short on disk. */
function writerOf(context: string): string {
  return context.slice(DOWNSTREAM.length, DOWNSTREAM.length + 16);
}

/** Stamps rows a downstream writes (by their write context); other writes pass unchanged. */
export function markPulledRows<T>(rows: BulkWriteRow<T>[], context: string): BulkWriteRow<T>[] {
  if (!context.startsWith(DOWNSTREAM)) return rows;
  const by = writerOf(context);
  return rows.map((row) => {
    const mark: PulledMark = { rev: getHeightOfRevision(row.document._rev), by };
    return { ...row, document: { ...row.document, _meta: { ...row.document._meta, [MARK]: mark } } };
  });
}

/** True when the stored state is exactly what the downstream with this write context wrote. */
export function isPulledState(doc: RxDocumentData<unknown>, downstreamContext: string): boolean {
  const mark = (doc._meta as Record<string, unknown>)[MARK] as Partial<PulledMark> | undefined;
  return !!mark && mark.by === writerOf(downstreamContext) && mark.rev === getHeightOfRevision(doc._rev);
}
