import { getLastCheckpointDoc, type RxCollection, type WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { ReplicatedCollection } from '../../../shared/schema';
import type { MergeDoc } from '../../../shared/sync/merge';
import {
  API_PATHS,
  splitPushResponse,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncCheckpoint,
} from '../../../shared/sync/protocol';
import { apiFetch, SyncHttpError, type ServerLink } from './api';
import type { InboxStore } from './inbox-store';
import { PullBacklog } from './pull-backlog';
import { upstreamDrainedWithin } from './queues';
import { ResyncGuard } from './resync-guard';

/** Documents per pull request and per write: the UI never digests more in one go. */
export const PULL_BATCH = 250;
/**
 * Rows per push request: a week of offline work goes up in a few requests. RxDB's upstream
 * reads, decrypts and compares one such page before each push, one page after the other: at
 * 500, 1,000 offline edits went up in two rounds 1.5 s apart. The server takes 1,000 a request.
 */
export const PUSH_BATCH = 1000;

export interface CollectionReplication {
  collection: ReplicatedCollection;
  state: RxReplicationState<MergeDoc, SyncCheckpoint>;
  guard: ResyncGuard<MergeDoc>;
}

export interface ReplicateOptions {
  collection: ReplicatedCollection;
  rxCollection: RxCollection;
  /** Different servers or users never share checkpoints. */
  identifier: string;
  link: () => ServerLink;
  inbox: InboxStore;
  waitForLeadership: boolean;
  /** Every request outcome, for connectivity, backoff and the status line. */
  onRequest: (outcome: { ok: true } | { ok: false; error: unknown }) => void;
  /** Documents received per pull, for the initial-sync progress. */
  onPulled?: (count: number) => void;
  retryTimeMs: () => number;
  /** False: created now, started later by the engine (collections wait their turn). */
  autoStart?: boolean;
}

async function tracked<T>(
  onRequest: ReplicateOptions['onRequest'],
  link: ServerLink,
  run: () => Promise<T>,
): Promise<T> {
  try {
    if (!link.token) throw new SyncHttpError('unauthorized', 'not signed in to the server');
    const value = await run();
    onRequest({ ok: true });
    return value;
  } catch (error) {
    onRequest({ ok: false, error });
    throw error;
  }
}

/**
 * RxDB replication of one collection over the sync protocol (src/shared/sync/protocol.ts):
 * pull by the server's checkpoint, push with the assumed master state, live changes through
 * the ResyncGuard. Refused writes go to the inbox and the laptop converges to the server.
 */
export function replicateCollection(options: ReplicateOptions): CollectionReplication {
  const { collection, onRequest } = options;
  const guard = new ResyncGuard<MergeDoc>();
  let upstreamIdle: () => Promise<void> = () => Promise.resolve();
  let storedCheckpoint: () => Promise<unknown> = () => Promise.resolve(null);
  const backlog = new PullBacklog(() => storedCheckpoint());
  const state = replicateRxCollection<MergeDoc, SyncCheckpoint>({
    collection: options.rxCollection as unknown as RxCollection<MergeDoc>,
    replicationIdentifier: `${options.identifier}-${collection}`,
    live: true,
    retryTime: options.retryTimeMs(),
    waitForLeadership: options.waitForLeadership,
    autoStart: options.autoStart ?? true,
    // A worker has no document to watch; the engine pauses and resumes by connectivity.
    toggleOnDocumentVisible: false,
    pull: {
      batchSize: PULL_BATCH,
      stream$: guard.stream$.asObservable(),
      handler: async (checkpoint, batchSize) => {
        await backlog.room();
        return guard.pull(
          () =>
            tracked(onRequest, options.link(), async () => {
              const query = new URLSearchParams({ limit: String(batchSize) });
              if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
              const response = await apiFetch<PullResponse<MergeDoc>>(options.link(), `${API_PATHS.pull(collection)}?${query}`);
              options.onPulled?.(response.documents.length);
              // A push answered while this page was on its way must be recorded before the page
              // is stored: RxDB skips a pulled document while the laptop's own write to it looks
              // unconfirmed, and moves the checkpoint past it all the same.
              await upstreamIdle();
              backlog.fetched(response.checkpoint, response.documents.length);
              return response;
            }),
          batchSize,
        ) as Promise<{ documents: WithDeleted<MergeDoc>[]; checkpoint: SyncCheckpoint }>;
      },
    },
    push: {
      batchSize: PUSH_BATCH,
      handler: (rows) =>
        tracked(onRequest, options.link(), async () => {
          const body: PushRow<MergeDoc>[] = rows.map((row) => ({
            assumedMasterState: (row.assumedMasterState as WithDeleted<MergeDoc> | undefined) ?? null,
            newDocumentState: row.newDocumentState as WithDeleted<MergeDoc>,
          }));
          const response = await apiFetch<PushResponse<MergeDoc>>(options.link(), API_PATHS.push(collection), {
            method: 'POST',
            body,
          });
          const { masters, rejections } = splitPushResponse(response);
          if (rejections.length > 0) {
            await options.inbox.recordRejections(
              collection,
              rejections,
              rows.map((row) => row.newDocumentState as MergeDoc),
            );
          }
          return masters as WithDeleted<MergeDoc>[];
        }),
    },
  });
  upstreamIdle = () => whenUpstreamIdle(state);
  storedCheckpoint = async () => (state.internalReplicationState ? getLastCheckpointDoc(state.internalReplicationState, 'down') : null);
  return { collection, state, guard };
}

const UPSTREAM_WAIT_MS = 30_000;

/**
 * Resolves once RxDB has no push in progress (results and bookkeeping written), or after a
 * while. By its queue, not its `active.up` flag, which is false during a RESYNC's round (queues.ts).
 */
async function whenUpstreamIdle(state: RxReplicationState<MergeDoc, SyncCheckpoint>): Promise<void> {
  const internal = state.internalReplicationState;
  if (internal) await upstreamDrainedWithin(internal, UPSTREAM_WAIT_MS);
}
