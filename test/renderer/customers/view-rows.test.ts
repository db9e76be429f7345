import { describe, expect, it } from 'vitest';
import { applyView, DEFAULT_VIEW, SORT_KEYS, type ListView } from '../../../src/renderer/src/features/customers/list/view';
import { mergeChanges, placedOf } from '../../../src/renderer/src/features/customers/list/view-rows';
import type { CustomerRow } from '../../../src/renderer/src/features/customers/row';
import { ACTIVITY_LEVELS, LIFECYCLES } from '../../../src/shared/schema';

/** A small seeded generator, so a failure names the case that reproduces it. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function rowOf(rand: () => number, id: string): CustomerRow {
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  return {
    id,
    // Few distinct codes and keys: ties are common, and ties are where orders differ.
    code: `KH${Math.floor(rand() * 40)}`,
    type: pick(['enterprise', 'individual'] as const),
    name: id,
    namePinyin: pick(['an', 'bai', 'zhang', 'li']),
    ownerId: pick(['u1', 'u2']),
    teamId: 't1',
    lifecycle: pick(LIFECYCLES),
    activityLevel: pick(ACTIVITY_LEVELS),
    industry: pick(['制造业', '信息技术']),
    region: pick(['华东', '华南']),
    tags: rand() < 0.3 ? ['VIP'] : [],
    archiveStatus: pick(['active', 'retired'] as const),
    membershipTier: 'none',
    lastVisitAt: Math.floor(rand() * 5),
    nextTaskAt: Math.floor(rand() * 5),
    updatedAt: 0,
  };
}

const names = (id: string) => ({ u1: '王强', u2: '李娜' })[id] ?? id;

describe('the status list brought up to date from the changed rows only', () => {
  it('lists the same rows in the same order as filtering and sorting everything again', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = random(seed);
      const rows = new Map<string, CustomerRow>();
      for (let i = 0; i < 300; i++) rows.set(`c${i}`, rowOf(rand, `c${i}`));
      const key = SORT_KEYS[seed % SORT_KEYS.length]!;
      const view: ListView = {
        filters: { ...DEFAULT_VIEW.filters, archiveStatus: seed % 3 === 0 ? 'all' : 'active', tags: seed % 4 === 0 ? ['VIP'] : [] },
        sort: { key, dir: seed % 2 === 0 ? 'asc' : 'desc' },
      };
      let shown = applyView(rows.values(), view, names);
      // Odd seeds keep one placement across rounds, as the status list does; even ones make it anew.
      let placed = placedOf(shown);
      for (let round = 0; round < 5; round++) {
        const changed = new Set<string>();
        for (let k = 0; k < 40; k++) {
          const id = `c${Math.floor(rand() * 360)}`;
          changed.add(id);
          if (rand() < 0.2) rows.delete(id);
          else rows.set(id, rowOf(rand, id));
        }
        if (seed % 2 === 0) placed = placedOf(shown);
        const merged = mergeChanges(shown, changed, rows, view, names, placed);
        const full = applyView(rows.values(), view, names);
        if (merged === null) {
          // Orders that depend on the other rows are recomputed, never merged.
          expect(['owner', 'industry', 'region']).toContain(key);
          shown = full;
          placed = placedOf(shown);
          continue;
        }
        expect(merged.map((r) => r.id), `seed ${seed}, ${key}, round ${round}`).toEqual(full.map((r) => r.id));
        shown = merged;
        expect([...placed.keys()].sort(), `placement, seed ${seed}, round ${round}`).toEqual(merged.map((r) => r.id).sort());
      }
    }
  });
});
