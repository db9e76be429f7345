import { useMemo, useRef } from 'react';
import type { CustomerCatalog } from '../catalog';
import type { CustomerRow } from '../row';
import { applyView, filterRows, rowComparator, sortRows, type ListView } from './view';

/** Where each row of a view sits: its id and the row object in the view's array (not the catalog's newer one). */
export type Placed = Map<string, CustomerRow>;

/** The placement of a view's rows, for mergeChanges (built once per full recompute, then kept up to date). */
export function placedOf(rows: readonly CustomerRow[]): Placed {
  return new Map(rows.map((row) => [row.id, row]));
}

/** The first index in `sorted` whose row does not come before `row`. */
function lowerBound(sorted: readonly CustomerRow[], row: CustomerRow, compare: (a: CustomerRow, b: CustomerRow) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(sorted[mid]!, row) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A view's rows brought up to date with some changed ids: the others keep their order, the
 * changed ones are filtered, sorted and merged in, each found by binary search — where
 * filtering and sorting all of them again costs n·log n (120–200 ms at 100k), and comparing
 * every row with the merged ones cost 60–100 ms per change notice at 100k during a first sync.
 * What remains linear is one copy of the array. `placed` (placedOf) says where each row of
 * `previous` is; it is updated to describe the result. Null for sorts whose order depends on
 * the other rows (owner, industry, region): those are recomputed.
 */
export function mergeChanges(
  previous: readonly CustomerRow[],
  changed: ReadonlySet<string>,
  rows: ReadonlyMap<string, CustomerRow>,
  view: ListView,
  ownerName: (id: string) => string,
  placed: Placed = placedOf(previous),
): CustomerRow[] | null {
  const compare = rowComparator(view.sort);
  if (!compare) return null;
  if (changed.size === 0) return [...previous];
  const current: CustomerRow[] = [];
  const removed: number[] = [];
  for (const id of changed) {
    const old = placed.get(id);
    if (old) {
      const at = lowerBound(previous, old, compare);
      // A total order (ties by code, then id): the row is exactly there. If not, recompute.
      if (previous[at] !== old) return null;
      removed.push(at);
      placed.delete(id);
    }
    const row = rows.get(id);
    if (row) current.push(row);
  }
  removed.sort((a, b) => a - b);
  const fresh = sortRows(filterRows(current, view.filters), view.sort, ownerName);
  // Sorted, so their places in `previous` only grow.
  const places = fresh.map((row) => lowerBound(previous, row, compare));
  const merged: CustomerRow[] = new Array<CustomerRow>(previous.length - removed.length + fresh.length);
  let out = 0;
  let f = 0;
  let r = 0;
  for (let i = 0; i < previous.length; i++) {
    while (f < fresh.length && places[f] === i) merged[out++] = fresh[f++]!;
    if (r < removed.length && removed[r] === i) {
      r += 1;
      continue;
    }
    merged[out++] = previous[i]!;
  }
  while (f < fresh.length) merged[out++] = fresh[f++]!;
  for (const row of fresh) placed.set(row.id, row);
  return merged;
}

/**
 * The status list's rows for a view: computed in full when the view, the staff names or the
 * sort need it, otherwise updated from what the catalog says changed since the last time.
 */
export function useViewRows(
  enabled: boolean,
  catalog: CustomerCatalog,
  version: number,
  view: ListView,
  ownerName: (id: string) => string,
): CustomerRow[] {
  const last = useRef<{
    version: number;
    view: ListView;
    ownerName: (id: string) => string;
    rows: CustomerRow[];
    /** Where its rows are, made at the first merge after a full recompute. */
    placed: Placed | null;
  } | null>(null);
  return useMemo(() => {
    if (!enabled) {
      last.current = null;
      return [];
    }
    // Computed from the rows as they are now, which may be ahead of the version rendered.
    const now = catalog.state.version;
    const previous = last.current;
    const changed = previous && previous.view === view && previous.ownerName === ownerName ? catalog.changedSince(previous.version) : null;
    const placed = previous && changed ? (previous.placed ?? placedOf(previous.rows)) : null;
    const merged = previous && changed && placed ? mergeChanges(previous.rows, changed, catalog.rows, view, ownerName, placed) : null;
    const rows = merged ?? applyView(catalog.rows.values(), view, ownerName);
    last.current = { version: now, view, ownerName, rows, placed: merged ? placed : null };
    return rows;
    // `version` is what says the rows changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, catalog, version, view, ownerName]);
}
