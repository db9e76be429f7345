import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  getHeightOfRevision,
  getLastCheckpointDoc,
  writeDocToDocState,
  type RxDocumentData,
  type RxStorageInstance,
  type RxStorageInstanceReplicationState,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { filter, first } from 'rxjs';
import { documentsEqual, type MergeDoc } from '../../../shared/sync/merge';
import { isPulledState } from './pulled-mark';
import { upstreamDrainedWithin } from './queues';

const PAGE = 1000;

type State = RxStorageInstanceReplicationState<MergeDoc>;

/** A position in the fork's change order (`_meta.lwt`, then id), as RxDB's checkpoints are. */
interface Position {
  id: string;
  lwt: number;
}

/** A document found waiting: where it is, and the revision of the server state it was compared with. */
interface Waiting extends Position {
  masterRev: string | null;
}

/** What the counts of one replication know between runs. */
interface Tally {
  /** Documents found waiting, with their position. */
  pending: Map<string, Waiting>;
  /** Documents written since the last count (their latest state), from the fork's change stream. */
  touched: Map<string, RxDocumentData<MergeDoc>>;
  /** Counts of one replication run one at a time: they share the tally. */
  queue: Promise<unknown>;
}

const tallies = new WeakMap<State, Tally>();

/**
 * How many documents of one collection this laptop changed that the server has not confirmed:
 * those written since the upstream checkpoint that differ from the last server state RxDB
 * recorded for them. Null before the replication has opened its bookkeeping.
 *
 * The upstream checkpoint of a write is its last row, not its greatest, so pulled documents
 * could sit past it for good (at 100k customers, tens of thousands; the worker now stores
 * writes in id order, see chunked-storage.ts, but laptops synced before keep theirs), and
 * reading and decrypting them all on every count made counting quadratic over a sync. So the
 * first count reads everything past the checkpoint once, raw (under the encryption), and
 * later counts look only at what the fork's change stream reported written since — the same
 * stream RxDB's upstream pushes from, so nothing it would push is missed — and check again
 * what was waiting (a confirmed push changes the recorded server state, not the document).
 * A state marked as pulled (pulled-mark.ts), or by RxDB's own origin mark, is what the server
 * sent: it costs no decryption and no comparison; only the others are read and compared.
 */
export async function countPending<C>(replication: RxReplicationState<MergeDoc, C>): Promise<number | null> {
  // A replication waiting for its turn has not started: do not wait for it.
  await Promise.race([replication.startPromise.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000))]);
  const state = replication.internalReplicationState as State | undefined;
  if (!state) return null;
  let tally = tallies.get(state);
  if (!tally) {
    const created: Tally = { pending: new Map(), touched: new Map(), queue: Promise.resolve() };
    // Listening starts before the first read, so a write is either read or reported.
    const sub = state.input.forkInstance.changeStream().subscribe((bulk) => {
      // Only what the origin marks need: the documents themselves are read again if compared.
      for (const { documentId, documentData } of bulk.events) {
        created.touched.set(documentId, { _meta: documentData._meta, _rev: documentData._rev } as RxDocumentData<MergeDoc>);
      }
    });
    state.events.canceled.pipe(filter(Boolean), first()).subscribe(() => sub.unsubscribe());
    created.queue = scanPastCheckpoint(state, created);
    tally = created;
    tallies.set(state, created);
  }
  const current = tally;
  const run = current.queue.then(async () => {
    await upstreamDrainedWithin(state, UPSTREAM_WAIT_MS);
    return countOnce(state, current);
  });
  current.queue = run.catch(() => undefined);
  return run;
}

/**
 * A count waits (a while at most) for a push under way: it read and decrypted the same edits
 * beside the push, slowing it, and its answer changes once the push is confirmed anyway.
 */
const UPSTREAM_WAIT_MS = 5_000;

