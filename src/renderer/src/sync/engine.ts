import { combineLatest, debounceTime, firstValueFrom, from, merge, race, Subscription, timer } from 'rxjs';
import { readableCollections } from '../../../shared/access';
import { localEntry, type ReplicatedCollection } from '../../../shared/schema';
import { RESYNC } from '../../../shared/sync/protocol';
import type { SessionUser } from '../../../shared/users';
import type { DanganDatabase } from '../db/database';
import { AUTH_STOP_CODES, isSyncHttpError, SyncHttpError, type ServerLink } from './api';
import { Backoff } from './backoff';
import { prefetchAssumedStates } from './chunked-storage';
import type { InboxStore } from './inbox-store';
import { FirstTurn } from './first-turn';
import { countPending } from './pending';
import { downstreamDrained, queuesDrained, upstreamRoundEnded } from './queues';
import { PULL_BATCH, replicateCollection, type CollectionReplication } from './replicate';
import { INITIAL_STATUS, type SyncProblem, type SyncStatus } from './status';
import { StreamHub, type HubMessage } from './stream-hub';

export interface SyncEngineOptions {
  db: DanganDatabase;
  /** The inbox the database's conflict handlers write to (see openSyncDatabase). */
  inbox: InboxStore;
  user: SessionUser;
  serverUrl: string;
  token: string | null;
  /** Defaults to every collection the user's role may read. */
  collections?: readonly ReplicatedCollection[];
  /** Window and worker share the database: only the elected leader replicates. */
  multiInstance: boolean;
  onStatus: (status: SyncStatus) => void;
  backoff?: Backoff;
  /**
   * Polls instead of listening to the live stream (a fallback where proxies break streaming;
   * tests use it as an independent observer that cannot lose a stream event).
   */
  pollIntervalMs?: number;
  /** How long customers' initial pull may make no progress before the others start anyway. */
  firstTurnStallMs?: number;
}

type StopCode = NonNullable<SyncStatus['stoppedBy']>;

/**
 * The other collections start when customers' first round has made no progress for this long
 * (first-turn.ts). A page of 250 takes well under a second to fetch and store; ten seconds
 * without one means customers cannot move now, not that they are slow.
 */
const FIRST_TURN_STALL_MS = 10_000;

/** The other collections wait at most this long for the push of what was edited offline. */
const PUSH_FIRST_MAX_MS = 5_000;

/** Offline edits' server states are read ahead in batches gathered for this long (startReadAhead). */
const READ_AHEAD_DELAY_MS = 200;

export function lastSyncDocId(userId: string): string {
  return `sl:${userId}`.slice(0, 40);
}

/** Keeps different servers and users apart in RxDB's replication bookkeeping. */
export function replicationIdentifier(serverUrl: string, userId: string): string {
  return `dangan-${serverUrl.replace(/[^a-z0-9]/gi, '_')}-${userId}`;
}

/**
 * Runs replication of every collection of the signed-in user, live over one SSE connection,
 * pausing while the server cannot be reached and resuming by itself (the stream's reconnect
 * attempts, with backoff, are the probe). Reports a SyncStatus on every change.
 */
export class SyncEngine {
  private status: SyncStatus = { ...INITIAL_STATUS };
  private replications: CollectionReplication[] = [];
  private readonly hub: StreamHub;
  private readonly backoff: Backoff;
  private readonly link: ServerLink;
  private readonly inbox: InboxStore;
  private readonly collections: readonly ReplicatedCollection[];
  private readonly subs: Subscription[] = [];
  private offline = false;
  private stopped = false;
  private pendingTimer: ReturnType<typeof setTimeout> | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  /** Counts the replications' activity flag changes: a wait for their queues to drain begun before one is void. */
  private activity = 0;
  /** Counts resumes: the collections held back by one start only if no other came since. */
  private resumes = 0;
  /** Customers first (first-turn.ts); null when this user receives no customers. */
  private turn: FirstTurn | null = null;
  /** Per collection: resolves once its pull has reached the end of what the server holds and stored it. */
  private readonly caughtUp = new Map<ReplicatedCollection, Promise<void>>();
  /** While offline: watches this laptop's edits to read ahead what their push needs. */
  private readAhead: Subscription | null = null;

