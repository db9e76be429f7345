import type { RxReplicationPullStreamItem } from 'rxdb';
import { Subject } from 'rxjs';
import { acceptsStreamCheckpoint, RESYNC, type StreamChange, type SyncCheckpoint } from '../../../shared/sync/protocol';

/**
 * Guards one collection's live stream against RxDB 17.6's dropped RESYNC (DESIGN.md, Sync):
 * in `replication-protocol/downstream.ts` `addNewTask`, a RESYNC queued behind stream events is
 * shifted off the queue and thrown away, and the next event then moves the checkpoint past the
 * changes that RESYNC should have pulled. That happens on reconnect, when events held back
 * during a push are released together with the RESYNC.
 *
 * The guard makes it impossible:
 * - after a RESYNC, stream events are held back until a pull that *started after* the RESYNC
 *   has reached the end of the server's changes; only then are the held events passed on (any
 *   the pull already covered are skipped);
 * - every RESYNC is handed to RxDB twice, back to back. If the first lands behind queued events
 *   and is dropped, the second is alone at the head of the queue and runs; if the first runs,
 *   the second is older than that pull and RxDB skips it for free;
 * - an event whose checkpoint RxDB may not take (another access scope, a reconciliation in
 *   progress) is turned into a RESYNC, as the protocol requires.
 */
export class ResyncGuard<T> {
  readonly stream$ = new Subject<RxReplicationPullStreamItem<T, SyncCheckpoint>>();
  private generation = 0;
  private holding = true;
  private held: StreamChange<T>[] = [];
  private checkpoint: SyncCheckpoint | undefined;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private pullsStarted = 0;

  /** `watchdogMs`: a RESYNC that started no pull in this time is sent again. */
  constructor(private readonly watchdogMs = 15_000) {}

  /** The server (or the connection) says: pull before trusting the stream again. */
  resync(): void {
    this.generation++;
    this.holding = true;
    // Held events predate this RESYNC: the pull it starts covers them.
    this.held = [];
    this.emitResync();
  }

  /** A live change for this collection. */
  change(change: StreamChange<T>): void {
    if (this.holding) {
      this.held.push(change);
      return;
    }
    if (!acceptsStreamCheckpoint(this.checkpoint, change.checkpoint)) {
      this.resync();
      return;
    }
    this.pass(change);
  }

  /** Wraps the pull handler: note when each pull starts and what it returned. */
  async pull(run: () => Promise<{ documents: T[]; checkpoint: SyncCheckpoint }>, batchSize: number) {
    const startedIn = this.generation;
    this.pullsStarted++;
    const result = await run();
    this.checkpoint = result.checkpoint;
    if (this.holding && startedIn === this.generation && result.documents.length < batchSize) this.release();
    return result;
  }

  /** True while events are being held (for tests and status). */
  get isHolding(): boolean {
    return this.holding;
  }

  close(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.stream$.complete();
  }

  private emitResync(): void {
    this.stream$.next(RESYNC);
    this.stream$.next(RESYNC);
    this.armWatchdog();
  }

  private armWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    const before = this.pullsStarted;
    this.watchdog = setTimeout(() => {
      this.watchdog = null;
      if (this.holding && this.pullsStarted === before) this.emitResync();
    }, this.watchdogMs);
  }

  private release(): void {
    this.holding = false;
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
    const held = this.held;
    this.held = [];
    for (const change of held) {
      if (!acceptsStreamCheckpoint(this.checkpoint, change.checkpoint)) {
        this.resync();
        return;
      }
      // Already pulled: passing it on would only move the checkpoint back.
      if (this.checkpoint && change.checkpoint.seq <= this.checkpoint.seq) continue;
      this.pass(change);
    }
  }

  private pass(change: StreamChange<T>): void {
    this.checkpoint = change.checkpoint;
    this.stream$.next({ documents: change.documents, checkpoint: change.checkpoint } as RxReplicationPullStreamItem<T, SyncCheckpoint>);
  }
}
