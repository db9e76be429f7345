import { describe, expect, it } from 'vitest';
import { FilterChoiceCounts } from '../../../src/renderer/src/features/customers/list/filter-choices';
import type { CustomerRow } from '../../../src/renderer/src/features/customers/row';

function row(id: string, industry: string, region: string, tags: string[], ownerId: string): CustomerRow {
  return { id, industry, region, tags, ownerId } as unknown as CustomerRow;
}

/** What the choices are by definition: every value some row holds, sorted (owners as a set). */
function recount(rows: Map<string, CustomerRow>) {
  const collator = new Intl.Collator('zh-CN-u-co-pinyin');
  const of = (pick: (r: CustomerRow) => readonly string[]) => [...new Set([...rows.values()].flatMap(pick).filter(Boolean))].sort(collator.compare);
  return {
    industries: of((r) => [r.industry]),
    regions: of((r) => [r.region]),
    tags: of((r) => r.tags),
    owners: new Set(of((r) => [r.ownerId])),
  };
}

describe('the filter bar choices', () => {
  it('stay equal to a full recount through seeded inserts, edits and deletes, counting only what changed', () => {
    let s = 42;
    const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
    const rows = new Map<string, CustomerRow>();
    const log: Set<string>[] = [];
    const changedSince = (version: number) => (version < log.length - 30 ? null : new Set(log.slice(version).flatMap((ids) => [...ids])));
    const counts = new FilterChoiceCounts();
    for (let version = 1; version <= 300; version++) {
      const ids = new Set<string>();
      for (let k = 0; k < 1 + Math.floor(rand() * 5); k++) {
        const id = `c${Math.floor(rand() * 60)}`;
        ids.add(id);
        if (rand() < 0.25) rows.delete(id);
        else rows.set(id, row(id, pick(['制造业', '信息技术', '零售', '']), pick(['华东', '华南', '西北']), [pick(['VIP', '老客户', '团购'])], pick(['u1', 'u2', 'u3'])));
      }
      log.push(ids);
      // Not every version is rendered.
      if (rand() < 0.5) expect(counts.choices(rows, version, changedSince), `version ${version}`).toEqual(recount(rows));
    }
  });
});
