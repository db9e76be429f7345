import { describe, expect, it } from 'vitest';
import { inOwnTask } from '../../../src/renderer/src/app/staged';

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('inOwnTask', () => {
  it('starts after the current task, and its cleanup stops what was started', async () => {
    const log: string[] = [];
    const cleanup = inOwnTask(() => {
      log.push('start');
      return () => log.push('stop');
    });
    log.push('after the call');
    expect(log).toEqual(['after the call']);
    await nextTask();
    expect(log).toEqual(['after the call', 'start']);
    cleanup();
    expect(log).toEqual(['after the call', 'start', 'stop']);
  });

  it('never starts when cleaned up first (an effect undone before its start ran)', async () => {
    const log: string[] = [];
    const cleanup = inOwnTask(() => {
      log.push('start');
      return () => log.push('stop');
    });
    cleanup();
    await nextTask();
    await nextTask();
    expect(log).toEqual([]);
  });
});