  constructor(private readonly options: SyncEngineOptions) {
    this.link = { serverUrl: options.serverUrl, token: options.token };
    this.backoff = options.backoff ?? new Backoff();
    this.inbox = options.inbox;
    this.collections = options.collections ?? readableCollections(options.user.role);
    this.hub = new StreamHub({
      link: () => this.link,
      collections: this.collections,
      onConnected: () => this.goOnline(),
      onFailure: (error) => this.onStreamFailure(error),
    });
  }

  async start(): Promise<void> {
    const saved = await this.options.db.collections.local.findOne(lastSyncDocId(this.options.user.id)).exec();
    const at = saved?.toJSON().data['at'];
    this.update({ lastSyncAt: typeof at === 'number' ? at : null });
    if (this.options.multiInstance) await this.awaitLeadership();
    if (this.stopped) return;
    this.update({ isLeader: true, standby: false });
    // Customers first: the status list is what a user opens first, and on a fresh laptop the
    // other collections (three visits per customer…) would otherwise share the worker with it.
    const first = this.collections.includes('customers') ? 'customers' : null;
    const turn = first ? new FirstTurn(this.options.firstTurnStallMs ?? FIRST_TURN_STALL_MS, () => this.startOthers()) : null;
    this.turn = turn;
    // Caught up: the server said "that is all" (a short page) and RxDB's downstream has stored
    // it. Not RxDB's awaitInitialReplication alone: it also ends the first round of a
    // replication paused (offline) before it got there, and the status said "caught up" with
    // half the customers on the laptop.
    for (const collection of this.collections) {
      let reachedEnd = () => {};
      const end = new Promise<void>((resolve) => (reachedEnd = resolve));
      const replication = replicateCollection({
        collection,
        autoStart: first === null || collection === first,
        rxCollection: this.options.db.collections[collection] as never,
        identifier: replicationIdentifier(this.link.serverUrl, this.options.user.id),
        link: () => this.link,
        inbox: this.inbox,
        waitForLeadership: false,
        retryTimeMs: () => this.backoff.peek(),
        onRequest: (outcome) => (outcome.ok ? this.onRequestOk() : this.onRequestFailed(outcome.error, collection)),
        onPulled: (count) => {
          if (count < PULL_BATCH) reachedEnd();
          else if (collection === first) turn?.progress();
          if (count > 0) this.update({ received: this.status.received + count });
        },
      });
      this.replications.push(replication);
      const stored = async () => {
        const internal = replication.state.internalReplicationState;
        if (internal) await downstreamDrained(internal);
      };
      this.caughtUp.set(collection, end.then(stored));
    }
    if (turn && first) void this.caughtUp.get(first)!.then(() => turn.end(), () => undefined);
    this.subs.push(this.hub.messages$.subscribe((message) => this.route(message)));
    this.watchActivity();
    // Unlocked offline, without a token: replication exists (pending changes can be counted)
    // but waits for a sign-in.
    if (!this.link.token) this.stopFor('unauthorized', new SyncHttpError('unauthorized', 'not signed in to the server'));
    else if (this.options.pollIntervalMs) this.startPolling(this.options.pollIntervalMs);
    else this.hub.start();
    if (!this.status.stoppedBy) turn?.progress();
    this.schedulePendingCount(0);
  }

  /** Only one worker per database replicates; a second window's waits, saying so. */
  private async awaitLeadership(): Promise<void> {
    const db = this.options.db;
    // Asked before competing: once this worker requests the lock, its own request counts too.
    if (await db.leaderElector().hasLeader()) this.update({ standby: true });
    await db.waitForLeadership();
  }

