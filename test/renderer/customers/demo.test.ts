import { afterEach, describe, expect, it } from 'vitest';
import type { DanganDatabase } from '../../../src/renderer/src/db/database';
import { CustomerCatalog } from '../../../src/renderer/src/features/customers/catalog';
import { demoCustomers, type DemoOptions } from '../../../src/renderer/src/features/demo/generator';
import { fillWithDemoData } from '../../../src/renderer/src/features/demo/run-demo';
import { customerFormSchema, formFromCustomer, isValidCreditCode, isValidIdNumber } from '../../../src/shared/customers';
import { LOCAL_PROFILE } from '../../../src/shared/users';
import { openMemoryDatabase } from '../db/memory-db';

const options: DemoOptions = { seed: 42, device: 'DEM0A', owners: [{ id: 'u1', teamId: 't1' }], now: Date.UTC(2025, 5, 1) };
const all = (count: number, o = options) => [...demoCustomers(count, o, 100)].flat();

let db: DanganDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe('demo data', () => {
  it('makes customers that pass the same validation as typed ones', () => {
    const docs = all(400);
    for (const doc of docs) {
      const result = customerFormSchema.safeParse(formFromCustomer(doc));
      expect(result.success, `${doc.name}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
      if (doc.creditCode) expect(isValidCreditCode(doc.creditCode)).toBe(true);
      if (doc.idNumber) expect(isValidIdNumber(doc.idNumber)).toBe(true);
    }
    expect(new Set(docs.map((d) => d.code)).size).toBe(400);
    expect(docs.some((d) => d.type === 'enterprise') && docs.some((d) => d.type === 'individual')).toBe(true);
    expect(docs.some((d) => d.archiveStatus === 'retired' && d.statusHistory.length === 1)).toBe(true);
    expect(docs.some((d) => d.contacts.some((c) => c.isEmergency))).toBe(true);
  });

  it('is the same for the same seed', () => {
    const strip = (d: ReturnType<typeof all>[number]) => ({ ...d, id: '', contacts: d.contacts.map((c) => ({ ...c, id: '' })), addresses: d.addresses.map((a) => ({ ...a, id: '' })), statusHistory: [] });
    expect(all(50).map(strip)).toEqual(all(50).map(strip));
    expect(all(50, { ...options, seed: 43 }).map((d) => d.name)).not.toEqual(all(50).map((d) => d.name));
  });

  it('fills a database with progress, staff directory included, and the catalog finds them', async () => {
    db = await openMemoryDatabase(LOCAL_PROFILE.id);
    const progress: number[] = [];
    const written = await fillWithDemoData(db, LOCAL_PROFILE, { count: 600, seed: 7, onProgress: (done) => progress.push(done) });
    expect(written).toBe(600);
    expect(progress.at(-1)).toBe(600);
    expect(await db.collections.customers.count().exec()).toBe(600);
    expect((await db.collections.reference.findByIds(['staff-rep-li-na']).exec()).size).toBe(1);
    const catalog = new CustomerCatalog(db);
    await catalog.whenSearchComplete();
    const someone = [...catalog.rows.values()].find((r) => r.type === 'individual')!;
    expect(catalog.index.search(someone.name).hits.map((h) => h.id)).toContain(someone.id);
    catalog.close();
  });
});
