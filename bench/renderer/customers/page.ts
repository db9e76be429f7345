/**
 * Browser side of the customers bench: real Chromium, real IndexedDB through the app's own
 * code (openDatabase, Dexie storage with strict durability, writeInBatches, the catalog and
 * search index). Exposed as `window.__danganBench.customers` for customers/bench.ts.
 */
import { removeRxDatabase } from 'rxdb';
import type { CustomerDoc } from '../../../src/shared/schema';
import { LOCAL_PROFILE } from '../../../src/shared/users';
import { writeInBatches } from '../../../src/renderer/src/db/batch';
import type { DanganDatabase } from '../../../src/renderer/src/db/database';
import { browserStorage } from '../../../src/renderer/src/db/storage';
import { databaseNameFor, openAppDatabase } from '../../../src/renderer/src/app/open';
import { databaseKeyFor } from '../../../src/renderer/src/features/sync/session';
import { catalogFor } from '../../../src/renderer/src/features/customers/catalog';
import { customersFirstPage } from '../../../src/renderer/src/features/customers/customers.queries';
import { queryListedCustomers } from '../../../src/renderer/src/features/customers/raw-read';
import { rowOf } from '../../../src/renderer/src/features/customers/row';
import { demoBatch, writeDemoStaff } from '../../../src/renderer/src/features/demo/run-demo';
import { rawImport } from './raw-idb';
import { searchQueries, type BenchQuery } from './queries';

const NAME = databaseNameFor(LOCAL_PROFILE);
let docs: CustomerDoc[] = [];
let db: DanganDatabase | null = null;

let key: string | null = null;

/** Exactly as the app opens it: same name and storage, the key main keeps in safeStorage. */
async function open(): Promise<DanganDatabase> {
  key ??= await databaseKeyFor(LOCAL_PROFILE);
  return openAppDatabase(LOCAL_PROFILE, key);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

let count = 0;
let queries: BenchQuery[] = [];

/** Opening the status list: the index-backed first page (no decryption) as the rows it shows. */
async function firstPage(database: DanganDatabase, archiveStatus: 'active' | 'retired' = 'active'): Promise<number> {
  const started = performance.now();
  const page = await queryListedCustomers(database, customersFirstPage, { archiveStatus, sort: 'code', limit: 50 });
  const rows = page.map(rowOf);
  if (archiveStatus === 'active' && rows.length !== Math.min(50, count)) throw new Error(`first page has ${rows.length} rows`);
  return performance.now() - started;
}

function median(values: number[]): number {
  return percentile(values, 50);
}

const api = {
  async generate(n: number): Promise<Record<string, number>> {
    key ??= await databaseKeyFor(LOCAL_PROFILE);
    await removeRxDatabase(NAME, browserStorage(), true, key);
    const started = performance.now();
    docs = demoBatch(n, { seed: 20240612, owners: [{ id: LOCAL_PROFILE.id, teamId: LOCAL_PROFILE.teamId }] });
    count = docs.length;
    queries = searchQueries(docs, 240);
    return { customers: count, generate_ms: performance.now() - started };
  },

  async importRx(): Promise<Record<string, number>> {
    db = await open();
    // The staff directory the demo owners refer to, as the app's demo command writes it.
    await writeDemoStaff(db, LOCAL_PROFILE);
    const started = performance.now();
    await writeInBatches(db.collections.customers, docs, 'insert');
    return { import_ms: performance.now() - started };
  },

  async importRaw(): Promise<Record<string, number>> {
    const ms = await rawImport(NAME, docs);
    // The generated documents are not needed any more: the heap figure is the app's own.
    docs = [];
    return { raw_idb_import_ms: ms };
  },

  async firstPage(): Promise<Record<string, number>> {
    if (!db) throw new Error('no database');
    const first = await firstPage(db);
    const again: number[] = [];
    for (let i = 0; i < 6; i++) again.push(await firstPage(db, i % 2 ? 'retired' : 'active'));
    return { first_page_ms: median([first, ...again]), first_page_first_ms: first };
  },

  async reopen(): Promise<Record<string, number>> {
    const times: number[] = [];
    const opens: number[] = [];
    for (let i = 0; i < 3; i++) {
      await db?.close();
      const started = performance.now();
      db = await open();
      opens.push(performance.now() - started);
      await firstPage(db);
      times.push(performance.now() - started);
    }
    return { reopen_first_page_ms: median(times), reopen_first_page_max_ms: Math.max(...times), reopen_open_ms: median(opens) };
  },

  async buildIndex(): Promise<Record<string, number>> {
    if (!db) throw new Error('no database');
    const catalog = catalogFor(db);
    const started = performance.now();
    await catalog.start();
    const rowsMs = performance.now() - started;
    await catalog.whenSearchComplete();
    const ms = performance.now() - started;
    if (catalog.index.size !== count) throw new Error(`index holds ${catalog.index.size} of ${count}`);
    return { list_rows_ready_ms: rowsMs, search_index_build_ms: ms };
  },

  async search(): Promise<Record<string, number>> {
    if (!db) throw new Error('no database');
    const catalog = catalogFor(db);
    const times: number[] = [];
    let found = 0;
    let expected = 0;
    for (const q of queries) {
      const started = performance.now();
      const result = catalog.index.search(q.text, 20);
      times.push(performance.now() - started);
      if (q.expectId) {
        expected += 1;
        if (result.hits.some((h) => h.id === q.expectId)) found += 1;
      }
    }
    return {
      search_queries: queries.length,
      search_p50_ms: percentile(times, 50),
      search_p95_ms: percentile(times, 95),
      search_max_ms: Math.max(...times),
      search_exact_found_pct: expected ? (100 * found) / expected : NaN,
    };
  },

  async release(): Promise<Record<string, number>> {
    docs = [];
    queries = [];
    await db?.close();
    db = null;
    return {};
  },
};
declare global {
  interface Window {
    __danganBench?: Record<string, unknown>;
  }
}

window.__danganBench = { ...window.__danganBench, customers: api };
export type CustomersBenchApi = typeof api;