  /** Whether this collection may replicate now: customers always, the others after their turn. */
  private mayRun(collection: ReplicatedCollection): boolean {
    return !this.turn || this.turn.released || collection === 'customers';
  }

  /** Customers' turn is over: the others start (or, offline, when replication resumes). */
  private startOthers(): void {
    if (this.stopped || this.offline || this.status.stoppedBy) return;
    for (const r of this.replications) if (r.collection !== 'customers') void r.state.start();
  }

  private startPolling(intervalMs: number): void {
    this.pollTimer = setInterval(() => {
      if (this.status.stoppedBy) return;
      // Offline, a poll is the probe: resuming fails fast and lands back in offline.
      if (this.offline) this.goOnline();
      else for (const r of this.replications) r.state.reSync();
    }, intervalMs);
  }

  /** A new token after signing in again: resume if syncing had stopped for the old one. */
  setToken(token: string): void {
    this.link.token = token;
    if (this.status.stoppedBy) {
      this.update({ stoppedBy: null, error: null });
      this.resume();
    }
  }

  /**
   * "Sync now", or the browser saying the network is back: skip the backoff wait and pull
   * every collection. Offline, replication resumes at once instead of after the live stream
   * has connected (its preflight, request and the server's answer were most of a second
   * before the first edit went up); if the server is still out of reach, the first failing
   * request puts it back offline.
   */
  syncNow(): void {
    if (this.stopped || this.status.stoppedBy) return;
    this.backoff.reset();
    this.hub.retryNow();
    if (this.offline) this.goOnline();
    else for (const r of this.replications) r.guard.resync();
  }

  async pendingCounts(): Promise<Partial<Record<ReplicatedCollection, number>>> {
    // A standby worker keeps no replication state to count from: unknown, never "none".
    if (this.status.standby) throw new Error('another window replicates this database');
    const pending: Partial<Record<ReplicatedCollection, number>> = {};
    for (const r of this.replications) {
      const count = await countPending(r.state).catch(() => null);
      if (count) pending[r.collection] = count;
    }
    return pending;
  }

