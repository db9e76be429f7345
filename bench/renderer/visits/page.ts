/**
 * Browser side of the visits bench: the app's own data layer on real IndexedDB (Dexie,
 * strict durability, encryption wrapper) with 100,000 customers and 500,000 visits. Measures
 * what a rep waits for: a customer's visit history opening, and a report draft being saved
 * (the journal copy plus the draft copy, as the report page does on every change; its
 * checkpoint write of the visit document is measured beside it).
 * Exposed as `window.__danganBench.visits` for visits/bench.ts.
 */
import type { MangoQuery } from 'rxdb';
import { randomDevicePrefix } from '../../../src/shared/customers';
import type { CustomerDoc } from '../../../src/shared/schema';
import { LOCAL_PROFILE } from '../../../src/shared/users';
import { reportFieldsOf } from '../../../src/shared/visits';
import { databaseNameFor } from '../../../src/renderer/src/app/open';
import { openDatabase, type DanganDatabase } from '../../../src/renderer/src/db/database';
import { runListQuery } from '../../../src/renderer/src/db/list-query';
import { browserStorage } from '../../../src/renderer/src/db/storage';
import { demoOwners } from '../../../src/renderer/src/features/demo/run-demo';
import { demoCustomers } from '../../../src/renderer/src/features/demo/generator';
import { readDraftCopy, writeDraftCopy } from '../../../src/renderer/src/features/visits/data/draft-copy';
import { writeJournal } from '../../../src/renderer/src/features/visits/data/journal';
import {
  actorOf,
  saveDraft,
  startVisit,
} from '../../../src/renderer/src/features/visits/data/visit-store';
import { visitsOfCustomer } from '../../../src/renderer/src/features/visits/visits.queries';
import { benchVisit, seeded } from './generate';

/** The app's own database, shared with the customers module when it ran first. */
const NAME = databaseNameFor(LOCAL_PROFILE);
const PASSWORD = 'bench-key-0123456789abcdef0123456789';
/** Bench setup only: bigger writes than the UI's 250, since nothing is painting meanwhile. */
const SETUP_BATCH = 2_000;
let db: DanganDatabase | null = null;
let customers: { id: string; ownerId: string; teamId: string }[] = [];
let heavyCustomer = '';

function open(): Promise<DanganDatabase> {
  return openDatabase({
    name: NAME,
    storage: browserStorage(),
    multiInstance: true,
    currentUser: { id: () => LOCAL_PROFILE.id },
    password: PASSWORD,
  });
}

function pageAfter(code: string): MangoQuery<CustomerDoc> {
  return {
    selector: { archiveStatus: 'active', code: { $gt: code } },
    sort: [{ archiveStatus: 'asc' }, { code: 'asc' }],
    limit: SETUP_BATCH,
  };
}

function openRaw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('bench-raw-draft', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('visits', { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('raw open failed'));
  });
}

function rawPut(raw: IDBDatabase, doc: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = raw.transaction('visits', 'readwrite', { durability: 'strict' });
    tx.objectStore('visits').put(doc);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('raw put failed'));
  });
}

function stats(prefix: string, values: number[]): Record<string, number> {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return {
    [`${prefix}_p50_ms`]: at(0.5),
    [`${prefix}_p95_ms`]: at(0.95),
    [`${prefix}_p99_ms`]: at(0.99),
    [`${prefix}_max_ms`]: sorted.at(-1) ?? NaN,
  };
}

async function insertAll<T>(
  write: (docs: T[]) => Promise<{ error: unknown[] }>,
  docs: T[],
): Promise<void> {
  const result = await write(docs);
  if (result.error.length) throw new Error(`${result.error.length} documents not written`);
}

