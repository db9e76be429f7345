import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getLastCheckpointDoc,
  writeDocToDocState,
  type RxStorageInstanceReplicationState,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { documentsEqual, type MergeDoc } from '../../../shared/sync/merge';

const PAGE = 500;

/**
 * How many documents of one collection this laptop changed that the server has not confirmed:
 * those written since the upstream checkpoint whose state differs from the last server state
 * RxDB recorded for them. Pulled documents equal their recorded server state and do not count.
 * Null before the replication has opened its bookkeeping.
 */
export async function countPending<C>(replication: RxReplicationState<MergeDoc, C>): Promise<number | null> {
  await replication.startPromise.catch(() => undefined);
  const state = replication.internalReplicationState as RxStorageInstanceReplicationState<MergeDoc> | undefined;
  if (!state) return null;
  let checkpoint = await getLastCheckpointDoc<MergeDoc, unknown>(state, 'up');
  let pending = 0;
  for (;;) {
    const page = await getChangedDocumentsSince(state.input.forkInstance, PAGE, checkpoint);
    if (page.documents.length === 0) break;
    const ids = page.documents.map((doc) => String((doc as MergeDoc)[state.primaryPath]));
    const assumed = await getAssumedMasterState(state, ids);
    for (const doc of page.documents) {
      const known = assumed[String((doc as MergeDoc)[state.primaryPath])];
      const current = writeDocToDocState(doc, state.hasAttachments, false) as MergeDoc;
      if (!known || !documentsEqual(known.docData as MergeDoc, current)) pending++;
    }
    checkpoint = page.checkpoint;
    if (page.documents.length < PAGE) break;
  }
  return pending;
}