  /** Resolves when every collection has nothing left to move (tests, sign-out). */
  async awaitInSync(): Promise<void> {
    await Promise.all(this.replications.map((r) => r.state.awaitInSync()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.turn?.hold();
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.hub.stop();
    this.stopReadAhead();
    for (const sub of this.subs) sub.unsubscribe();
    await Promise.all(this.replications.map((r) => r.state.cancel().catch(() => undefined)));
    for (const r of this.replications) r.guard.close();
    this.update({ phase: 'stopped' });
  }

  get replicationStates(): readonly CollectionReplication[] {
    return this.replications;
  }

  private route(message: HubMessage): void {
    if (message === RESYNC) {
      for (const r of this.replications) r.guard.resync();
      return;
    }
    this.replications.find((r) => r.collection === message.collection)?.guard.change(message.change as never);
  }

  private watchActivity(): void {
    const active$ = combineLatest(this.replications.map((r) => r.state.active$));
    // Idle before the first round with the server has finished means nothing yet.
    let firstRoundDone = false;
    const firstRound = (r: CollectionReplication) =>
      Promise.all([r.state.awaitInitialReplication(), this.caughtUp.get(r.collection)]).then(() => undefined);
    for (const r of this.replications) {
      void firstRound(r).then(() => this.update({ caughtUp: [...this.status.caughtUp, r.collection] }));
    }
    void Promise.all(this.replications.map(firstRound)).then(() => {
      firstRoundDone = true;
      if (!this.offline && !this.status.stoppedBy && !this.stopped) void this.markSyncedWhenDrained();
    });
    this.subs.push(
      active$.subscribe((flags) => {
        if (this.offline || this.status.stoppedBy || !firstRoundDone) return;
        this.activity++;
        const busy = flags.some(Boolean);
        if (busy) {
          this.update({ phase: 'syncing' });
          return;
        }
        if (this.status.phase === 'syncing' || this.status.phase === 'starting') void this.markSyncedWhenDrained();
      }),
      // eventBulks$, not $: RxDB 17 keeps every event bulk that passes a collection's $ in a
      // module-level Map it never empties (rx-change-event.ts), so the worker held every pulled
      // document for good.
      merge(...this.collections.map((c) => this.options.db.collections[c].eventBulks$))
        .pipe(debounceTime(1_000))
        .subscribe(() => this.schedulePendingCount(0)),
    );
  }

  /**
   * RxDB's flags saying idle is not yet in sync: they drop between tasks, and for the whole
   * round a RESYNC starts, which on reconnect is the one pushing the offline edits (queues.ts).
   * Synced once every replication's queues have drained with no activity in between.
   */
  private async markSyncedWhenDrained(): Promise<void> {
    const activity = this.activity;
    await Promise.all(
      this.replications.map((r) => (r.state.internalReplicationState ? queuesDrained(r.state.internalReplicationState) : null)),
    );
    if (activity !== this.activity || this.offline || this.status.stoppedBy || this.stopped) return;
    await this.markSynced();
  }

  private async markSynced(): Promise<void> {
    const now = Date.now();
    this.update({ phase: 'online', lastSyncAt: now, error: null, received: 0 });
    this.schedulePendingCount(0);
    const userId = this.options.user.id;
    const entry = { id: lastSyncDocId(userId), kind: 'syncState', userId, key: 'lastSync', data: { at: now } } as const;
    await this.options.db.collections.local.upsert(localEntry(entry, now)).catch(() => undefined);
  }

  private schedulePendingCount(delayMs: number): void {
    if (this.pendingTimer || this.stopped) return;
    this.pendingTimer = setTimeout(() => {
      this.pendingTimer = null;
      void this.pendingCounts().then((pending) => !this.stopped && this.update({ pending }));
    }, delayMs);
  }

  private onRequestOk(): void {
    this.backoff.reset();
    for (const r of this.replications) r.state.retryTime = this.backoff.peek();
    if (this.status.error && !this.offline) this.update({ error: null });
  }

  private onRequestFailed(error: unknown, collection: ReplicatedCollection): void {
    const failure = isSyncHttpError(error) ? error : new SyncHttpError('badResponse', String(error));
    if (AUTH_STOP_CODES.includes(failure.code)) {
      this.stopFor(failure.code as StopCode, failure);
      return;
    }
    // Already stopped for a reason the user must act on: keep that reason on screen.
    if (this.status.stoppedBy) return;
    if (failure.transient) {
      this.goOffline(failure, collection);
      return;
    }
    const delay = this.backoff.next();
    for (const r of this.replications) r.state.retryTime = delay;
    this.update({ phase: 'error', error: problemOf(failure, collection) });
  }

  private onStreamFailure(error: SyncHttpError): number {
    if (AUTH_STOP_CODES.includes(error.code)) {
      this.stopFor(error.code as StopCode, error);
      return 60_000;
    }
    const delay = this.backoff.next();
    if (error.transient) this.goOffline(error);
    this.update({ retryAt: Date.now() + delay });
    return delay;
  }

  private goOffline(error: SyncHttpError, collection?: ReplicatedCollection): void {
    // Stopped for a reason the user must act on: a request that was in flight when the server
    // refused this laptop must not turn that into "offline" and restart the stream.
    if (this.status.stoppedBy || this.stopped) return;
    if (this.offline) {
      this.update({ phase: 'offline', error: problemOf(error, collection) });
      return;
    }
    this.offline = true;
    this.turn?.hold();
    for (const r of this.replications) void r.state.pause();
    this.startReadAhead();
    // Reconnecting the stream is the probe: when it connects, everything resumes.
    const delay = this.backoff.next();
    this.update({ phase: 'offline', error: problemOf(error, collection), retryAt: Date.now() + delay });
    if (!this.options.pollIntervalMs) this.hub.restart(delay);
  }

  private goOnline(): void {
    this.update({ retryAt: null });
    if (!this.offline) return;
    this.offline = false;
    this.stopReadAhead();
    this.resume();
  }

  private resume(): void {
    this.update({ phase: 'syncing', error: null });
    // A laptop that went offline during customers' first round resumes with customers alone.
    const runnable = this.replications.filter((r) => this.mayRun(r.collection));
    // What was edited offline goes up first: the other collections' pulls (two per collection
    // after a reconnect) shared the worker, IndexedDB and the server with the push, and 1,000
    // edits reached the server 0.4 s later for it. They start once the push round has ended.
    const pushing = runnable.filter((r) => (this.status.pending[r.collection] ?? 0) > 0);
    const resumed = ++this.resumes;
    if (pushing.length === 0) for (const r of runnable) void r.state.start();
    else {
      const rounds = pushing.map((r) => upstreamRoundEnded(r.state, r.state.start()));
      void firstValueFrom(race(from(Promise.all(rounds)), timer(PUSH_FIRST_MAX_MS))).then(() => {
        if (resumed !== this.resumes || this.offline || this.stopped || this.status.stoppedBy) return;
        for (const r of runnable) if (!pushing.includes(r) && this.mayRun(r.collection)) void r.state.start();
      });
    }
    this.turn?.progress();
    if (!this.options.pollIntervalMs) this.hub.start();
  }

  /**
   * While offline, each edit made on this laptop has the server state that its push will be
   * compared with read now, in the background (chunked-storage.ts, ReadAhead): reconnecting,
   * the push then leaves without first reading a state per edited document.
   */
  private startReadAhead(): void {
    this.stopReadAhead();
    const watching = new Subscription();
    const watch = (r: CollectionReplication) => {
      const internal = r.state.internalReplicationState;
      if (!internal || watching.closed) return;
      const { forkInstance, metaInstance } = internal.input;
      // The context of the downstream's writes (pulled states, nothing to read ahead for).
      let downstream: string | null = null;
      void internal.downstreamBulkWriteFlag.then((flag) => (downstream = flag));
      const ids: string[] = [];
      let gathering: ReturnType<typeof setTimeout> | null = null;
      const readBatches = async () => {
        gathering = null;
        while (ids.length > 0) {
          await prefetchAssumedStates(metaInstance, ids.splice(0, PULL_BATCH)).catch(() => undefined);
        }
      };
      watching.add(
        forkInstance.changeStream().subscribe((bulk) => {
          if (bulk.context === downstream) return;
          for (const event of bulk.events) ids.push(event.documentId);
          gathering ??= setTimeout(() => void readBatches(), READ_AHEAD_DELAY_MS);
        }),
      );
      watching.add(() => {
        if (gathering) clearTimeout(gathering);
        ids.length = 0;
      });
    };
    for (const r of this.replications) {
      // Started offline (a laptop opened without network), a replication may still be starting.
      if (r.state.internalReplicationState) watch(r);
      else void r.state.startPromise.then(() => watch(r), () => undefined);
    }
    this.readAhead = watching;
  }

  private stopReadAhead(): void {
    this.readAhead?.unsubscribe();
    this.readAhead = null;
  }

  private stopFor(code: StopCode, error: SyncHttpError): void {
    if (this.status.stoppedBy === code) return;
    this.turn?.hold();
    for (const r of this.replications) void r.state.pause();
    this.hub.stop();
    this.update({ phase: 'error', stoppedBy: code, error: problemOf(error), retryAt: null });
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    this.options.onStatus(this.status);
  }
}

function problemOf(error: SyncHttpError, collection?: ReplicatedCollection): SyncProblem {
  return { code: error.code, message: error.message, ...(collection ? { collection } : {}), at: Date.now() };
}
