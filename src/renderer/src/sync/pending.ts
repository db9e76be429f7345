import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getHeightOfRevision,
  getLastCheckpointDoc,
  writeDocToDocState,
  type RxDocumentData,
  type RxStorageInstanceReplicationState,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { documentsEqual, type MergeDoc } from '../../../shared/sync/merge';

const PAGE = 1000;

/**
 * How many documents of one collection this laptop changed that the server has not confirmed:
 * those written since the upstream checkpoint that differ from the last server state RxDB
 * recorded for them. Null before the replication has opened its bookkeeping.
 *
 * Most pulled documents are recognised by their bookkeeping alone (RxDB marks a state the
 * downstream wrote in `_meta.o`), so thousands of them cost no comparison. The mark is not
 * enough on its own: RxDB 17.6's storage wrapper replaces `_meta` on inserts, so a pulled
 * *new* document carries no mark, and the upstream checkpoint of a pulled batch is its last
 * row, not its greatest, so such documents can sit past the checkpoint for good. Those are
 * compared with their recorded server state.
 */
export async function countPending<C>(replication: RxReplicationState<MergeDoc, C>): Promise<number | null> {
  // A replication waiting for its turn has not started: do not wait for it.
  await Promise.race([replication.startPromise.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000))]);
  const state = replication.internalReplicationState as RxStorageInstanceReplicationState<MergeDoc> | undefined;
  if (!state) return null;
  const identifierHash = await state.input.hashFunction(state.input.identifier);
  let checkpoint = await getLastCheckpointDoc<MergeDoc, unknown>(state, 'up');
  let pending = 0;
  for (;;) {
    const page = await getChangedDocumentsSince(state.input.forkInstance, PAGE, checkpoint);
    const unmarked = page.documents.filter((doc) => !fromDownstream(doc, identifierHash));
    if (unmarked.length > 0) {
      const assumed = await getAssumedMasterState(
        state,
        unmarked.map((doc) => String(doc[state.primaryPath])),
      );
      for (const doc of unmarked) {
        const known = assumed[String(doc[state.primaryPath])];
        const current = writeDocToDocState(doc, state.hasAttachments, false) as MergeDoc;
        if (!known || !documentsEqual(known.docData as MergeDoc, current)) pending++;
      }
    }
    if (page.documents.length < PAGE) break;
    checkpoint = page.checkpoint;
  }
  return pending;
}

function fromDownstream(doc: RxDocumentData<MergeDoc>, identifierHash: string): boolean {
  const origin = (doc._meta as { o?: { hash: string; _rev: number } }).o;
  return !!origin && origin.hash === identifierHash && origin._rev === getHeightOfRevision(doc._rev);
}
