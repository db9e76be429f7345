import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { calmStatus, INITIAL_STATUS, type SyncStatus } from '../../../src/renderer/src/sync/status';

const status = (over: Partial<SyncStatus>): SyncStatus => ({ ...INITIAL_STATUS, ...over });

describe('calmStatus: the statuses the window renders', () => {
  let source: Subject<SyncStatus>;
  let seen: SyncStatus[];
  let done: boolean;

  beforeEach(() => {
    vi.useFakeTimers();
    source = new Subject<SyncStatus>();
    seen = [];
    done = false;
    source.pipe(calmStatus(500)).subscribe({ next: (s) => seen.push(s), complete: () => (done = true) });
  });
  afterEach(() => vi.useRealTimers());

  it('shows at most one count of received documents per interval, and the newest', () => {
    source.next(status({ phase: 'syncing', received: 0 }));
    for (let i = 1; i <= 100; i++) {
      source.next(status({ phase: 'syncing', received: i * 250 }));
      vi.advanceTimersByTime(10);
    }
    // 1,000 ms of posts every 10 ms: the first, then one per 500 ms.
    expect(seen.map((s) => s.received)).toEqual([0, 12_500, 25_000]);
    vi.advanceTimersByTime(500);
    expect(seen.at(-1)?.received).toBe(25_000);
  });

  it('passes a change of anything else at once, with the count it carries', () => {
    source.next(status({ phase: 'syncing', received: 0 }));
    source.next(status({ phase: 'syncing', received: 250 }));
    source.next(status({ phase: 'syncing', received: 500, caughtUp: ['customers'] }));
    source.next(status({ phase: 'online', received: 500, caughtUp: ['customers'] }));
    source.next(status({ phase: 'online', received: 500, caughtUp: ['customers'], pending: { visits: 1 } }));
    expect(seen.map((s) => [s.phase, s.received, s.caughtUp.length, s.pending.visits ?? 0])).toEqual([
      ['syncing', 0, 0, 0],
      ['syncing', 500, 1, 0],
      ['online', 500, 1, 0],
      ['online', 500, 1, 1],
    ]);
    // The waiting count was superseded: nothing more comes.
    vi.advanceTimersByTime(1_000);
    expect(seen).toHaveLength(4);
  });

  it('compares rebuilt lists by content, and drops repeats of what is shown', () => {
    source.next(status({ phase: 'syncing', caughtUp: ['customers'], pending: { customers: 2 } }));
    source.next(status({ phase: 'syncing', caughtUp: ['customers'], pending: { customers: 2 } }));
    expect(seen).toHaveLength(1);
  });

  it('delivers the last waiting count when the worker ends', () => {
    source.next(status({ phase: 'syncing', received: 0 }));
    source.next(status({ phase: 'syncing', received: 250 }));
    expect(seen).toHaveLength(1);
    source.complete();
    expect(seen.map((s) => s.received)).toEqual([0, 250]);
    expect(done).toBe(true);
  });
});