/** The first count: every document past the upstream checkpoint, read raw. */
async function scanPastCheckpoint(state: State, tally: Tally): Promise<void> {
  const marks = await originMarks(state);
  const raw = rawInstance(state.input.forkInstance);
  let at = await getLastCheckpointDoc<MergeDoc, Position>(state, 'up');
  for (;;) {
    const page = await getChangedDocumentsSince(raw, PAGE, at);
    const unmarked = page.documents.filter((doc) => !marks.pulled(doc)).map((doc) => String(doc[state.primaryPath]));
    await compare(state, tally, unmarked);
    if (page.documents.length < PAGE) return;
    at = page.checkpoint as Position;
  }
}

async function countOnce(state: State, tally: Tally): Promise<number> {
  const marks = await originMarks(state);
  const touched = tally.touched;
  tally.touched = new Map();
  // A waiting document not written since is compared again only if its recorded server
  // state changed (a push was confirmed): read raw, that costs no decryption. Re-reading and
  // decrypting every waiting document on each count made a week of offline edits slow every
  // later count, and the counts slowed the push beside them.
  const check = new Set<string>(await masterChanged(state, tally, [...tally.pending.keys()].filter((id) => !touched.has(id))));
  for (const [id, doc] of touched) {
    if (marks.pulled(doc)) tally.pending.delete(id);
    else check.add(id);
  }
  await compare(state, tally, [...check]);
  const upstream = await getLastCheckpointDoc<MergeDoc, Position>(state, 'up');
  if (upstream) for (const [id, position] of tally.pending) if (!after(position, upstream)) tally.pending.delete(id);
  return tally.pending.size;
}

/** Reads the documents decrypted and records which differ from their recorded server state. */
async function compare(state: State, tally: Tally, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const [docs, assumed] = await Promise.all([state.input.forkInstance.findDocumentsById(ids, true), getAssumedMasterState(state, ids)]);
  const found = new Set<string>();
  for (const doc of docs) {
    const id = String(doc[state.primaryPath]);
    found.add(id);
    const known = assumed[id];
    const current = writeDocToDocState(doc, state.hasAttachments, false) as MergeDoc;
    if (!known || !documentsEqual(known.docData as MergeDoc, current)) {
      tally.pending.set(id, { id, lwt: doc._meta.lwt, masterRev: known?.metaDocument._rev ?? null });
    } else tally.pending.delete(id);
  }
  for (const id of ids) if (!found.has(id)) tally.pending.delete(id);
}

/** Of these waiting documents, those whose recorded server state is not the one they were compared with. */
async function masterChanged(state: State, tally: Tally, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const meta = state.input.metaInstance;
  const keyOf = (id: string) => getComposedPrimaryKeyOfDocumentData(meta.schema, { itemId: id, isCheckpoint: '0' });
  const found = await rawInstance(meta as never).findDocumentsById(ids.map(keyOf), true);
  const revOf = new Map(found.map((doc) => [String((doc as unknown as { itemId: string }).itemId), doc._rev]));
  return ids.filter((id) => (revOf.get(id) ?? null) !== tally.pending.get(id)?.masterRev);
}

/** Whether a stored state is one a pull wrote: this app's mark, or RxDB's own. */
async function originMarks(state: State): Promise<{ pulled: (doc: RxDocumentData<MergeDoc>) => boolean }> {
  const identifierHash = await state.input.hashFunction(state.input.identifier);
  const downstream = await state.downstreamBulkWriteFlag;
  return {
    pulled: (doc) => {
      const origin = (doc._meta as { o?: { hash: string; _rev: number } }).o;
      const rxdbMark = !!origin && origin.hash === identifierHash && origin._rev === getHeightOfRevision(doc._rev);
      return rxdbMark || isPulledState(doc, downstream);
    },
  };
}

/** The storage under every wrapper (encryption, validation): rows as stored, `_meta` plain. */
function rawInstance(instance: RxStorageInstance<MergeDoc, unknown, unknown>): RxStorageInstance<MergeDoc, unknown, unknown> {
  let current = instance as RxStorageInstance<MergeDoc, unknown, unknown> & { originalStorageInstance?: unknown };
  while (current.originalStorageInstance) current = current.originalStorageInstance as typeof current;
  return current;
}

function after(a: Position, b: Position): boolean {
  return a.lwt > b.lwt || (a.lwt === b.lwt && a.id > b.id);
}
