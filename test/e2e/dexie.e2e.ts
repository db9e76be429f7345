import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { writeInBatches } from '../../src/renderer/src/db/batch';
import type { openDatabase } from '../../src/renderer/src/db/database';
import type { browserStorage } from '../../src/renderer/src/db/storage';
import type { getChangedDocumentsSince, getChangedDocumentsSinceQuery, prepareQuery } from 'rxdb';
import type { TaskDoc } from '../../src/shared/schema';
import { launchApp, type TestApp } from './harness/app';
import { screenshotOnFailure } from './harness/failure-shots';
import { buildTestPage } from './harness/pages';

type DbTest = {
  openDatabase: typeof openDatabase;
  writeInBatches: typeof writeInBatches;
  browserStorage: typeof browserStorage;
  AT_DESC_BASE: number;
  dexieVersion: string;
  rxdb: {
    getChangedDocumentsSince: typeof getChangedDocumentsSince;
    getChangedDocumentsSinceQuery: typeof getChangedDocumentsSinceQuery;
    prepareQuery: typeof prepareQuery;
  };
};
declare const __dbtest: DbTest;

describe('the data layer on Dexie in Chromium', () => {
  let app: TestApp | undefined;
  screenshotOnFailure(() => app?.page);

  beforeAll(async () => {
    const dir = buildTestPage('db', path.resolve(import.meta.dirname, 'pages/db-page.ts'));
    app = await launchApp({ extraRoots: { '/__test/': dir } });
    await app.page.goto(`${app.baseUrl}/__test/db.html`);
    await app.page.waitForFunction(() => 'dbtest' in globalThis || '__dbtest' in globalThis);
  });
  afterAll(async () => {
    await app?.dispose();
  });

  it('opens every collection on IndexedDB, with the one Dexie that RxDB pins', async () => {
    const result = await app!.page.evaluate(async () => {
      const db = await __dbtest.openDatabase({
        name: 'dexietest',
        storage: __dbtest.browserStorage(),
        multiInstance: false,
        currentUser: { id: () => 'u1' },
        password: 'dexie-test-key-0123456789abcdef',
      });
      const names = Object.keys(db.collections).sort();
      await db.close();
      return { names, dexie: __dbtest.dexieVersion };
    });
    expect(result.names).toHaveLength(12);
    expect(result.dexie).toBe('4.4.2');
  });

  it('writes 2,000 documents in batches and serves newest-first from the atDesc index', async () => {
    const result = await app!.page.evaluate(async () => {
      const db = await __dbtest.openDatabase({
        name: 'dexiebatch',
        storage: __dbtest.browserStorage(),
        multiInstance: false,
        currentUser: { id: () => 'clerk' },
        password: 'dexie-test-key-0123456789abcdef',
      });
      const base = 1_750_000_000_000;
      const docs = Array.from({ length: 2_000 }, (_, i) => ({
        id: `t${String(i).padStart(5, '0')}`,
        customerId: i % 2 ? 'c-odd' : 'c-even',
        kind: 'returnVisit',
        status: 'open',
        title: `回访 ${i}`,
        assigneeId: 'u1',
        at: base + ((i * 7919) % 2_000) * 60_000,
        atDesc: 0,
        createdAt: 0,
        createdBy: '',
        updatedAt: 0,
        updatedBy: '',
      })) satisfies TaskDoc[];
      const progress: number[] = [];
      await __dbtest.writeInBatches(db.collections.tasks, docs, 'insert', {
        onProgress: (p) => progress.push(p.done),
      });
      const query = db.collections.tasks.find({
        selector: { customerId: 'c-odd' },
        sort: [{ customerId: 'asc' }, { atDesc: 'asc' }],
        limit: 5,
      });
      const plan = (query.getPreparedQuery() as unknown as { queryPlan: { sortSatisfiedByIndex: boolean; selectorSatisfiedByIndex: boolean } }).queryPlan;
      const newest = (await query.exec()).map((d) => d.at);
      const all = (await db.collections.tasks.find({ selector: { customerId: 'c-odd' } }).exec()).map((d) => d.at);
      const stamped = (await db.collections.tasks.findOne('t00001').exec())?.updatedBy;
      const count = await db.collections.tasks.count().exec();
      await db.close();
      return { progress, plan, newest, expected: all.sort((a, b) => b - a).slice(0, 5), stamped, count };
    });
    expect(result.count).toBe(2_000);
    expect(result.progress).toHaveLength(8);
    expect(result.plan).toEqual(expect.objectContaining({ sortSatisfiedByIndex: true, selectorSatisfiedByIndex: true }));
    expect(result.newest).toEqual(result.expected);
    expect(result.stamped).toBe('clerk');
  });

  it('pages through changes with one index read each, exactly as RxDB\'s own query does', async () => {
    const result = await app!.page.evaluate(async () => {
      const db = await __dbtest.openDatabase({
        name: 'dexiechanges',
        storage: __dbtest.browserStorage(),
        multiInstance: false,
        currentUser: { id: () => 'clerk' },
        password: 'dexie-test-key-0123456789abcdef',
      });
      const task = (i: number) => ({
        id: `t${String((i * 7919) % 1000).padStart(4, '0')}`,
        customerId: 'c1',
        kind: 'returnVisit' as const,
        status: 'open' as const,
        title: `回访 ${i}`,
        assigneeId: 'u1',
        at: 1_750_000_000_000 + i,
        atDesc: 0,
        createdAt: 0,
        createdBy: '',
        updatedAt: 0,
        updatedBy: '',
      });
      const tasks = db.collections.tasks;
      // Writes of 100 share one write time each: pages must break ties by id.
      await __dbtest.writeInBatches(tasks, Array.from({ length: 600 }, (_, i) => task(i)), 'insert', { batchSize: 100 });
      for (const id of ['t0000', 't0919', 't0838']) await (await tasks.findOne(id).exec())!.incrementalPatch({ title: 'again' });
      await (await tasks.findOne('t0757').exec())!.remove();
      const instance = tasks.storageInstance;
      const { getChangedDocumentsSince, getChangedDocumentsSinceQuery, prepareQuery } = __dbtest.rxdb;
      const viaQuery = async (limit: number, checkpoint: unknown) => {
        const query = prepareQuery(instance.schema, getChangedDocumentsSinceQuery(instance, limit, checkpoint));
        return (await instance.query(query)).documents;
      };
      const pages: { ids: string[]; expected: string[] }[] = [];
      let checkpoint: unknown;
      for (;;) {
        const expected = (await viaQuery(64, checkpoint)).map((d) => `${d.id}${d._deleted ? ' deleted' : ''}`);
        const page = await getChangedDocumentsSince(instance, 64, checkpoint);
        pages.push({ ids: page.documents.map((d) => `${d.id}${d._deleted ? ' deleted' : ''}`), expected });
        if (page.documents.length === 0) break;
        checkpoint = page.checkpoint;
      }
      const own = typeof (instance as { getChangedDocumentsSince?: unknown }).getChangedDocumentsSince === 'function';
      await db.close();
      return { pages, own };
    });
    expect(result.own).toBe(true);
    for (const page of result.pages) expect(page.ids).toEqual(page.expected);
    const all = result.pages.flatMap((p) => p.ids);
    expect(all).toHaveLength(600);
    expect(new Set(all).size).toBe(600);
    expect(all.slice(-4)).toEqual(['t0000', 't0919', 't0838', 't0757 deleted']);
  });
});
