import { describe, expect, it } from 'vitest';
import { MAX_PULLED_AHEAD, PullBacklog } from '../../../src/renderer/src/sync/pull-backlog';

/** Whether `room()` has resolved after the event loop had a few turns. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 100));
  return done;
}

describe('the pull stays a bounded number of documents ahead of what is stored', () => {
  it('waits while too many pulled documents are unstored, and goes on once their checkpoint is stored', async () => {
    let stored: unknown = null;
    const backlog = new PullBacklog(() => Promise.resolve(stored));
    const page = MAX_PULLED_AHEAD / 2;
    await backlog.room();
    backlog.fetched({ seq: 1 }, page);
    expect(await settled(backlog.room())).toBe(true);
    backlog.fetched({ seq: 2 }, page);
    const waiting = backlog.room();
    expect(await settled(waiting)).toBe(false);
    stored = { seq: 1 };
    expect(await settled(waiting)).toBe(true);
  });

  it('stops waiting when the stored checkpoint matches no fetched page for a while', async () => {
    const backlog = new PullBacklog(() => Promise.resolve({ seq: 'from the live stream' }));
    backlog.fetched({ seq: 1 }, MAX_PULLED_AHEAD);
    await backlog.room();
    // It forgot the pages it could not match: the next page does not wait.
    backlog.fetched({ seq: 2 }, 1);
    expect(await settled(backlog.room())).toBe(true);
  });
});
