import { describe, expect, it } from 'vitest';
import { KeyedGate } from '../../src/server/sync/gate';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the push gate', () => {
  it('lets at most the limit run per key, the rest in arrival order, other keys unhindered', async () => {
    const gate = new KeyedGate<string>(2);
    const started: string[] = [];
    const release = new Map<string, () => void>();
    const job = (key: string, name: string) =>
      gate.run(key, async () => {
        started.push(name);
        const d = deferred();
        release.set(name, d.resolve);
        await d.promise;
        return name;
      });
    const runs = [job('a', 'a1'), job('a', 'a2'), job('a', 'a3'), job('a', 'a4'), job('b', 'b1')];
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1']);
    release.get('a2')?.();
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);
    release.get('a1')?.();
    release.get('a3')?.();
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
    release.get('a4')?.();
    release.get('b1')?.();
    expect(await Promise.all(runs)).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
  });

  it('frees the slot of a job that fails', async () => {
    const gate = new KeyedGate<string>(1);
    await expect(gate.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run('a', () => Promise.resolve('next'))).toBe('next');
  });
});
