import { describe, expect, it } from 'vitest';
import { newId } from '../../src/shared/ids';
import { ShardedMap, ShardedSet } from '../../src/shared/sharded';

/** A small seeded generator (mulberry32): the same operations on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sorted = <T>(items: Iterable<T>) => [...items].map((x) => JSON.stringify(x)).sort();

describe('sharded Map and Set', () => {
  it('hold what a native Map and Set hold under random sets, deletes and clears', () => {
    const next = random(7);
    const keys = [...Array.from({ length: 300 }, () => newId()), ...Array.from({ length: 200 }, (_, i) => `c-${i}`), '', '客户-甲'];
    const map = new ShardedMap<number>();
    const set = new ShardedSet();
    const nativeMap = new Map<string, number>();
    const nativeSet = new Set<string>();
    for (let step = 0; step < 20_000; step++) {
      const key = keys[Math.floor(next() * keys.length)]!;
      const roll = next();
      if (roll < 0.55) {
        expect(map.set(key, step)).toBe(map);
        nativeMap.set(key, step);
        set.add(key);
        nativeSet.add(key);
      } else if (roll < 0.999) {
        expect(map.delete(key)).toBe(nativeMap.delete(key));
        expect(set.delete(key)).toBe(nativeSet.delete(key));
      } else {
        map.clear();
        nativeMap.clear();
        set.clear();
        nativeSet.clear();
      }
      expect(map.size).toBe(nativeMap.size);
      expect(set.size).toBe(nativeSet.size);
      expect(map.get(key)).toBe(nativeMap.get(key));
      expect(map.has(key)).toBe(nativeMap.has(key));
      expect(set.has(key)).toBe(nativeSet.has(key));
    }
    expect(nativeMap.size).toBeGreaterThan(100);
    expect(sorted(map)).toEqual(sorted(nativeMap));
    expect(sorted(map.entries())).toEqual(sorted(nativeMap.entries()));
    expect(sorted(map.keys())).toEqual(sorted(nativeMap.keys()));
    expect(sorted(map.values())).toEqual(sorted(nativeMap.values()));
    const visited: [string, number][] = [];
    map.forEach((value, key, self) => {
      expect(self).toBe(map);
      visited.push([key, value]);
    });
    expect(sorted(visited)).toEqual(sorted(nativeMap));
    expect(sorted(set)).toEqual(sorted(nativeSet));
    expect(sorted(set.values())).toEqual(sorted(nativeSet));
    expect(sorted(set.entries())).toEqual(sorted(nativeSet.entries()));
    const seen: string[] = [];
    set.forEach((value, key) => {
      expect(value).toBe(key);
      seen.push(key);
    });
    expect(sorted(seen)).toEqual(sorted(nativeSet));
  });

  it('spread device ids over their parts, so no part grows far ahead of the others', () => {
    const map = new ShardedMap<true>();
    for (let i = 0; i < 64_000; i++) map.set(newId(), true);
    const parts = (map as unknown as { parts: Map<string, true>[] }).parts.map((p) => p.size);
    expect(parts.length).toBe(32);
    // 2,000 a part on average: none is more than 15 % off.
    expect(Math.max(...parts)).toBeLessThan(2300);
    expect(Math.min(...parts)).toBeGreaterThan(1700);
  });
});
