import type { RxStorageInstanceReplicationState } from 'rxdb';
import { firstValueFrom, from, race, timer } from 'rxjs';

type Queues = Pick<RxStorageInstanceReplicationState<unknown>, 'streamQueue'>;

/**
 * Resolves once RxDB's upstream of one replication has nothing queued or running: its stream
 * queue has settled and nothing was chained onto it meanwhile.
 *
 * `events.active.up` does not say that: RxDB 17.6 sets it false *before* the round a RESYNC
 * asks for (replication-protocol/upstream.ts, `processTasks`), and on reconnect that round is
 * the one that reads, compares and pushes everything written offline. Trusting the flag, the
 * laptop said "in sync" while the edits were still on their way up, and what waits for a push
 * to be recorded did not wait for that one.
 */
export function upstreamDrained(state: Queues): Promise<void> {
  return settled(() => [state.streamQueue.up]);
}

/** upstreamDrained, or after `ms` at most; race() leaves no timer behind when the queue wins. */
export async function upstreamDrainedWithin(state: Queues, ms: number): Promise<void> {
  await firstValueFrom(race(from(upstreamDrained(state)), timer(ms)));
}

/**
 * Resolves once RxDB's downstream of one replication has nothing queued or running: every
 * page it fetched is stored, with its bookkeeping. By the queue, like upstreamDrained: the
 * flags are the wrong kind of signal for "done" (see above).
 */
export function downstreamDrained(state: Queues): Promise<void> {
  return settled(() => [state.streamQueue.down]);
}

/** Both directions drained: no pull, push or bookkeeping of this replication under way. */
export function queuesDrained(state: Queues): Promise<void> {
  return settled(() => [state.streamQueue.up, state.streamQueue.down]);
}

/** Waits for the queue tails `current` names until none was replaced meanwhile (failures count as done). */
async function settled(current: () => readonly Promise<unknown>[]): Promise<void> {
  for (;;) {
    const seen = current();
    await Promise.all(seen.map((tail) => tail.catch(() => undefined)));
    if (current().every((tail, i) => tail === seen[i])) return;
  }
}

/**
 * Resolves when the upstream round a (re)start began has ended: RxDB's start() after a pause
 * sends a RESYNC, which reaches the upstream's queue a few microtasks after start() has
 * resolved, so the queue is looked at from the next task on.
 */
export async function upstreamRoundEnded(state: { internalReplicationState?: Queues }, started: Promise<void>): Promise<void> {
  await started.catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (state.internalReplicationState) await upstreamDrained(state.internalReplicationState);
}
