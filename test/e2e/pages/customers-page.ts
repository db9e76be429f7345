/**
 * A test page with the customers feature's own reads on the app's data layer on Dexie
 * (IndexedDB in Chromium): the first page read straight from an index, checked against
 * RxDB's query engine on the same documents.
 */
import { writeInBatches } from '../../../src/renderer/src/db/batch';
import { openDatabase } from '../../../src/renderer/src/db/database';
import { runListQuery } from '../../../src/renderer/src/db/list-query';
import { browserStorage } from '../../../src/renderer/src/db/storage';
import { customersFirstPage, type FirstPageParams } from '../../../src/renderer/src/features/customers/customers.queries';
import { queryListedCustomers } from '../../../src/renderer/src/features/customers/raw-read';
import { demoBatch } from '../../../src/renderer/src/features/demo/run-demo';

interface Compared {
  params: FirstPageParams;
  fast: string[];
  engine: string[];
  deletedFlags: unknown[];
}

async function compareFirstPages(count: number): Promise<Compared[]> {
  const db = await openDatabase({
    name: `customersfirstpage${Date.now()}`,
    storage: browserStorage(),
    multiInstance: false,
    currentUser: { id: () => 'clerk' },
    password: 'customers-test-key-0123456789abcdef',
  });
  const owners = [{ id: 'u1', teamId: 't1' }];
  const docs = demoBatch(count, { seed: 7, owners });
  await writeInBatches(db.collections.customers, docs, 'insert');
  const ownerId = docs[3]!.ownerId;
  const sets: FirstPageParams[] = [
    ...customersFirstPage.samples,
    { archiveStatus: 'active', sort: 'code', limit: 50 },
    { archiveStatus: 'retired', sort: 'code', limit: 50 },
    { archiveStatus: 'retired', sort: 'lastVisitAt', limit: 5 },
    { archiveStatus: 'active', sort: 'namePinyin', limit: 30 },
    { archiveStatus: 'active', sort: 'code', ownerId, limit: 20 },
    { archiveStatus: 'retired', sort: 'code', lifecycle: 'active', limit: 50 },
    { archiveStatus: 'all', sort: 'code', limit: count + 10 },
  ];
  const out: Compared[] = [];
  for (const params of sets) {
    const fast = await queryListedCustomers(db, customersFirstPage, params);
    const engine = await runListQuery(db, customersFirstPage, params).exec();
    out.push({
      params,
      fast: fast.map((d) => `${d.id} ${d.code} ${d.name} ${d.archiveStatus} ${d.ownerId}`),
      engine: engine.map((d) => `${d.id} ${d.code} ${d.name} ${d.archiveStatus} ${d.ownerId}`),
      deletedFlags: [...new Set(fast.map((d) => (d as unknown as { _deleted: unknown })._deleted))],
    });
  }
  await db.remove();
  return out;
}

Object.assign(globalThis, { __customerstest: { compareFirstPages } });
