import { ShardedMap } from '../../../../../shared/sharded';
import type { CustomerRow } from '../row';

export interface FilterChoices {
  industries: string[];
  regions: string[];
  tags: string[];
  owners: Set<string>;
}

type Field = 'industries' | 'regions' | 'tags' | 'owners';
const FIELDS: readonly Field[] = ['industries', 'regions', 'tags', 'owners'];
const collator = new Intl.Collator('zh-CN-u-co-pinyin');

function valuesOf(row: CustomerRow, field: Field): readonly string[] {
  switch (field) {
    case 'industries':
      return row.industry ? [row.industry] : [];
    case 'regions':
      return row.region ? [row.region] : [];
    case 'tags':
      return row.tags;
    case 'owners':
      return row.ownerId ? [row.ownerId] : [];
  }
}

/**
 * The filter bar's choices (the industries, regions, tags and owners the rows hold), kept as
 * counts per value and brought up to date from the ids that changed. Recomputing them over
 * every row on each change notice was four passes over 100k rows for every pulled batch.
 */
export class FilterChoiceCounts {
  private readonly counts: Record<Field, Map<string, number>> = {
    industries: new Map(),
    regions: new Map(),
    tags: new Map(),
    owners: new Map(),
  };
  /** The row each id was counted as. */
  /** The row each id was counted as (sharded: see sharded.ts). */
  private readonly counted = new ShardedMap<CustomerRow>();
  private version: number | null = null;
  private cached: FilterChoices | null = null;

  /** The choices for `rows` at `version`; `changedSince` as the catalog's (null: recount all). */
  choices(
    rows: ReadonlyMap<string, CustomerRow>,
    version: number,
    changedSince: (version: number) => ReadonlySet<string> | null,
  ): FilterChoices {
    if (this.version === version && this.cached) return this.cached;
    const changed = this.version === null ? null : changedSince(this.version);
    let moved = false;
    if (changed === null) {
      for (const field of FIELDS) this.counts[field].clear();
      this.counted.clear();
      for (const row of rows.values()) this.add(row);
      moved = true;
    } else {
      for (const id of changed) {
        const before = this.counted.get(id);
        const now = rows.get(id);
        if (before === now) continue;
        if (before) moved = this.remove(before) || moved;
        if (now) moved = this.add(now) || moved;
      }
    }
    this.version = version;
    if (moved || !this.cached) {
      const sorted = (field: Field) => [...this.counts[field].keys()].sort(collator.compare);
      this.cached = { industries: sorted('industries'), regions: sorted('regions'), tags: sorted('tags'), owners: new Set(this.counts.owners.keys()) };
    }
    return this.cached;
  }

  /** True when a value appeared. */
  private add(row: CustomerRow): boolean {
    let appeared = false;
    this.counted.set(row.id, row);
    for (const field of FIELDS) {
      for (const value of new Set(valuesOf(row, field))) {
        const n = this.counts[field].get(value) ?? 0;
        this.counts[field].set(value, n + 1);
        if (n === 0) appeared = true;
      }
    }
    return appeared;
  }

  /** True when a value disappeared. */
  private remove(row: CustomerRow): boolean {
    let gone = false;
    this.counted.delete(row.id);
    for (const field of FIELDS) {
      for (const value of new Set(valuesOf(row, field))) {
        const n = (this.counts[field].get(value) ?? 0) - 1;
        if (n <= 0) {
          this.counts[field].delete(value);
          gone = true;
        } else this.counts[field].set(value, n);
      }
    }
    return gone;
  }
}
