import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { writeInBatches } from '../../src/renderer/src/db/batch';
import type { openDatabase } from '../../src/renderer/src/db/database';
import type { browserStorage } from '../../src/renderer/src/db/storage';
import type { fillWithDefaultSettings, RxStorage, getChangedDocumentsSince, getChangedDocumentsSinceQuery, prepareQuery } from 'rxdb';
import type { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { withInsertsWithoutRead } from '../../src/renderer/src/db/dexie-inserts';
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
    fillWithDefaultSettings: typeof fillWithDefaultSettings;
    getRxStorageDexie: typeof getRxStorageDexie;
  };
  withInsertsWithoutRead: typeof withInsertsWithoutRead;
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

  it('writes inserts without reading them first, with the results, documents and events of RxDB\'s Dexie storage', async () => {
    const result = await app!.page.evaluate(async () => {
      const { fillWithDefaultSettings, getRxStorageDexie } = __dbtest.rxdb;
      const schema = fillWithDefaultSettings({
        version: 0,
        primaryKey: 'id',
        type: 'object',
        properties: { id: { type: 'string', maxLength: 20 }, n: { type: 'number', minimum: 0, maximum: 1000, multipleOf: 1 }, done: { type: 'boolean' } },
        required: ['id', 'n', 'done'],
        indexes: ['n', 'done'],
      });
      type Stored = { id: string; n: number; done: boolean; _deleted: boolean; _rev: string; _attachments: object; _meta: { lwt: number } };
      const doc = (id: string, n: number, rev: string, deleted = false): Stored => ({
        id, n, done: n % 2 === 0, _deleted: deleted, _rev: rev, _attachments: {}, _meta: { lwt: 1_750_000_000_000 + n },
      });
      const run = async (name: string, storage: RxStorage<unknown, object>) => {
        const instance = await storage.createStorageInstance<Stored>({
          databaseName: name, collectionName: 'things', schema: schema as never, options: {}, multiInstance: false, devMode: false, databaseInstanceToken: name,
        });
        const events: unknown[] = [];
        const sub = instance.changeStream().subscribe((bulk) =>
          events.push({ context: bulk.context, checkpoint: bulk.checkpoint, events: bulk.events.map((e) => [e.operation, e.documentId, e.documentData._rev, e.previousDocumentData?._rev ?? null]) }),
        );
        const [a, b, c, d] = [doc('a', 1, '1-a'), doc('b', 2, '1-b'), doc('c', 3, '1-c'), doc('d', 4, '1-d')];
        const answers = [];
        // IndexedDB reads per write: the point of the wrapper is that inserts cost none.
        const gets: number[] = [];
        const get = IDBObjectStore.prototype.get;
        let count = 0;
        IDBObjectStore.prototype.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
          count++;
          return get.call(this, key);
        };
        for (const rows of [
          [{ document: a }, { document: b }, { document: c }],
          // new, insert over an existing one, updates with the right and a wrong previous, an
          // update of a document not stored, a deleted insert
          [
            { document: d },
            { document: doc('a', 5, '2-a') },
            { previous: b, document: doc('b', 6, '2-b') },
            { previous: doc('c', 3, '9-x'), document: doc('c', 7, '2-c') },
            { previous: doc('e', 8, '1-e'), document: doc('e', 9, '2-e') },
            { document: doc('f', 10, '1-f', true) },
          ],
          // inserts only, one of them over an existing document
          [{ document: doc('g', 11, '1-g') }, { document: doc('d', 12, '2-d') }],
        ]) {
          count = 0;
          const answer = await instance.bulkWrite(rows as never, 'test-write');
          gets.push(count);
          answers.push(answer.error.map((e) => [e.status, e.documentId, ('documentInDb' in e ? e.documentInDb?._rev : null) ?? null]));
        }
        // Reads by id: present, absent and deleted ones, with and without the deleted; then ten
        // ids of which none is stored (a page of new documents).
        const some = ['g', 'x', 'a', 'f', 'c', 'y', 'b', 'e', 'z', 'd'];
        const reads: string[][] = [];
        const readGets: number[] = [];
        for (const [ids, withDeleted] of [[some, false], [some, true], [Array.from({ length: 10 }, (_, i) => `n${i}`), true]] as const) {
          count = 0;
          const docs = await instance.findDocumentsById([...ids], withDeleted);
          reads.push(docs.map((d) => `${d.id}:${d._rev}${d._deleted ? ':deleted' : ''}`));
          readGets.push(count);
        }
        IDBObjectStore.prototype.get = get;
        const stored = await instance.findDocumentsById(['a', 'b', 'c', 'd', 'e', 'f', 'g'], true);
        // The boolean index is stored as Dexie's storage stores it ('1'/'0'): queried through it.
        const byDone = await instance.query(__dbtest.rxdb.prepareQuery(instance.schema, { selector: { done: true }, sort: [{ id: 'asc' }], skip: 0 }));
        sub.unsubscribe();
        await instance.remove();
        return { gets, readGets, reads, answers, events, stored: stored.map((s) => [s.id, s.n, s._rev, s._deleted]).sort(), byDone: byDone.documents.map((d) => d.id) };
      };
      const named = (which: string) => (error: unknown) => ({ failed: `${which}: ${error instanceof Error ? `${error.name} ${error.message}` : String(error)}` });
      return {
        original: await run('ins-original', getRxStorageDexie({})).catch(named('original')),
        wrapped: await run('ins-wrapped', __dbtest.withInsertsWithoutRead(getRxStorageDexie({}))).catch(named('wrapped')),
      };
    });
    expect({ ...result.wrapped, gets: [], readGets: [] }).toEqual({ ...result.original, gets: [], readGets: [] });
    // Reads: the original reads every row; the wrapper only rows with a previous state and
    // inserts that IndexedDB refused (a, d in the second write; d in the third).
    expect(result.original).toMatchObject({ gets: [3, 6, 2] });
    expect(result.wrapped).toMatchObject({ gets: [0, 4, 1] });
    // By key range: one getAll instead of a get per id.
    expect(result.original).toMatchObject({ readGets: [10, 10, 10] });
    expect(result.wrapped).toMatchObject({ readGets: [0, 0, 0] });
    expect(result.original).toMatchObject({ reads: [expect.not.arrayContaining(['f:1-f:deleted']), expect.arrayContaining(['f:1-f:deleted']), []] });
    // The case list is what it says: conflicts for a, c (wrong previous) and d, the rest stored.
    expect(result.original).toMatchObject({
      answers: [[], [[409, 'a', '1-a'], [409, 'c', '1-c']], [[409, 'd', '1-d']]],
      stored: expect.arrayContaining([['b', 6, '2-b', false], ['e', 9, '2-e', false], ['f', 10, '1-f', true]]),
      byDone: expect.arrayContaining(['b', 'd']),
    });
  });
});
