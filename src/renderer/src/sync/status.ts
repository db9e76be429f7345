import { Observable, type MonoTypeOperatorFunction } from 'rxjs';
import type { ReplicatedCollection } from '../../../shared/schema';
import type { SyncErrorCode } from './api';

export const SYNC_PHASES = ['starting', 'online', 'syncing', 'offline', 'error', 'stopped'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

export interface SyncProblem {
  code: SyncErrorCode | 'storage' | 'noSession';
  /** English detail for logs and the tooltip; the UI words the code itself. */
  message: string;
  collection?: ReplicatedCollection;
  at: number;
}

/**
 * What the header shows about sync, posted by the worker whenever it changes.
 * - `online`: connected and nothing waiting; `syncing`: moving documents now;
 * - `offline`: the server cannot be reached, retried with backoff; `error`: the user must act
 *   (signed out elsewhere, device revoked) or the local database failed.
 */
export interface SyncStatus {
  phase: SyncPhase;
  /** When every replicated collection last finished a round with the server. */
  lastSyncAt: number | null;
  /** Changes made here that the server has not confirmed, per collection (only non-zero). */
  pending: Partial<Record<ReplicatedCollection, number>>;
  /** Documents received since this start, while an initial or catch-up pull runs. */
  received: number;
  /** When the next attempt to reach the server is due (offline only). */
  retryAt: number | null;
  error: SyncProblem | null;
  /** Collections whose first round with the server has finished since this start. */
  caughtUp: ReplicatedCollection[];
  /** The server refused this laptop: syncing has stopped until the user signs in again. */
  stoppedBy: 'deviceRevoked' | 'tokenRevoked' | 'tokenExpired' | 'userDisabled' | 'unauthorized' | null;
  /** This worker replicates (it won the election between the laptop's windows). */
  isLeader: boolean;
  /**
   * Another window's worker replicates this database: this one waits to take over when that
   * window closes, and its window still sees every change through the shared database.
   */
  standby: boolean;
}

export const INITIAL_STATUS: SyncStatus = {
  phase: 'starting',
  lastSyncAt: null,
  pending: {},
  received: 0,
  retryAt: null,
  error: null,
  caughtUp: [],
  stoppedBy: null,
  isLeader: false,
  standby: false,
};

export function totalPending(status: Pick<SyncStatus, 'pending'>): number {
  return Object.values(status.pending).reduce((sum, n) => sum + (n ?? 0), 0);
}

/** True when two statuses differ in nothing but the count of documents received. */
function onlyReceivedDiffers(a: SyncStatus, b: SyncStatus): boolean {
  for (const key of Object.keys(a) as (keyof SyncStatus)[]) {
    if (key === 'received') continue;
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    // pending and caughtUp are rebuilt by each post from the worker: compare them by content.
    if (JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}

/**
 * The statuses the window renders. The worker posts one per pulled batch during a first sync —
 * hundreds of thousands of visits came as ~1,200 posts, each re-rendering the header — and
 * between most of them only `received` moves. A status that changes anything else passes at
 * once; one that only moves `received` waits until `ms` after the last one that passed, and only
 * the newest of those is shown. The last status always arrives.
 */
export function calmStatus(ms: number): MonoTypeOperatorFunction<SyncStatus> {
  return (source) =>
    new Observable<SyncStatus>((subscriber) => {
      let shown: SyncStatus | null = null;
      let shownAt = 0;
      let waiting: SyncStatus | null = null;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const show = (status: SyncStatus) => {
        if (timer) clearTimeout(timer);
        timer = null;
        waiting = null;
        shown = status;
        shownAt = Date.now();
        subscriber.next(status);
      };
      const subscription = source.subscribe({
        next: (status) => {
          if (!shown || !onlyReceivedDiffers(shown, status)) return show(status);
          if (status.received === shown.received) return undefined;
          waiting = status;
          if (!timer) {
            timer = setTimeout(() => waiting && show(waiting), Math.max(0, shownAt + ms - Date.now()));
          }
          return undefined;
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (waiting) show(waiting);
          subscriber.complete();
        },
      });
      return () => {
        if (timer) clearTimeout(timer);
        subscription.unsubscribe();
      };
    });
}