const api = {
  /** Customers: reuses the ones the customers module wrote, or writes its own. */
  async customers(count: number): Promise<Record<string, number>> {
    db = await open();
    const started = performance.now();
    let existing = await db.collections.customers.count().exec();
    if (existing < count) {
      const device = randomDevicePrefix((n) => crypto.getRandomValues(new Uint8Array(n)));
      const options = {
        seed: 777,
        device,
        owners: demoOwners({ id: LOCAL_PROFILE.id, teamId: LOCAL_PROFILE.teamId }),
        now: Date.now(),
      };
      for (const slice of demoCustomers(count - existing, options, SETUP_BATCH)) {
        await insertAll<CustomerDoc>((d) => db!.collections.customers.bulkInsert(d), slice);
      }
      existing = await db.collections.customers.count().exec();
    }
    // Ids and owners only: the documents themselves stay in IndexedDB.
    customers = [];
    // Paged along the code index (the same path the status list takes).
    let after = '';
    for (;;) {
      const page = await db.collections.customers.find(pageAfter(after)).exec();
      for (const c of page) customers.push({ id: c.id, ownerId: c.ownerId, teamId: c.teamId });
      if (page.length < SETUP_BATCH) break;
      after = page.at(-1)!.code;
    }
    return { visits_customers: existing, visits_customers_setup_ms: performance.now() - started };
  },

  async visits(count: number): Promise<Record<string, number>> {
    if (!db) throw new Error('no database');
    const started = performance.now();
    const existing = await db.collections.visits.count().exec();
    const random = seeded(20260323);
    const options = { customerIds: customers, now: Date.now(), random };
    heavyCustomer = customers[0]?.id ?? '';
    let written = existing;
    let index = existing;
    while (written < count) {
      const size = Math.min(SETUP_BATCH, count - written);
      // Every 100th visit goes to one customer, so one history is long (about 5,000 visits).
      const batch = Array.from({ length: size }, () => {
        index += 1;
        return index % 100 === 0
          ? benchVisit(index, options, customers[0])
          : benchVisit(index, options);
      });
      await insertAll((d) => db!.collections.visits.bulkInsert(d), batch);
      written += size;
    }
    return {
      visits: await db.collections.visits.count().exec(),
      visits_setup_ms: performance.now() - started,
    };
  },

  /** A customer's visit history as the archive opens it: the newest 50 with outcomes, ready to show. */
  async history(samples: number): Promise<Record<string, number>> {
    if (!db) throw new Error('no database');
    const random = seeded(99);
    const openHistory = async (customerId: string) => {
      const started = performance.now();
      const docs = await runListQuery(db!, visitsOfCustomer, { customerId, limit: 50 }).exec();
      const rows = docs.map((d) => {
        const v = d.toJSON();
        return {
          id: v.id,
          at: v.startAt ?? v.at,
          status: v.status,
          purposes: v.purposes,
          outcomes: v.outcomes ?? '',
        };
      });
      const ms = performance.now() - started;
      for (let i = 1; i < rows.length; i++)
        if (rows[i]!.at > rows[i - 1]!.at) throw new Error('history is not newest first');
      return { ms, rows: rows.length };
    };
    // Closed and reopened first: the first history after the app starts is the slow one.
    await db.close();
    db = await open();
    const cold = await openHistory(customers[Math.floor(random() * customers.length)]!.id);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < samples; i++) {
      const r = await openHistory(customers[Math.floor(random() * customers.length)]!.id);
      times.push(r.ms);
      rows += r.rows;
    }
    const heavy = await openHistory(heavyCustomer);
    return {
      history_cold_ms: cold.ms,
      ...stats('history', times),
      history_avg_rows: rows / samples,
      history_heavy_ms: heavy.ms,
      history_heavy_rows: heavy.rows,
    };
  },

  /**
   * The report page's save on every change (useAutosave): the journal copy, then the whole
   * draft put into the draft-copy store (relaxed durability, data/draft-copy.ts) —
   * `draft_save_*`. Interleaved, at the same moments and load:
   * - `draft_checkpoint_*`: the checkpoint the page writes when typing pauses (at the latest
   *   2 s after a change): the visit document through the rules, RxDB, strict durability;
   * - `draft_copy_strict_*`: the same small record put with strict durability (what every
   *   change would cost if it waited for the disk);
   * - `raw_idb_put_*`: the whole visit document put by plain IndexedDB, strict: the disk's own
   *   floor on this machine at that time.
   */
  async draftSave(samples: number): Promise<Record<string, number>> {
    if (!db) throw new Error('no database');
    const user = LOCAL_PROFILE;
    const id = await startVisit(db, user, { customerId: customers[1]?.id ?? '' });
    const doc = await db.collections.visits.findOne(id).exec();
    if (!doc) throw new Error('no draft');
    let fields = reportFieldsOf(doc.toMutableJSON());
    const raw = await openRaw();
    // The report page reads the draft copy when it opens (useInitialFields): the store is open
    // before the first change, as here.
    await readDraftCopy(db.name, id);
    const times: number[] = [];
    const checkpointTimes: number[] = [];
    const strictCopyTimes: number[] = [];
    const rawTimes: number[] = [];
    const text = '客户对新款产品的节能表现很感兴趣，希望下次带样机现场演示，并提供三年保修方案。';
    for (let i = 0; i < samples; i++) {
      fields = {
        ...fields,
        outcomes: text.repeat(1 + (i % 8)).slice(0, 40 + i * 3),
        purposes: i % 2 ? ['demonstration'] : ['demonstration', 'closing'],
      };
      const at = Date.now();
      const started = performance.now();
      writeJournal(id, fields, at);
      await writeDraftCopy(db.name, id, fields, at);
      times.push(performance.now() - started);

      const checkpointStarted = performance.now();
      await saveDraft(db, id, fields, actorOf(user));
      checkpointTimes.push(performance.now() - checkpointStarted);

      const strictStarted = performance.now();
      await rawPut(raw, { id: `copy-${id}`, visitId: id, fields, at });
      strictCopyTimes.push(performance.now() - strictStarted);

      const rawStarted = performance.now();
      await rawPut(raw, { ...doc.toJSON(), ...fields, updatedAt: Date.now() });
      rawTimes.push(performance.now() - rawStarted);
    }
    raw.close();
    const copy = await readDraftCopy(db.name, id);
    if (copy?.fields.outcomes !== fields.outcomes) throw new Error('the last draft copy was not saved');
    const saved = (await db.collections.visits.findOne(id).exec())?.toJSON();
    if (saved?.outcomes !== fields.outcomes) throw new Error('the last checkpoint was not saved');
    return {
      ...stats('draft_save', times),
      ...stats('draft_checkpoint', checkpointTimes),
      ...stats('draft_copy_strict', strictCopyTimes),
      ...stats('raw_idb_put', rawTimes),
    };
  },

  async release(): Promise<Record<string, number>> {
    customers = [];
    await db?.close();
    db = null;
    return {};
  },
};

Object.assign(window, {
  __danganBench: {
    ...((window as unknown as { __danganBench?: object }).__danganBench ?? {}),
    visits: api,
  },
});
